// valuesList() on SQLite: what onQuery shows of it. Only the selected columns are fetched, each
// shape is compiled once (the selection being part of the shape), and bad names never reach SQL.
import { FieldError, type QuerySet, type SqlDatabase } from '@manouche/data'
import { expect } from 'chai'
import { Book, sqliteBooks } from '../fixtures/books.js'
import { statementsOf } from './statements.js'

describe('SqlQuerySet.valuesList() (SQLite)', () => {
  let db: SqlDatabase
  let books: QuerySet<Book>
  beforeEach(async () => {
    db = await sqliteBooks()
    books = db.querySet(Book)
  })
  afterEach(() => db.close())

  /** Run `action` and return the statements it sent. */
  const statements = (action: () => Promise<unknown>) => statementsOf(db, action)

  describe('the SELECT', () => {
    it('lists only the selected columns, in the order named', async () => {
      const seen = await statements(async () => {
        await books.orderBy('-publicationDate').valuesList('publicationDate', { flat: true }).first()
        await books.filter({ pages__gt: 400 }).valuesList('slug', 'pk', 'title').toArray()
        await books.valuesList('pk', 'pk').get({ slug: 'germinal' })
      })
      expect(seen.map((event) => event.sql)).to.deep.equal([
        'select "publication_date" from "books_book" order by "publication_date" desc, "id" desc limit 1',
        'select "slug", "id", "title" from "books_book" where "pages" > ?',
        'select "id", "id" from "books_book" where "slug" = ? limit 21',
      ])
    })

    it('lists every column, in model order, when no field is named', async () => {
      const [event] = await statements(() => books.valuesList().first())
      expect(event?.sql).to.equal(
        'select "id", "title", "author", "pages", "publication_date", "slug" from "books_book" order by "id" asc limit 1',
      )
    })

    it('counts and tests existence with the same statements as without valuesList()', async () => {
      const titles = books.valuesList('title', { flat: true }).filter({ pages__gt: 400 })
      const seen = await statements(async () => {
        expect(await titles.count()).to.equal(3)
        expect(await titles.exists()).to.equal(true)
        expect(await books.filter({ pages__gt: 400 }).count()).to.equal(3)
        expect(await books.filter({ pages__gt: 400 }).exists()).to.equal(true)
      })
      const sql = seen.map((event) => event.sql)
      expect([sql[0], sql[1]]).to.deep.equal([sql[2], sql[3]])
    })
  })

  describe('compiled shapes', () => {
    it('runs one statement per call, the same SQL for new values', async () => {
      const newest = (author: string) =>
        books.filter({ author }).orderBy('-publicationDate').valuesList('publicationDate', { flat: true }).first()
      const seen = await statements(async () => {
        expect((await newest('J. R. R. Tolkien'))?.toISOString()).to.equal('1955-10-20T00:00:00.000Z')
        expect((await newest('Émile Zola'))?.toISOString()).to.equal('1885-03-02T00:00:00.000Z')
        expect(await newest('nobody')).to.equal(null)
        expect((await newest('J. R. R. Tolkien'))?.toISOString()).to.equal('1955-10-20T00:00:00.000Z')
      })
      expect(seen).to.have.length(4)
      expect(new Set(seen.map((event) => event.sql)).size).to.equal(1)
      expect(seen.map((event) => event.parameters)).to.deep.equal([
        ['J. R. R. Tolkien'],
        ['Émile Zola'],
        ['nobody'],
        ['J. R. R. Tolkien'],
      ])
    })

    it('keep objects and each selection apart, whichever runs first', async () => {
      const page = books.filter({ pk__in: [1, 4] }).orderBy('pk')
      for (let round = 0; round < 2; round++) {
        expect(await page.valuesList('slug', { flat: true }).toArray()).to.deep.equal([
          'fellowship-of-the-ring',
          'germinal',
        ])
        expect((await page.toArray()).map((book) => book instanceof Book && book.slug)).to.deep.equal([
          'fellowship-of-the-ring',
          'germinal',
        ])
        expect(await page.valuesList('pages', { flat: true }).toArray()).to.deep.equal([423, 592])
        expect(await page.valuesList('pages', 'slug').toArray()).to.deep.equal([
          [423, 'fellowship-of-the-ring'],
          [592, 'germinal'],
        ])
        expect(await page.valuesList('pages').toArray()).to.deep.equal([[423], [592]])
      }
    })
  })

  describe('bad names', () => {
    it('are refused before any SQL', () => {
      const before = db.queryCount
      expect(() => books.valuesList('title" from sqlite_master --')).to.throw(FieldError, 'Cannot resolve keyword')
      expect(() => books.valuesList('slug', '1; DROP TABLE books_book')).to.throw(FieldError, 'Cannot resolve keyword')
      expect(() => books.valuesList('slug', 'title', { flat: true })).to.throw(TypeError)
      expect(() => books.valuesList('slug').orderBy('slug desc')).to.throw(FieldError, 'Cannot resolve keyword')
      expect(db.queryCount).to.equal(before)
    })
  })

  describe('through Kysely', () => {
    it('decodes the rows Kysely returns as objects when a transaction holds the connection', async () => {
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let started = () => {}
      const holding = new Promise<void>((resolve) => {
        started = resolve
      })
      const transaction = db.kysely.transaction().execute(async () => {
        started()
        await gate
      })
      await holding
      const pending = books
        .filter({ pk__in: [4, 5] })
        .orderBy('pk')
        .valuesList('pk', 'publicationDate', 'pk')
        .toArray()
      const seen = await statements(async () => {
        release()
        await transaction
        expect(await pending).to.deep.equal([
          [4, new Date('1885-03-02T00:00:00Z'), 4],
          [5, new Date('2021-06-01T00:00:00Z'), 5],
        ])
      })
      const selects = seen.filter((event) => event.sql.startsWith('select'))
      expect(selects.map((event) => event.sql)).to.deep.equal([
        'select "id", "publication_date", "id" from "books_book" where "id" in (?, ?) order by "id" asc',
      ])
    })
  })
})
