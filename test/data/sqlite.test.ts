// The SQLite backend: the contract on ':memory:', then what only a database does: bounded query
// counts, bound parameters, schema creation, hydration, seeding and files on disk.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Field, FieldError, Model, type ModelClass, modelMeta, openSqlite, type SqlDatabase } from '@manouche/data'
import { expect } from 'chai'
import { CompiledQuery } from 'kysely'
import { Book, makeBooks, sqliteBooks } from '../fixtures/books.js'
import { querySetContract } from './contract.js'
import { makeReviews, Review } from './models.js'
import { statementsOf } from './statements.js'

describe('SqlQuerySet on SQLite', () => {
  const opened: SqlDatabase[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()))
  })

  // One database per test, so atomic() spans every model a test makes; a model made twice gets a new one.
  const made = new Map<SqlDatabase, Set<ModelClass>>()
  const current = () => opened[opened.length - 1] as SqlDatabase
  querySetContract({
    name: 'SQLite',
    make: async <T>(model: ModelClass<T>, rows: readonly T[]) => {
      if (opened.length === 0 || made.get(current())?.has(model)) {
        opened.push(openSqlite(':memory:'))
        made.set(current(), new Set())
      }
      const db = current()
      made.get(db)?.add(model)
      await db.createTables(model)
      await db.insert(model, rows)
      return db.querySet(model)
    },
    atomic: (work) => current().atomic(work),
  })
})

