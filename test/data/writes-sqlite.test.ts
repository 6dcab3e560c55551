// Writes on SQLite beyond the shared contract: what reaches SQL (bound parameters only, checks
// before any statement), the statement cache after writes, and a file database in WAL mode with
// a busy timeout, where a reader is not blocked by a transaction writing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlite, type SqlDatabase, ValidationError } from '@manouche/data'
import BetterSqlite3 from 'better-sqlite3'
import { expect } from 'chai'
import { sql } from 'kysely'
import { Book, makeBooks, sqliteBooks } from '../fixtures/books.js'
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

describe('create() on SQLite', () => {
  let raw: BetterSqlite3.Database
  let db: SqlDatabase
  let prepared: string[]
  beforeEach(async () => {
    raw = new BetterSqlite3(':memory:')
    prepared = []
    const prepare = raw.prepare.bind(raw)
    raw.prepare = ((text: string) => {
      prepared.push(text)
      return prepare(text)
    }) as typeof raw.prepare
    db = openSqlite(raw)
    await db.createTables(Book)
    await db.insert(Book, makeBooks())
    prepared.length = 0
  })
  afterEach(() => db.close())

  const inserts = () => prepared.filter((text) => text.startsWith('insert'))

  it('prepares the INSERT of a set of columns once, one statement per create(), and gives each saved book', async () => {
    const books = db.querySet(Book)
    const seen = await statementsOf(db, async () => {
      const nana = await books.create({ ...NANA, slug: 'nana' })
      const germinal = await books.create({ ...NANA, title: 'La Bête humaine', pages: 591, slug: 'la-bete-humaine' })
      expect(nana).to.be.instanceOf(Book).and.deep.include({ id: 7, title: 'Nana', pages: 464, slug: 'nana' })
      expect(germinal).to.deep.include({ id: 8, title: 'La Bête humaine', pages: 591, slug: 'la-bete-humaine' })
      expect(germinal.publicationDate).to.deep.equal(new Date('1880-03-01'))
    })
    expect(seen).to.have.length(2)
    expect(seen[0]?.sql).to.equal(seen[1]?.sql)
    expect(seen[1]?.parameters).to.include('La Bête humaine').and.include(591)
    expect(inserts()).to.have.length(1)
    // An explicit primary key is another set of columns: its own INSERT, prepared once.
    expect(await books.create({ ...NANA, id: 20, slug: 'nana-20' })).to.deep.include({ id: 20 })
    expect(await books.create({ ...NANA, id: 21, slug: 'nana-21' })).to.deep.include({ id: 21 })
    expect(inserts()).to.have.length(2)
    expect(await books.orderBy('-pk').valuesList('slug', { flat: true }).toArray()).to.deep.include.members([
      'nana-21',
      'nana-20',
      'la-bete-humaine',
      'nana',
    ])
  })

  it('turns a duplicate slug into a ValidationError naming the field, storing nothing', async () => {
    const books = db.querySet(Book)
    await books.create({ ...NANA, slug: 'nana' })
    const error = await books.create({ ...NANA, slug: 'nana' }).catch((reason: unknown) => reason)
    expect(error).to.be.instanceOf(ValidationError)
    expect(String(error)).to.include('slug')
    expect(await books.count()).to.equal(7)
  })

  it('runs inside atomic(): rolled back with it, kept when it commits', async () => {
    const books = db.querySet(Book)
    const error = await db
      .atomic(async () => {
        await books.create({ ...NANA, slug: 'nana' })
        expect(await books.filter({ slug: 'nana' }).count()).to.equal(1)
        throw new Error('undo')
      })
      .catch((reason: unknown) => reason)
    expect(String(error)).to.equal('Error: undo')
    expect(await books.filter({ slug: 'nana' }).exists()).to.equal(false)
    await db.atomic(() => books.create({ ...NANA, slug: 'nana' }))
    expect(await books.filter({ slug: 'nana' }).count()).to.equal(1)
  })

  it('waits while another transaction holds the connection, never joining it', async () => {
    const books = db.querySet(Book)
    await books.create({ ...NANA, slug: 'warm' })
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const transaction = db.kysely
      .transaction()
      .execute(async () => {
        await gate
        throw new Error('roll back')
      })
      .catch((reason: unknown) => reason)
    await new Promise((resolve) => setImmediate(resolve))
    let created: Book | undefined
    const creating = books.create({ ...NANA, slug: 'nana' }).then((book) => {
      created = book
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(created).to.equal(undefined)
    release()
    expect(String(await transaction)).to.equal('Error: roll back')
    await creating
    expect(created).to.deep.include({ slug: 'nana' })
    expect(await books.filter({ slug: 'nana' }).count()).to.equal(1)
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
