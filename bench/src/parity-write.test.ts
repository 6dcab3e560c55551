// The write workload does the same work in both apps: a valid POST /books/new/ with its CSRF
// token gets the same 302 to the new book and stores the same row; a bad one stores nothing.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { buildBaseline } from './baseline.js'
import { ensureBenchDb } from './database.js'
import { freshLibrary, newBookForm } from './library.js'
import { buildManouche } from './manouche-app.js'
import { csrfOf } from './workloads.js'

/** Headers that vary per response or per connection, left out of the comparison. */
const VARYING = new Set(['date', 'connection', 'keep-alive'])

interface Side {
  app: FastifyInstance
  file: string
  cookie: string
  token: string
}

async function post(side: Side, form: Record<string, string>, token = side.token) {
  const response = await side.app.inject({
    method: 'POST',
    url: '/books/new/',
    headers: { cookie: side.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, csrfmiddlewaretoken: token }).toString(),
  })
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !VARYING.has(name)))
  return { status: response.statusCode, headers, body: response.body }
}

/** The rows of `file`'s books_book past the 1,000 of the template. */
function added(file: string): unknown[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT * FROM books_book WHERE id > 1000 ORDER BY id').all()
  } finally {
    db.close()
  }
}

describe('bench: the write workload, POST /books/new/, does the same work in both apps', () => {
  let dir: string
  let hand: Side
  let ours: Side

  beforeEach(async () => {
    ensureBenchDb()
    dir = mkdtempSync(path.join(os.tmpdir(), 'manouche-bench-write-'))
    const open = async (name: string, build: (file: string) => FastifyInstance | Promise<FastifyInstance>) => {
      const file = freshLibrary(path.join(dir, `${name}.sqlite3`))
      const app = await build(file)
      const form = await app.inject({ method: 'GET', url: '/books/new/' })
      expect(form.statusCode).to.equal(200)
      return { app, file, ...csrfOf(form.headers['set-cookie'], form.body) }
    }
    hand = await open('hand', (file) => buildBaseline(undefined, file))
    ours = await open('manouche', (file) => buildManouche(undefined, file))
  })

  afterEach(async () => {
    await Promise.all([hand?.app.close(), ours?.app.close()])
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers a valid form with the same 302 to the new book and stores the same row', async () => {
    const [a, b] = [await post(hand, newBookForm(1)), await post(ours, newBookForm(1))]
    expect(a.status).to.equal(302)
    expect(a.headers.location).to.equal('/books/1001/')
    expect(b).to.deep.equal(a)
    const rows = added(hand.file)
    expect(rows).to.deep.equal([
      {
        id: 1001,
        title: 'Posted <volume> & more 1',
        author: 'Ada Brandt',
        pages: 312,
        publication_date: '2024-05-17T00:00:00.000Z',
        slug: 'posted-1',
      },
    ])
    expect(added(ours.file)).to.deep.equal(rows)
  })

  it('gives each new slug its own row, in order', async () => {
    for (const n of [1, 2, 3]) {
      expect((await post(hand, newBookForm(n))).headers.location).to.equal(`/books/${1000 + n}/`)
      expect((await post(ours, newBookForm(n))).headers.location).to.equal(`/books/${1000 + n}/`)
    }
    expect(added(ours.file)).to.deep.equal(added(hand.file)).and.to.have.length(3)
  })

  const bad: [string, Record<string, string>][] = [
    ['a slug already taken', { ...newBookForm(1), slug: 'volume-7' }],
    ['pages that are not a whole number', { ...newBookForm(1), pages: 'many' }],
    ['a day the calendar lacks', { ...newBookForm(1), publicationDate: '2024-02-30' }],
    ['a title over 200 characters', { ...newBookForm(1), title: 'x'.repeat(201) }],
  ]
  for (const [what, form] of bad) {
    it(`shows the form again for ${what} and stores nothing`, async () => {
      for (const side of [hand, ours]) {
        const answer = await post(side, form)
        expect(answer.status).to.equal(200)
        expect(answer.body).to.include('<form method="post"')
        expect(added(side.file)).to.deep.equal([])
      }
    })
  }

  it('refuses a forged token with a 403 and stores nothing', async () => {
    for (const side of [hand, ours]) {
      expect((await post(side, newBookForm(1), 'x'.repeat(64))).status).to.equal(403)
      expect(added(side.file)).to.deep.equal([])
    }
  })
})