describe('SqlDatabase (SQLite)', () => {
  let db: SqlDatabase
  beforeEach(async () => {
    db = await sqliteBooks()
  })
  afterEach(() => db.close())

  /** Run `action` and return the statements it sent. */
  const statements = (action: () => Promise<unknown>) => statementsOf(db, action)

  describe('queryCount', () => {
    it('counts one statement for count(), toArray() of a slice, get(), exists() and first()', async () => {
      const books = db.querySet(Book)
      for (const action of [
        () => books.count(),
        () => books.orderBy('title').slice(2, 4).toArray(),
        () => books.slice(2, 4).count(),
        () => books.get({ pk: 1 }),
        () => books.filter({ pages__gt: 100 }).exists(),
        () => books.first(),
        () => books.latest('pages'),
      ]) {
        const before = db.queryCount
        await action()
        expect(db.queryCount - before).to.equal(1)
      }
    })

    it('answers dates() with one SELECT DISTINCT of the truncated dates, reading no book row', async () => {
      const seen = await statements(() =>
        db.querySet(Book).filter({ publicationDate__year: 1954 }).dates('publicationDate', 'month'),
      )
      expect(seen).to.have.length(1)
      expect(seen[0]?.sql).to.equal(
        `select distinct strftime('%Y-%m-01', "publication_date") as "period" from "books_book" ` +
          `where "publication_date" is not null and cast(strftime('%Y', "publication_date") as integer) = ?`,
      )
      expect(seen[0]?.parameters).to.deep.equal([1954])
    })

    it('runs nothing to build a QuerySet, and nothing for an empty slice', async () => {
      const before = db.queryCount
      const page = db.querySet(Book).filter({ pages__gt: 1 }).orderBy('-pages').slice(3, 3)
      expect(await page.toArray()).to.deep.equal([])
      expect(await page.count()).to.equal(0)
      expect(db.queryCount).to.equal(before)
    })

    it('serves a list page of a 1,000-row table with a count and one page', async () => {
      await db.insert(Book, manyBooks(1000, 100))
      const books = db.querySet(Book).orderBy('-publicationDate')
      const seen = await statements(async () => {
        expect(await books.count()).to.equal(1006)
        expect(await books.slice(20, 40).toArray()).to.have.length(20)
      })
      expect(seen).to.have.length(2)
      expect(seen[1]?.sql).to.match(/ limit 20 offset 20$/)
      expect(seen[1]?.parameters).to.deep.equal([])
    })
  })

  describe('bound parameters', () => {
    it('sends values as parameters, never inside the SQL text', async () => {
      const injection = "'; DROP TABLE books_book; --"
      const seen = await statements(() =>
        db.querySet(Book).filter({ title__icontains: injection, author: injection }).toArray(),
      )
      expect(seen[0]?.sql).to.not.include('DROP')
      expect(seen[0]?.parameters).to.include(injection)
      expect(await db.querySet(Book).count()).to.equal(6)
    })

    it('builds no SQL at all for an unknown field', async () => {
      const seen = await statements(async () => {
        expect(() => db.querySet(Book).orderBy('title; DROP TABLE books_book')).to.throw(FieldError)
      })
      expect(seen).to.deep.equal([])
    })

    it('offsets with LIMIT -1 when a slice has no end', async () => {
      const seen = await statements(() => db.querySet(Book).orderBy('pk').slice(4).toArray())
      expect(seen[0]?.sql).to.match(/ order by "id" asc limit -1 offset 4$/)
      expect(seen[0]?.parameters).to.deep.equal([])
    })
  })

  describe('createTables()', () => {
    it('is idempotent and keeps the rows', async () => {
      await db.createTables(Book)
      await db.createTables(Book, Review)
      expect(await db.querySet(Book).count()).to.equal(6)
    })

    it('declares NOT NULL and UNIQUE from the fields', async () => {
      const error = await db.kysely
        .insertInto('books_book')
        .values({ title: 'x', author: 'y', pages: 1, publication_date: '2020-01-01', slug: 'germinal' })
        .execute()
        .catch((reason: unknown) => reason)
      expect(String(error)).to.include('UNIQUE constraint failed: books_book.slug')
    })

    it('creates the indexes fields ask for, which then serve ordered pages without sorting', async () => {
      const indexes = await db.kysely
        .selectFrom('sqlite_master')
        .select('name')
        .where('type', '=', 'index')
        .where('tbl_name', '=', 'books_book')
        .execute()
      expect(indexes.map((row) => row.name)).to.include('books_book_publication_date_idx')
      for (const ordering of ['-publicationDate', 'publicationDate']) {
        const [page] = await statements(() => db.querySet(Book).orderBy(ordering).slice(20, 40).toArray())
        const plan = await db.kysely.executeQuery(CompiledQuery.raw(`explain query plan ${page?.sql}`))
        expect(JSON.stringify(plan.rows)).to.not.include('TEMP B-TREE')
      }
    })

    it('names columns in snake_case', async () => {
      const row = await db.kysely
        .selectFrom('books_book')
        .select(['publication_date'])
        .where('id', '=', 1)
        .executeTakeFirst()
      expect(row).to.deep.equal({ publication_date: '1954-07-29T00:00:00.000Z' })
    })
  })

  describe('hydration', () => {
    it('builds instances of the model whose modelMeta() is the model', async () => {
      const [book] = await db.querySet(Book).orderBy('pk').slice(0, 1).toArray()
      expect(book).to.be.instanceOf(Book)
      expect(modelMeta(book)?.table).to.equal('books_book')
      expect(Object.keys(book as Book).sort()).to.deep.equal([
        'author',
        'id',
        'pages',
        'publicationDate',
        'slug',
        'title',
      ])
    })
  })

  describe('hydration of dates', () => {
    it('reads stored date text exactly as new Date() does, in the ISO layout and any other', async () => {
      const texts = [
        '2020-02-29T12:34:56.789Z',
        '1901-12-13T20:45:52.000Z',
        '0050-06-01T00:00:00.000Z',
        '2021-02-29T00:00:00.000Z',
        '2020-01-01T24:00:00.000Z',
        '1954-07-29',
        '2021-02-29',
        '2020-13-01',
        '0050-06-01',
        '2020-1-011',
        '2020-01-01T10:00:00+02:00',
        'not a date',
      ]
      const rows = texts.map((text, i) => ({
        id: 100 + i,
        title: text,
        author: 'a',
        pages: 1,
        publication_date: text,
        slug: `date-${i}`,
      }))
      await db.kysely.insertInto('books_book').values(rows).execute()
      const books = await db.querySet(Book).filter({ pk__gte: 100 }).orderBy('pk').toArray()
      const read = books.map((book) => book.publicationDate.getTime())
      expect(read).to.deep.equal(texts.map((text) => new Date(text).getTime()))
    })

    it('reads the ISO layout right on every kind of calendar day from year 100 to 9999', async () => {
      const texts: string[] = []
      // Around the leap day and the turn of the year in every century (1900 no leap year, 2000 one)...
      for (let year = 100; year <= 9900; year += 100) {
        for (const offset of [-1, 0, 1, 4]) {
          for (const [month, day] of [
            [1, 1],
            [2, 28],
            [2, 29],
            [3, 1],
            [12, 31],
          ] as const) {
            const time = Date.UTC(year + offset, month - 1, day, 23, 59, 59, 999)
            texts.push(new Date(time).toISOString())
          }
        }
      }
      // ...and a day every 997 days in between, at a time of day that moves.
      for (let time = Date.UTC(100, 0, 1); time < Date.UTC(10000, 0, 1); time += 997 * 86_400_000 + 3_600_123) {
        texts.push(new Date(time).toISOString())
      }
      const rows = texts.map((text, i) => ({
        id: 1000 + i,
        title: text,
        author: 'a',
        pages: 1,
        publication_date: text,
        slug: `sweep-${i}`,
      }))
      for (let i = 0; i < rows.length; i += 500)
        await db.kysely
          .insertInto('books_book')
          .values(rows.slice(i, i + 500))
          .execute()
      const read = await db
        .querySet(Book)
        .filter({ pk__gte: 1000 })
        .orderBy('pk')
        .valuesList('publicationDate', { flat: true })
        .toArray()
      expect(read.map((date) => (date as Date).toISOString())).to.deep.equal(texts)
    })

    it('reads a day alone (YYYY-MM-DD) as midnight UTC on every kind of calendar day', async () => {
      const days: string[] = []
      for (let year = 100; year <= 9999; year += 37) {
        for (const [month, day] of [
          [1, 1],
          [2, 28],
          [2, 29],
          [3, 1],
          [12, 31],
        ] as const) {
          days.push(
            `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          )
        }
      }
      const rows = days.map((text, i) => ({
        id: 1000 + i,
        title: text,
        author: 'a',
        pages: 1,
        publication_date: text,
        slug: `day-${i}`,
      }))
      for (let i = 0; i < rows.length; i += 500)
        await db.kysely
          .insertInto('books_book')
          .values(rows.slice(i, i + 500))
          .execute()
      const read = await db
        .querySet(Book)
        .filter({ pk__gte: 1000 })
        .orderBy('pk')
        .valuesList('publicationDate', { flat: true })
        .toArray()
      expect(read.map((date) => (date as Date).getTime())).to.deep.equal(days.map((text) => new Date(text).getTime()))
      expect((read[0] as Date).toISOString()).to.equal('0100-01-01T00:00:00.000Z')
    })
  })

  describe('insert()', () => {
    it('seeds 1,000 rows well under a second', async () => {
      const started = performance.now()
      const saved = await db.insert(Book, manyBooks(1000, 100))
      expect(performance.now() - started).to.be.below(500)
      expect(saved).to.have.length(1000)
      expect(await db.querySet(Book).count()).to.equal(1006)
    })

    it('numbers rows that come without a primary key and returns them', async () => {
      await db.createTables(Review)
      const [first, second] = await db.insert(Review, [
        { book: 'a', rating: null, postedAt: null, featured: true },
        { book: 'b', rating: 2, postedAt: new Date('2020-01-01T00:00:00Z'), featured: false },
      ])
      expect([first?.id, second?.id]).to.deep.equal([1, 2])
      expect(second?.postedAt?.toISOString()).to.equal('2020-01-01T00:00:00.000Z')
      expect(first).to.be.instanceOf(Review)
    })

    it('mixes rows with and without a primary key', async () => {
      await db.createTables(Review)
      const saved = await db.insert(Review, [
        ...makeReviews(),
        { book: 'c', rating: 1, postedAt: null, featured: false },
      ])
      expect(saved.map((review) => review.id)).to.deep.equal([1, 2, 3, 4, 5, 6])
    })

    it('refuses a missing required field before any SQL', async () => {
      const before = db.queryCount
      const attempt = db.insert(Book, [{ id: 50, author: 'x', pages: 1, publicationDate: new Date(), slug: 'x' }])
      const error = await attempt.catch((reason: unknown) => reason)
      expect(error).to.be.instanceOf(FieldError)
      expect((error as Error).message).to.equal("Field 'title' of Book must not be null.")
      expect(db.queryCount).to.equal(before)
    })

    it('refuses a value of the wrong type', async () => {
      const row = { ...makeBooks()[0], id: 50, slug: 'new', pages: 'many' as unknown as number }
      const error = await db.insert(Book, [row]).catch((reason: unknown) => reason)
      expect((error as Error).message).to.equal("Field 'pages' expected a number but got 'many'.")
    })

    it('rolls back the whole batch when one row fails in the database', async () => {
      const rows = manyBooks(10, 200)
      rows.push({ ...(rows[0] as Book), id: 999 })
      const error = await db.insert(Book, rows).catch((reason: unknown) => reason)
      expect(String(error)).to.include('UNIQUE constraint failed')
      expect(await db.querySet(Book).count()).to.equal(6)
    })
  })

  describe('querySet()', () => {
    it('returns the same QuerySet for a model every time', () => {
      expect(db.querySet(Book)).to.equal(db.querySet(Book))
    })

    it('keeps apart the statements of two models of one table, each reading its own fields', async () => {
      @Model({ app: 'books', table: 'books_book' })
      class Slug {
        @Field({ primaryKey: true }) id!: number
        @Field() slug!: string
      }
      expect(await db.querySet(Book).orderBy('pk').first()).to.include({ slug: 'fellowship-of-the-ring' })
      const slug = await db.querySet(Slug).orderBy('pk').first()
      expect(slug).to.be.instanceOf(Slug).and.deep.equal({ id: 1, slug: 'fellowship-of-the-ring' })
      expect(await db.querySet(Book).orderBy('pk').first()).to.include({ slug: 'fellowship-of-the-ring' })
    })
  })
})

describe('openSqlite()', () => {
  it('keeps rows in a file across connections', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'manouche-data-'))
    try {
      const file = join(folder, 'books.sqlite3')
      const first = openSqlite(file)
      await first.createTables(Book)
      await first.insert(Book, makeBooks())
      await first.close()
      const second = openSqlite(file)
      expect((await second.querySet(Book).get({ slug: 'germinal' })).publicationDate).to.be.instanceOf(Date)
      await second.close()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

/** `count` books with primary keys from `firstId` on, spread over dates and authors. */
function manyBooks(count: number, firstId: number): Book[] {
  return Array.from({ length: count }, (_, i) =>
    Object.assign(new Book(), {
      id: firstId + i,
      title: `Book ${i}`,
      author: `Author ${i % 37}`,
      pages: 50 + (i % 500),
      publicationDate: new Date(Date.UTC(1900 + (i % 120), i % 12, 1 + (i % 28))),
      slug: `book-${firstId + i}`,
    }),
  )
}
