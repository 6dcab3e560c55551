// The PostgreSQL backend against a live server: the whole contract, then what only this backend
// does. It runs when DATABASE_URL names a PostgreSQL server or the local one answers; otherwise
// it registers nothing and says so in one line.
import {
  DatabaseUnavailable,
  Field,
  Model,
  type ModelClass,
  migrate,
  modelMeta,
  openDatabase,
  redactUrl,
  type SqlDatabase,
} from '@manouche/data'
import { expect } from 'chai'
import { sql } from 'kysely'
import { Book, makeBooks } from '../fixtures/books.js'
import { querySetContract } from './contract.js'
import { migrationCases, migrationsFolder } from './migrations.js'
import { makeReviews, Review } from './models.js'
import { TestSchema, testServer } from './postgres-server.js'

const server = await testServer()

if ('skipped' in server) {
  console.log(`  PostgreSQL tests skipped: ${server.skipped}.`)
} else {
  describe('SqlQuerySet on PostgreSQL', () => {
    const schema = new TestSchema(server.url)
    let db: SqlDatabase
    before(async () => {
      await schema.create()
      db = await schema.open()
    })
    after(() => schema.drop())

    querySetContract({
      name: 'PostgreSQL',
      make: async <T>(model: ModelClass<T>, rows: readonly T[]) => {
        await db.createTables(model)
        await sql`truncate table ${sql.table(modelMeta(model)?.table ?? '')} restart identity`.execute(db.kysely)
        await db.insert(model, rows)
        return db.querySet(model)
      },
      atomic: (work) => db.atomic(work),
    })
  })

  describe('migrate() on PostgreSQL', () => {
    let schema: TestSchema
    afterEach(() => schema.drop())
    migrationCases(async () => {
      schema = new TestSchema(server.url)
      await schema.create()
      return schema.open()
    }, true)

    it("keeps its bookkeeping in its own schema, whatever another schema's kysely_migration holds", async () => {
      const other = new TestSchema(server.url)
      await other.create()
      const first = await other.open()
      expect(await migrate(first, migrationsFolder('notes'))).to.have.length(2)
      schema = new TestSchema(server.url)
      await schema.create()
      const second = await schema.open()
      expect(await migrate(second, migrationsFolder('notes'))).to.have.length(2)
      const tables = await sql<{ schema: string }>`
        select table_schema as schema from information_schema.tables where table_name = 'kysely_migration'
        and table_schema in (${other.name}, ${schema.name}) order by 1`.execute(second.kysely)
      expect(tables.rows.map((row) => row.schema)).to.deep.equal([other.name, schema.name].sort())
      await other.drop()
    })
  })

  describe('SqlDatabase (PostgreSQL)', () => {
    const schema = new TestSchema(server.url)
    let db: SqlDatabase
    before(() => schema.create())
    beforeEach(async () => {
      db = await schema.open()
    })
    afterEach(async () => {
      await sql`drop table if exists books_book, reviews_review, notes_note`.execute(db.kysely)
    })
    after(() => schema.drop())

    it('creates tables idempotently: a second createTables() keeps the rows', async () => {
      await db.createTables(Book, Review)
      await db.insert(Book, makeBooks())
      await db.createTables(Book, Review)
      expect(await db.querySet(Book).count()).to.equal(6)
      const indexes = await sql<{ indexname: string }>`
        select indexname from pg_indexes where schemaname = ${schema.name} and tablename = 'books_book' order by indexname`.execute(
        db.kysely,
      )
      expect(indexes.rows.map((row) => row.indexname)).to.deep.equal([
        'books_book_pkey',
        'books_book_publication_date_idx',
        'books_book_slug_key',
      ])
    })

    it('stores dates as timestamptz and gives back equal Date objects, NULLs included', async () => {
      await db.createTables(Review)
      await db.insert(Review, makeReviews())
      const dates = await db.querySet(Review).orderBy('id').valuesList('postedAt', { flat: true }).toArray()
      expect(dates).to.deep.equal(makeReviews().map((review) => review.postedAt))
      const column = await sql<{ data_type: string }>`
        select data_type from information_schema.columns
        where table_schema = ${schema.name} and table_name = 'reviews_review' and column_name = 'posted_at'`.execute(
        db.kysely,
      )
      expect(column.rows).to.deep.equal([{ data_type: 'timestamp with time zone' }])
    })

    it('numbers rows inserted without an id, and returns them saved', async () => {
      await db.createTables(Note)
      const saved = await db.insert(Note, [{ text: 'one' }, { text: 'two' }])
      expect(saved.map((note) => [note.id, note.text])).to.deep.equal([
        [1, 'one'],
        [2, 'two'],
      ])
      expect(saved[0]).to.be.instanceOf(Note)
    })

    it('passes the statement timeout and pool size to pg', async () => {
      const limited = await schema.open({ statementTimeout: 100, poolSize: 1 })
      const error = await sql`select pg_sleep(2)`.execute(limited.kysely).catch((reason: unknown) => reason)
      // The server cancelled it: a DatabaseUnavailable (503) keeping pg's error as its cause.
      expect(error).to.be.instanceOf(DatabaseUnavailable)
      expect((error as Error).message).to.equal(
        `The database at ${redactUrl(server.url)} cancelled a statement that ran past its statement timeout.`,
      )
      expect(((error as Error).cause as Error).message).to.equal('canceling statement due to statement timeout')
      // One connection: concurrent statements queue on it, so they all run in one backend.
      const pid = () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.02)`.execute(limited.kysely)
      const answers = await Promise.all([pid(), pid(), pid()])
      expect(new Set(answers.map((answer) => answer.rows[0]?.pid)).size).to.equal(1)
    })

    it('refuses credentials at start-up, naming the URL without its password', async () => {
      const url = new URL(server.url)
      url.username = 'manouche_nobody'
      url.password = 'hunter2'
      const error = await openDatabase(url.href).catch((reason: unknown) => reason)
      expect(error).to.be.instanceOf(DatabaseUnavailable)
      expect((error as Error).message).to.equal(
        `Cannot connect to the database at ${redactUrl(url.href)}: role "manouche_nobody" does not exist`,
      )
      expect((error as Error).message).not.to.include('hunter2')
    })

    it('numbers new rows after ones inserted with explicit ids', async () => {
      await db.createTables(Note)
      await db.insert(Note, [
        { id: 1, text: 'one' },
        { id: 5, text: 'five' },
      ])
      await db.insert(Note, [{ id: 3, text: 'three' }])
      const [added] = await db.insert(Note, [{ text: 'added' }])
      expect(added?.id).to.equal(6)
      expect(await db.querySet(Note).orderBy('id').valuesList('id', { flat: true }).toArray()).to.deep.equal([
        1, 3, 5, 6,
      ])
    })

    it('keeps SQL-looking strings as data in filters and inserts', async () => {
      await db.createTables(Note)
      const attack = "x'); drop table notes_note; --"
      await db.insert(Note, [{ text: attack }])
      expect(await db.querySet(Note).filter({ text: attack }).count()).to.equal(1)
      expect(await db.querySet(Note).filter({ text__icontains: "'); DROP" }).count()).to.equal(1)
      expect(await db.querySet(Note).count()).to.equal(1)
    })
  })
}

@Model({ app: 'notes' })
class Note {
  id!: number
  @Field() text!: string
}
