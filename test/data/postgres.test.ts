// The PostgreSQL flavor, checked on the SQL it compiles (no server): the backend boundary holds.

import { ImproperlyConfigured } from '@manouche/core'
import { postgresFlavor, type QueryEvent, SqlDatabase, sqliteFlavor } from '@manouche/data'
import { expect } from 'chai'
import {
  type Dialect,
  DummyDriver,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteDialect,
} from 'kysely'
import { Book } from '../fixtures/books.js'
import { Review } from './models.js'

/** A PostgreSQL dialect whose driver runs nothing and returns no rows. */
const postgresDialect: Dialect = {
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => new DummyDriver(),
  createQueryCompiler: () => new PostgresQueryCompiler(),
  createIntrospector: (db) => new PostgresIntrospector(db),
}

/** A PostgreSQL dialect whose driver answers every statement with `rows`, as `pg` gives them (objects). */
function answering(rows: readonly Record<string, unknown>[]): Dialect {
  const connection = { executeQuery: async () => ({ rows }), streamQuery: () => ({}) as never }
  return {
    ...postgresDialect,
    createDriver: () =>
      Object.assign(new DummyDriver(), { acquireConnection: async () => connection }) as unknown as DummyDriver,
  }
}

describe('postgresFlavor', () => {
  let db: SqlDatabase
  let seen: QueryEvent[]
  beforeEach(() => {
    seen = []
    db = new SqlDatabase(postgresDialect, { onQuery: (event) => seen.push(event) })
  })
  afterEach(() => db.close())

  it('is the flavor picked for a PostgreSQL dialect', () => {
    expect(db.flavor).to.equal(postgresFlavor)
  })

  it('matches text with LIKE, escaping wildcards, and lower() for the i lookups', async () => {
    await db.querySet(Book).filter({ title__contains: '50%_off', author__istartswith: 'ANN' }).toArray()
    expect(seen[0]?.sql).to.include(`where ("title" like $1 escape '\\' and lower("author") like $2 escape '\\')`)
    expect(seen[0]?.parameters).to.deep.equal(['%50\\%\\_off%', 'ann%'])
  })

  it('sorts NULLs as SQLite does, saying so only for nullable columns', async () => {
    await db.querySet(Review).orderBy('rating').toArray()
    await db.querySet(Review).orderBy('-postedAt').toArray()
    expect(seen[0]?.sql).to.match(/order by "rating" asc nulls first, "id" asc$/)
    expect(seen[1]?.sql).to.match(/order by "posted_at" desc nulls last, "id" desc$/)
  })

  it('offsets without a LIMIT', async () => {
    await db.querySet(Book).orderBy('-pages').slice(20).toArray()
    expect(seen[0]?.sql).to.match(/order by "pages" desc, "id" desc offset 20$/)
    expect(seen[0]?.parameters).to.deep.equal([])
  })

  it('compiles a shape once: new values change only the parameters, slices are literals', async () => {
    for (const needle of ['50%_off', 'plain']) {
      await db
        .querySet(Book)
        .filter({ title__icontains: needle, pages__in: [1, 2] })
        .slice(40, 60)
        .toArray()
    }
    expect(seen[0]?.sql).to.equal(seen[1]?.sql)
    expect(seen[0]?.sql).to.match(
      /lower\("title"\) like \$1 escape '\\' and "pages" in \(\$2, \$3\)\) limit 20 offset 40$/,
    )
    expect(seen.map((event) => event.parameters)).to.deep.equal([
      ['%50\\%\\_off%', 1, 2],
      ['%plain%', 1, 2],
    ])
  })

  it('selects only the columns valuesList() names, and answers with no rows', async () => {
    const newest = db.querySet(Review).valuesList('postedAt', { flat: true }).orderBy('-postedAt')
    expect(await newest.first()).to.equal(null)
    expect(seen[0]?.sql).to.equal(
      'select "posted_at" from "reviews_review" order by "posted_at" desc nulls last, "id" desc limit 1',
    )
  })

  it('reads the rows Kysely gives as objects into instances, values and counts', async () => {
    const published = new Date('1885-03-02T00:00:00Z')
    const row = { id: 4, title: 'Germinal', author: 'Émile Zola', pages: 592, publication_date: published, slug: 'g' }
    const answered = new SqlDatabase(answering([{ ...row, count: '7', found: 1 }]))
    try {
      const books = answered.querySet(Book)
      const book = await books.first()
      expect(book).to.be.instanceOf(Book).and.deep.include({ id: 4, title: 'Germinal', publicationDate: published })
      expect(await books.valuesList('slug', 'pages').toArray()).to.deep.equal([['g', 592]])
      expect(await books.valuesList('title', { flat: true }).toArray()).to.deep.equal(['Germinal'])
      expect(await books.count()).to.equal(7)
      expect(await books.exists()).to.equal(true)
    } finally {
      await answered.close()
    }
  })

  it('binds dates as Date objects and creates native column types', async () => {
    await db.querySet(Book).filter({ publicationDate__gte: '2020-01-01' }).count()
    await db.createTables(Book)
    expect(seen[0]?.parameters[0]).to.be.instanceOf(Date)
    expect(seen[1]?.sql).to.include('"id" serial primary key')
    expect(seen[1]?.sql).to.include('"publication_date" timestamptz not null')
  })
})

describe('the flavor SqlDatabase picks from the dialect', () => {
  it('knows SQLite and PostgreSQL, and says what to do for another dialect', () => {
    const flavorFor = (dialect: Dialect) => new SqlDatabase(dialect).flavor
    expect(flavorFor(new SqliteDialect({ database: {} as never }))).to.equal(sqliteFlavor)
    expect(flavorFor(postgresDialect)).to.equal(postgresFlavor)
    const mysql: Dialect = {
      createAdapter: () => new MysqlAdapter(),
      createDriver: () => new DummyDriver(),
      createQueryCompiler: () => new MysqlQueryCompiler(),
      createIntrospector: (db) => new MysqlIntrospector(db),
    }
    expect(() => flavorFor(mysql)).to.throw(
      ImproperlyConfigured,
      'SqlDatabase has no SQL flavor for MysqlAdapter: pass options.flavor.',
    )
  })
})
