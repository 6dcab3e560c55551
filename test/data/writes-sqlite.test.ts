// Writes on SQLite beyond the shared contract: what reaches SQL (bound parameters only, checks
// before any statement), the statement cache after writes, and a file database in WAL mode with
// a busy timeout, where a reader is not blocked by a transaction writing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite, type SqlDatabase, ValidationError } from '@manouche/data'
import { expect } from 'chai'
import { sql } from 'kysely'
import { Book, sqliteBooks } from '../fixtures/books.js'
import { statementsOf } from './statements.js'

const NANA = { title: 'Nana', author: 'Émile Zola', pages: 464, publicationDate: new Date('1880-03-01') }

describe('writes on SQLite', () => {
  let db: SqlDatabase
  beforeEach(async () => {
    db = await sqliteBooks()
  })
  afterEach(() => db.close())

  it('sends values only as bound parameters', async () => {
    const attack = "x'); DROP TABLE books_book; --"
    const seen = await statementsOf(db, async () => {
      await db.querySet(Book).create({ ...NANA, title: attack, slug: 'nana' })
      await db.querySet(Book).filter({ slug: 'nana' }).update({ author: attack })
      await db.querySet(Book).filter({ author: attack }).delete()
    })
    for (const event of seen) expect(event.sql).not.to.include('DROP')
    expect(seen.flatMap((event) => event.parameters)).to.include(attack)
    expect(await db.querySet(Book).count()).to.equal(6)
  })

  it('runs no statement for values that fail the checks', async () => {
    const seen = await statementsOf(db, async () => {
      const error = await db
        .querySet(Book)
        .create({ ...NANA, pages: 'many', slug: 'nana' })
        .catch((reason: unknown) => reason)
      expect(error).to.be.instanceOf(ValidationError)
    })
    expect(seen).to.deep.equal([])
  })

  it('keeps cached SELECTs right after writes: the same shape gives the new rows', async () => {
    const books = db.querySet(Book)
    const page = () => books.orderBy('-id').slice(0, 2).valuesList('slug', { flat: true }).toArray()
    expect(await page()).to.deep.equal(['the-hobbit', 'pricing-rules'])
    await books.create({ ...NANA, slug: 'nana' })
    expect(await page()).to.deep.equal(['nana', 'the-hobbit'])
    await books.filter({ slug: 'nana' }).update({ slug: 'nana-1880' })
    expect(await page()).to.deep.equal(['nana-1880', 'the-hobbit'])
    await books.filter({ slug: 'nana-1880' }).delete()
    expect(await page()).to.deep.equal(['the-hobbit', 'pricing-rules'])
  })
})

describe('a SQLite file database', () => {
  let folder: string
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'manouche-writes-'))
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it("runs in WAL mode, SQLite's own busy timeout 0 (a lock is waited for on timers); a reader is not blocked by a transaction writing", async () => {
    const file = join(folder, 'books.sqlite3')
    const writer = openSqlite(file)
    const reader = openSqlite(file)
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(writer.kysely)
      expect(mode.rows).to.deep.equal([{ journal_mode: 'wal' }])
      const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(writer.kysely)
      expect(timeout.rows).to.deep.equal([{ timeout: 0 }])
      await writer.createTables(Book)
      await writer.atomic(async () => {
        await writer.querySet(Book).create({ ...NANA, slug: 'nana' })
        // The other connection reads the last committed state at once, without waiting.
        expect(await reader.querySet(Book).count()).to.equal(0)
      })
      expect(await reader.querySet(Book).count()).to.equal(1)
    } finally {
      await writer.close()
      await reader.close()
    }
  })
})
