// The SQL QuerySet compiles each shape of query once and reuses it: what a user can see of that is
// the SQL onQuery reports, the rows, the errors and the statement counts, all checked here.
import { FieldError, openSqlite, type QueryEvent, type QuerySet, type SqlDatabase } from '@manouche/data'
import BetterSqlite3 from 'better-sqlite3'
import { expect } from 'chai'
import { Book, makeBooks, memoryBooks, sqliteBooks } from '../fixtures/books.js'
import { ids } from './contract.js'
import { makeReviews, Review } from './models.js'
import { statementsOf } from './statements.js'

type Query = (books: QuerySet<Book>) => QuerySet<Book>

describe('SqlQuerySet compiled queries (SQLite)', () => {
  let db: SqlDatabase
  let books: QuerySet<Book>
  beforeEach(async () => {
    db = await sqliteBooks()
    books = db.querySet(Book)
  })
  afterEach(() => db.close())

  /** Run `action` and return the statements it sent. */
  const statements = (action: () => Promise<unknown>) => statementsOf(db, action)

  /** Run each query on SQLite and in memory: same primary keys in the same order; return the SQL of each. */
  async function sqlOf(queries: readonly Query[]): Promise<string[]> {
    const texts: string[] = []
    for (const query of queries) {
      const expected = await ids(query(memoryBooks()))
      const [event] = await statements(async () => expect(await ids(query(books))).to.deep.equal(expected))
      texts.push(event?.sql ?? '')
    }
    return texts
  }

  describe('one shape, many values', () => {
    it('runs the same SQL with each value as its parameter, and answers each value rightly', async () => {
      const authors = ['J. R. R. Tolkien', 'Émile Zola', 'ann o_neil', 'nobody', 'J. R. R. Tolkien']
      const texts = await sqlOf(authors.map((author) => (qs: QuerySet<Book>) => qs.filter({ author }).orderBy('pk')))
      expect(new Set(texts).size).to.equal(1)
      const seen = await statements(() => books.filter({ author: 'Émile Zola' }).orderBy('pk').toArray())
      expect(seen[0]?.parameters).to.deep.equal(['Émile Zola'])
    })

    it('answers every lookup rightly for new values of a compiled shape', async () => {
      const shapes: ((value: number) => Query)[] = [
        (n) => (qs) => qs.filter({ pages__range: [n, n + 150] }).orderBy('pk'),
        (n) => (qs) => qs.filter({ pk__in: [n % 7, (n + 2) % 7] }).orderBy('-pk'),
        (n) => (qs) => qs.exclude({ pages__lt: n }).orderBy('title'),
        (n) => (qs) => qs.filter({ title__icontains: String.fromCharCode(97 + (n % 26)) }).orderBy('pk'),
        (n) => (qs) => qs.filter({ slug__endswith: ['', 'ring', 'king', 'germinal'][n % 4] }).orderBy('pk'),
        (n) => (qs) => qs.filter({ publicationDate__gte: new Date(Date.UTC(1850 + n / 3, 0, 1)) }).orderBy('pk'),
      ]
      for (const shape of shapes) {
        const texts = await sqlOf([100, 300, 350, 420, 600].map(shape))
        expect(new Set(texts).size, texts[0]).to.equal(1)
      }
    })

    it('answers get() for every primary key with one compiled statement', async () => {
      const seen = await statements(async () => {
        for (const pk of [1, 2, 3, 4, 5, 6]) expect((await books.get({ pk })).id).to.equal(pk)
      })
      expect(new Set(seen.map((event) => event.sql)).size).to.equal(1)
      expect(seen.map((event) => event.parameters)).to.deep.equal([[1], [2], [3], [4], [5], [6]])
    })
  })

  describe('different shapes', () => {
    it('compile different SQL: other field, ordering, lookup, exclude or list length', async () => {
      const queries: Query[] = [
        (qs) => qs.filter({ title: 'Germinal' }),
        (qs) => qs.filter({ author: 'Germinal' }),
        (qs) => qs.exclude({ title: 'Germinal' }),
        (qs) => qs.filter({ title: 'Germinal' }).orderBy('title'),
        (qs) => qs.filter({ title: 'Germinal' }).orderBy('-title'),
        (qs) => qs.filter({ title: 'Germinal' }).orderBy('author'),
        (qs) => qs.filter({ title__contains: 'Germinal' }),
        (qs) => qs.filter({ title__icontains: 'Germinal' }),
        (qs) => qs.filter({ pk__in: [1, 2] }),
        (qs) => qs.filter({ pk__in: [1, 2, 3] }),
        (qs) => qs.filter({ title: 'Germinal', author: 'Émile Zola' }),
        (qs) => qs.filter({ author: 'Émile Zola', title: 'Germinal' }),
      ]
      const texts = await sqlOf(queries)
      expect(new Set(texts).size).to.equal(queries.length)
    })

    it('keep isnull=True and isnull=False apart', async () => {
      await db.createTables(Review)
      await db.insert(Review, makeReviews())
      const reviews = db.querySet(Review)
      const nulls = await ids(reviews.filter({ rating__isnull: true }).orderBy('pk'))
      const values = await ids(reviews.filter({ rating__isnull: false }).orderBy('pk'))
      expect([nulls, values]).to.deep.equal([
        [2, 4],
        [1, 3, 5],
      ])
    })

    it('keep answering rightly once more shapes than the cache holds were compiled', async () => {
      const lists = Array.from({ length: 300 }, (_, n) => Array.from({ length: n + 1 }, (_, k) => k + 1))
      for (const pks of [...lists, ...lists.slice(0, 5)]) {
        expect(await books.filter({ pk__in: pks }).count()).to.equal(Math.min(pks.length, 6))
      }
      for (let offset = 0; offset < 300; offset++) {
        expect(await ids(books.orderBy('pk').slice(offset, offset + 1))).to.deep.equal(offset < 6 ? [offset + 1] : [])
      }
      expect(await ids(books.orderBy('pk').slice(2, 3))).to.deep.equal([3])
    })
  })

  describe('values that look like SQL', () => {
    const injection = "x'); DROP TABLE books_book; --"

    it('stay bound parameters once their shape is compiled', async () => {
      await books.filter({ title: 'Germinal', author__icontains: 'zola' }).toArray()
      const seen = await statements(async () => {
        expect(await books.filter({ title: injection, author__icontains: injection }).toArray()).to.deep.equal([])
        expect(await books.filter({ slug__in: [injection, 'germinal'] }).count()).to.equal(1)
        expect(await books.filter({ title__endswith: injection }).exists()).to.equal(false)
      })
      for (const event of seen) expect(event.sql).to.not.include('DROP')
      expect(seen[0]?.parameters).to.deep.equal([injection, injection.toLowerCase()])
      expect(seen[1]?.parameters).to.deep.equal([injection, 'germinal'])
      expect(await books.count()).to.equal(6)
    })

    it('cannot reach the cache key: a value mimicking it changes only the parameters', async () => {
      const [plain] = await statements(() => books.filter({ title: 'Germinal' }).toArray())
      const [mimic] = await statements(() => books.filter({ title: ';)!(exact:author;)|-title,|0:1' }).toArray())
      expect(mimic?.sql).to.equal(plain?.sql)
      expect(mimic?.parameters).to.deep.equal([';)!(exact:author;)|-title,|0:1'])
    })
  })

  describe('LIMIT and OFFSET', () => {
    it('are integer literals in the SQL onQuery sees, with no parameter for them', async () => {
      const seen = await statements(async () => {
        await books.orderBy('-publicationDate').slice(20, 40).toArray()
        await books.orderBy('-publicationDate').first()
        await books.slice(3).exists()
        await books.get({ pk: 2 })
      })
      expect(seen.map((event) => event.sql.replace(/^.* from "books_book"/, ''))).to.deep.equal([
        ' order by "publication_date" desc, "id" desc limit 20 offset 20',
        ' order by "publication_date" desc, "id" desc limit 1',
        ' limit 1 offset 3',
        ' where "id" = ? limit 21',
      ])
      expect(seen.map((event) => event.parameters)).to.deep.equal([[], [], [], [2]])
    })

    it('refuse indices that are no non-negative safe integers, before any SQL', async () => {
      const before = db.queryCount
      const refused: [() => unknown, ErrorConstructor, string][] = [
        [() => books.slice(1.5), TypeError, 'QuerySet indices must be integers, not 1.5.'],
        [() => books.slice('20' as never), TypeError, "QuerySet indices must be integers, not '20'."],
        [() => books.slice(0, Number.NaN), TypeError, 'QuerySet indices must be integers, not NaN.'],
        [() => books.slice(Infinity), TypeError, 'QuerySet indices must be integers, not Infinity.'],
        [() => books.slice(-1), RangeError, 'Negative indexing is not supported.'],
        [
          () => books.slice(2 ** 53),
          TypeError,
          'QuerySet indices must be non-negative safe integers, not 9007199254740992.',
        ],
        [
          () => books.slice(2 ** 52).slice(2 ** 52),
          TypeError,
          'QuerySet indices must be non-negative safe integers, not 9007199254740992.',
        ],
      ]
      for (const [action, type, message] of refused) expect(action).to.throw(type, message)
      expect(db.queryCount).to.equal(before)
    })

    it('page through a table, one statement per page offset', async () => {
      const ordered = books.orderBy('title')
      const expected = await ids(memoryBooks().orderBy('title'))
      const seen = await statements(async () => {
        for (const start of [0, 2, 4, 0, 2, 4]) {
          expect(await ids(ordered.slice(start, start + 2))).to.deep.equal(expected.slice(start, start + 2))
        }
      })
      expect(new Set(seen.map((event) => event.sql)).size).to.equal(3)
    })
  })

  describe('a list page', () => {
    it('costs one COUNT and one page, the first time and every time after', async () => {
      const list = () => books.orderBy('-publicationDate')
      for (let request = 0; request < 3; request++) {
        const seen = await statements(async () => {
          expect(await list().count()).to.equal(6)
          expect(await ids(list().slice(2, 4))).to.deep.equal([2, 1])
        })
        expect(seen.map((event) => event.sql.slice(0, 12))).to.deep.equal(['select count', 'select "id",'])
      }
    })
  })

  describe('running on the spot', () => {
    /**
     * Open a transaction that inserts book `id` and holds the connection until `release()`;
     * it then rolls back, and `transaction` settles with its 'roll back' error.
     */
    const holdConnection = async (id: number) => {
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      let inserted = () => {}
      const insertion = new Promise<void>((resolve) => {
        inserted = resolve
      })
      const transaction = db.kysely
        .transaction()
        .execute(async (trx) => {
          const row = { id, title: 't', author: 'a', pages: 1, publication_date: '2000-01-01', slug: 's' }
          await trx.insertInto('books_book').values(row).execute()
          inserted()
          await gate
          throw new Error('roll back')
        })
        .catch((reason: unknown) => reason)
      await insertion
      return { release, transaction }
    }

    it('waits while a transaction holds the connection, never reading its uncommitted rows', async () => {
      await books.count()
      const { release, transaction } = await holdConnection(7)
      let counted: number | undefined
      const counting = books.count().then((count) => {
        counted = count
      })
      await new Promise((resolve) => setImmediate(resolve))
      expect(counted).to.equal(undefined)
      release()
      expect(String(await transaction)).to.equal('Error: roll back')
      await counting
      expect(counted).to.equal(6)
    })

    it('gives first() and last() the committed rows once a transaction lets the connection go', async () => {
      await books.count()
      const { release, transaction } = await holdConnection(0)
      const answers: unknown[] = []
      const first = books
        .orderBy('pk')
        .first()
        .then((book) => answers.push(book?.id))
      const last = books
        .orderBy('-pk')
        .last()
        .then((book) => answers.push(book?.id))
      await new Promise((resolve) => setImmediate(resolve))
      expect(answers).to.deep.equal([])
      release()
      expect(String(await transaction)).to.equal('Error: roll back')
      await Promise.all([first, last])
      expect(answers).to.deep.equal([1, 1])
    })

    it('answers first() of an empty slice with null, sending no statement', async () => {
      const seen = await statements(async () => {
        expect(await books.orderBy('pk').slice(3, 3).first()).to.equal(null)
        expect(await books.orderBy('-pk').slice(4, 2).first()).to.equal(null)
      })
      expect(seen).to.deep.equal([])
    })

    it('rejects first() and last() with the database error when the statement fails, never throwing', async () => {
      await books.first()
      await db.kysely.schema.dropTable('books_book').execute()
      const first = books.orderBy('pk').first()
      const last = books.orderBy('pk').last()
      expect(String(await first.catch((reason: unknown) => reason))).to.include('no such table: books_book')
      expect(String(await last.catch((reason: unknown) => reason))).to.include('no such table: books_book')
    })

    it('reports a failing statement to onQuery and rejects with the database error', async () => {
      await books.count()
      await db.kysely.schema.dropTable('books_book').execute()
      const seen: QueryEvent[] = []
      db.onQuery((event) => seen.push(event))
      const error = await books.count().catch((reason: unknown) => reason)
      expect(String(error)).to.include('no such table: books_book')
      expect(seen).to.have.length(1)
      expect(seen[0]?.error).to.equal(error)
    })

    it('leaves the statements Kysely runs giving objects after the same SQL ran on the spot', async () => {
      const [event] = await statements(() => books.orderBy('pk').slice(0, 2).toArray())
      const { rows } = await db.kysely.executeQuery({
        sql: event?.sql ?? '',
        parameters: event?.parameters ?? [],
        query: { kind: 'RawNode', sqlFragments: [], parameters: [] },
        queryId: { queryId: 'test' },
      } as never)
      expect(rows).to.have.length(2)
      expect(rows[0]).to.be.an('object').and.not.be.an('array')
      expect(rows[0]).to.include({ id: 1 })
    })

    it('reads a one-row slice, a count and an exists() on the spot, and the rows of first() and last()', async () => {
      const seen = await statements(async () => {
        expect(await books.orderBy('pk').first()).to.include({ id: 1 })
        expect(await books.orderBy('pk').last()).to.include({ id: 6 })
        expect(await books.filter({ pk: 99 }).first()).to.equal(null)
        expect(await books.filter({ pk: 99 }).exists()).to.equal(false)
        expect(await books.exists()).to.equal(true)
        expect(await books.count()).to.equal(6)
      })
      expect(seen).to.have.length(6)
    })

    it('prepares each statement once while kept, at most `statementCache` kept, again once dropped', async () => {
      const raw = new BetterSqlite3(':memory:')
      const prepared: string[] = []
      const prepare = raw.prepare.bind(raw)
      raw.prepare = ((text: string) => {
        prepared.push(text)
        return prepare(text)
      }) as typeof raw.prepare
      const small = openSqlite(raw, { statementCache: 2 })
      try {
        await small.createTables(Book)
        await small.insert(Book, makeBooks())
        const all = small.querySet(Book)
        const runs = { A: all.orderBy('title'), B: all.orderBy('pages'), C: all.orderBy('slug') }
        const order: string[] = []
        for (const name of ['A', 'A', 'B', 'B', 'A', 'B', 'C', 'C', 'A'] as const) {
          const before = prepared.length
          expect(await runs[name].toArray()).to.have.length(6)
          if (prepared.length > before) order.push(name)
        }
        // Two kept: A and B once each; C pushes A out, so A is prepared again.
        expect(order).to.deep.equal(['A', 'B', 'C', 'A'])
      } finally {
        await small.close()
      }
    })

    it('answers the same with the statement cache off', async () => {
      const uncached = openSqlite(':memory:', { statementCache: 0 })
      try {
        await uncached.createTables(Book)
        await uncached.insert(Book, await memoryBooks().toArray())
        const before = uncached.queryCount
        expect(await ids(uncached.querySet(Book).orderBy('-pages').slice(1, 3))).to.deep.equal([1, 3])
        expect(await uncached.querySet(Book).filter({ author__iexact: 'ÉMILE ZOLA' }).count()).to.equal(1)
        expect(uncached.queryCount - before).to.equal(2)
      } finally {
        await uncached.close()
      }
    })

    it('still checks names before any SQL', async () => {
      const before = db.queryCount
      expect(() => books.filter({ 'title") or 1=1 --': 'x' })).to.throw(FieldError)
      expect(db.queryCount).to.equal(before)
    })
  })
})
