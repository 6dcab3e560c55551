// Another connection holding SQLite's lock never blocks the event loop: pages without the
// database answer at once, statements wait on timers up to busyTimeout, then a 503.
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BaseView, bootstrap, HttpResponse, path } from '@manouche/core'
import { DatabaseUnavailable, openSqlite, type SqlDatabase } from '@manouche/data'
import BetterSqlite3 from 'better-sqlite3'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { rejects } from './contract.js'

/** A second connection to `file` that takes the write lock (`BEGIN IMMEDIATE`, or EXCLUSIVE) until released. */
function holdLock(file: string, mode: 'IMMEDIATE' | 'EXCLUSIVE' = 'IMMEDIATE'): { release(): void } {
  const other = new BetterSqlite3(file)
  other.exec(`BEGIN ${mode}`)
  other.prepare('UPDATE books_book SET pages = pages + 1 WHERE id = 1').run()
  return {
    release() {
      other.exec('COMMIT')
      other.close()
    },
  }
}

describe('SQLite locked by another connection', function () {
  this.timeout(15_000)
  let dir: string
  let file: string
  let db: SqlDatabase
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'manouche-lock-'))
    file = join(dir, 'books.sqlite3')
    db = openSqlite(file, { busyTimeout: 400 })
    await db.createTables(Book)
    await db.insert(Book, makeBooks())
  })
  afterEach(async () => {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads at once (WAL), and a write waits on timers, then fails with DatabaseUnavailable', async () => {
    const lock = holdLock(file)
    try {
      expect(await db.querySet(Book).count()).to.equal(6)
      let ticks = 0
      const ticker = setInterval(() => ticks++, 10)
      const started = performance.now()
      await rejects(
        db.querySet(Book).filter({ id: 2 }).update({ pages: 1 }),
        DatabaseUnavailable,
        `The SQLite database ${file} stayed locked by another connection for 400 ms (busyTimeout).`,
      )
      clearInterval(ticker)
      expect(performance.now() - started).to.be.within(300, 1500)
      expect(ticks, 'timer ticks while the write waited: the loop was free').to.be.at.least(15)
    } finally {
      lock.release()
    }
    expect(await db.querySet(Book).filter({ id: 2 }).update({ pages: 1 })).to.equal(1)
  })

  it('lets a waiting write through once the lock is released within busyTimeout', async () => {
    const lock = holdLock(file)
    setTimeout(() => lock.release(), 150)
    const started = performance.now()
    expect(await db.querySet(Book).filter({ id: 3 }).update({ pages: 7 })).to.equal(1)
    expect(performance.now() - started).to.be.within(100, 400)
    expect((await db.querySet(Book).get({ id: 3 })).pages).to.equal(7)
  })

  it('waits for a read a rollback-journal lock blocks, on timers, then answers or fails', async () => {
    const journal = join(dir, 'journal.sqlite3')
    const setup = new BetterSqlite3(journal)
    setup.pragma('journal_mode = DELETE')
    setup.close()
    const writer = openSqlite(journal)
    await writer.createTables(Book)
    await writer.insert(Book, makeBooks())
    await writer.close()
    const setback = new BetterSqlite3(journal)
    setback.pragma('journal_mode = DELETE')
    setback.close()
    // Read-only: no switch to WAL, so a writer's EXCLUSIVE lock keeps readers out.
    const reader = openSqlite(journal, { sqlite: { readonly: true }, busyTimeout: 300 })
    try {
      const lock = holdLock(journal, 'EXCLUSIVE')
      setTimeout(() => lock.release(), 100)
      expect(await reader.querySet(Book).count()).to.equal(6)
      const held = holdLock(journal, 'EXCLUSIVE')
      try {
        await rejects(
          reader.querySet(Book).count(),
          DatabaseUnavailable,
          `The SQLite database ${journal} stayed locked by another connection for 300 ms (busyTimeout).`,
        )
      } finally {
        held.release()
      }
    } finally {
      await reader.close()
    }
  })

  it('refuses a busyTimeout that is not a number of milliseconds', () => {
    expect(() => openSqlite(':memory:', { busyTimeout: -1 })).to.throw(
      'openSqlite(): busyTimeout must be a number of milliseconds, not -1.',
    )
  })
})

describe('a site on a locked SQLite, through a real socket', function () {
  this.timeout(20_000)

  it('keeps answering pages without the database (p99 < 50 ms) while writes wait, then get 503 + Retry-After', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manouche-lock-'))
    const file = join(dir, 'books.sqlite3')
    const db = openSqlite(file) // the default busyTimeout: 2,000 ms
    await db.createTables(Book)
    await db.insert(Book, makeBooks())
    class AboutView extends BaseView {
      get() {
        return new HttpResponse('about')
      }
    }
    class CountView extends BaseView {
      async get() {
        return new HttpResponse(String(await db.querySet(Book).count()))
      }
      async post() {
        await db.querySet(Book).filter({ id: 1 }).update({ pages: 2 })
        return new HttpResponse('saved')
      }
    }
    const app = await bootstrap({
      views: [],
      urlpatterns: [path('about/', AboutView.asView()), path('count/', CountView.asView())],
      csrf: false, // the writes are plain fetch() POSTs, without a token
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    // Warm up (the first requests compile the path), so that the figures below are the lock's.
    for (let i = 0; i < 300; i++) await (await fetch(`${base}/about/`)).text()
    const lock = holdLock(file)
    let writes: Promise<Response>[] = []
    try {
      const read = await fetch(`${base}/count/`) // a read: WAL lets it through at once
      expect(await read.text()).to.equal('6')
      const started = performance.now()
      writes = Array.from({ length: 2 }, () => fetch(`${base}/count/`, { method: 'POST' }))
      const latencies: number[] = []
      // The lock is held 3 s.
      while (performance.now() - started < 3000) {
        const t0 = performance.now()
        const about = await fetch(`${base}/about/`)
        expect(await about.text()).to.equal('about')
        latencies.push(performance.now() - t0)
      }
      latencies.sort((a, b) => a - b)
      const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1] as number
      expect(latencies.length).to.be.above(100)
      expect(p99, `p99 of ${latencies.length} GET /about/`).to.be.below(50)
      // Kysely's one SQLite connection takes writes in turn: the first waits 2 s, the second 2 s more.
      for (const write of await Promise.all(writes)) {
        expect(write.status).to.equal(503)
        expect(write.headers.get('retry-after')).to.equal('2')
        const body = await write.text()
        expect(body).to.include('<h1>Service Unavailable (503)</h1>')
        expect(body).not.to.include(file)
      }
    } finally {
      await Promise.allSettled(writes) // answered before close(): it waits for busy connections
      lock.release()
      await app.close()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
