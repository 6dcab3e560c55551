// The baseline and the Manouche app serve the same pages: on the bench database, every workload
// gets the same status, bytes and headers from both (the measured work is the same work).
import { expect } from 'chai'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { openDatabase } from 'manouche'
import { buildBaseline } from './baseline.js'
import { ensureBenchDb } from './database.js'
import { buildManouche, buildManoucheOn } from './manouche-app.js'
import { buildPgBaseline } from './pg-baseline.js'
import { ensurePgBench, PG_POOL_OPTIONS, PG_URL } from './pg-database.js'
import { ARCHIVE_MONTH, type Workload, workloads } from './workloads.js'

/** Headers that vary per response or per connection, left out of the comparison. */
const VARYING = new Set(['date', 'connection', 'keep-alive'])

/**
 * What Manouche adds, by Django's rules, that the lean reference leaves out: a 304 keeps the
 * `Last-Modified` its validator gave (Django's `condition()`), and an `HttpResponse` has a
 * `Content-Type` even with no body (the page's own head()).
 */
function djangoExtras(method: string, status: number, lastModified: string): Record<string, string> {
  if (status === 304) return { 'last-modified': lastModified }
  if (method === 'HEAD') return { 'content-type': 'text/html; charset=utf-8' }
  return {}
}

interface Answer {
  status: number
  headers: Record<string, unknown>
  body: string
}

async function ask(app: FastifyInstance, method: Workload['method'], url: string, headers = {}): Promise<Answer> {
  const response: LightMyRequestResponse = await app.inject({ method, url, headers })
  const kept = Object.entries(response.headers).filter(([name]) => !VARYING.has(name))
  return { status: response.statusCode, headers: Object.fromEntries(kept), body: response.body }
}

/** Send `workload` to both apps: the same status, bytes and headers (Django's extras aside). */
async function expectAlike(
  baseline: FastifyInstance,
  manouche: FastifyInstance,
  workload: Workload,
  lastModified: string,
): Promise<void> {
  const headers = workload.status === 304 ? { 'if-modified-since': lastModified } : {}
  const hand = await ask(baseline, workload.method, workload.path, headers)
  const ours = await ask(manouche, workload.method, workload.path, headers)
  expect(hand.status).to.equal(workload.status)
  expect(ours.status).to.equal(hand.status)
  expect(ours.body).to.equal(hand.body)
  expect(ours.headers).to.deep.equal({ ...hand.headers, ...djangoExtras(workload.method, hand.status, lastModified) })
}

describe('bench: the baseline and the Manouche app serve the same pages', () => {
  let baseline: FastifyInstance
  let manouche: FastifyInstance
  let lastModified: string

  before(async () => {
    ensureBenchDb()
    baseline = buildBaseline()
    manouche = await buildManouche()
    lastModified = String((await ask(baseline, 'HEAD', '/books/')).headers['last-modified'])
  })

  after(async () => {
    await Promise.all([baseline?.close(), manouche?.close()])
  })

  it('gives the newest book date as Last-Modified', () => {
    expect(lastModified).to.match(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} 00:00:00 GMT$/)
  })

  for (const workload of workloads('')) {
    it(`answers ${workload.name} alike`, () => expectAlike(baseline, manouche, workload, lastModified))
  }

  it('renders real pages: escaped text, 20 books a page, Last-Modified on the list', async () => {
    const about = await ask(baseline, 'GET', '/about/')
    expect(about.body).to.include('<li>Dependency &lt;injection&gt;</li>')
    const page = await ask(manouche, 'GET', '/books/?page=2')
    expect(page.body.match(/<li>/g)).to.have.length(20)
    expect(page.body).to.include('&amp;').and.include('Page 2 of 50')
    expect(page.headers['last-modified']).to.equal(lastModified)
  })

  it('renders a month archive with its books, its days and the months around it', async () => {
    const month = await ask(manouche, 'GET', ARCHIVE_MONTH)
    expect(month.body.match(/<li>/g)).to.have.length(2)
    expect(month.body).to.include('<p>Days: 1990-02-06 1990-02-13</p>')
    expect(month.body).to.include('Previous: 1990-01-01 Next: 1990-03-01')
  })

  // The bodies of a 404 differ: the baseline says "Not Found" as the reference does, Manouche
  // gives Django's reason. The baseline has no `?page=last` (neither has the reference).
  const missing = ['/books/?page=51', '/books/?page=0', '/books/?page=two', '/books/1001/']
  for (const url of [...missing, '/books/archive/1990/foo/', '/books/archive/2020/feb/']) {
    it(`answers ${url} with a 404 without Last-Modified on both sides`, async () => {
      for (const app of [baseline, manouche]) {
        const answer = await ask(app, 'GET', url)
        expect(answer.status).to.equal(404)
        expect(answer.headers).not.to.have.property('last-modified')
      }
    })
  }
})

describe('bench: on PostgreSQL, the baseline and the Manouche app serve the same pages', () => {
  let baseline: FastifyInstance
  let manouche: FastifyInstance

  before(async () => {
    await ensurePgBench()
    baseline = await buildPgBaseline()
    const db = await openDatabase(PG_URL, { pool: PG_POOL_OPTIONS })
    manouche = await buildManoucheOn(db)
    manouche.addHook('onClose', () => db.close())
  })

  after(async () => {
    await Promise.all([baseline?.close(), manouche?.close()])
  })

  it('reads the same newest date as on SQLite', async () => {
    const sqlite = buildBaseline()
    try {
      const fromPg = (await ask(baseline, 'HEAD', '/books/')).headers['last-modified']
      expect(fromPg).to.equal((await ask(sqlite, 'HEAD', '/books/')).headers['last-modified'])
      expect((await ask(manouche, 'HEAD', '/books/')).headers['last-modified']).to.equal(fromPg)
    } finally {
      await sqlite.close()
    }
  })

  for (const workload of workloads('').filter((w) => w.reference)) {
    it(`answers ${workload.name} alike`, async () => {
      const lastModified = String((await ask(baseline, 'HEAD', '/books/')).headers['last-modified'])
      await expectAlike(baseline, manouche, workload, lastModified)
    })
  }
})
