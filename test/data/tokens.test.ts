// querySetToken() and registerQuerySets(): a QuerySet found through DI, replaced per container.
import {
  MemoryQuerySet,
  openSqlite,
  type QuerySet,
  querySetToken,
  registerQuerySets,
  type SqlDatabase,
} from '@manouche/data'
import { expect } from 'chai'
import { container } from 'tsyringe'
import { Book, makeBooks, sqliteBooks } from '../fixtures/books.js'
import { Review } from './models.js'

describe('querySetToken()', () => {
  it('is the same symbol every time for a model, and another for another model', () => {
    expect(querySetToken(Book)).to.equal(querySetToken(Book))
    expect(querySetToken(Book)).to.not.equal(querySetToken(Review))
    expect(String(querySetToken(Book))).to.equal('Symbol(QuerySet<Book>)')
  })
})

describe('registerQuerySets()', () => {
  let db: SqlDatabase
  beforeEach(async () => {
    db = await sqliteBooks()
  })
  afterEach(() => db.close())

  it("registers each model's database QuerySet under its token", async () => {
    const app = registerQuerySets(container.createChildContainer(), db, [Book, Review])
    const books = app.resolve(querySetToken(Book))
    expect(books).to.equal(db.querySet(Book))
    expect(await books.count()).to.equal(6)
    expect(app.resolve(querySetToken(Review)).model?.name).to.equal('review')
  })

  it("lets one test's child container replace the database, and only there", async () => {
    const app = registerQuerySets(container.createChildContainer(), db, [Book])
    const testContainer = app.createChildContainer()
    const fake = new MemoryQuerySet(makeBooks().slice(0, 2), { model: Book })
    testContainer.register(querySetToken(Book), { useValue: fake })

    const overridden: QuerySet<Book> = testContainer.resolve(querySetToken(Book))
    expect(overridden).to.equal(fake)
    expect(await overridden.count()).to.equal(2)
    expect(await app.resolve(querySetToken(Book)).count()).to.equal(6)
    expect(container.isRegistered(querySetToken(Book))).to.equal(false)
  })

  it('takes any source with querySet(), such as a second database', async () => {
    const other = openSqlite(':memory:')
    await other.createTables(Book)
    const app = registerQuerySets(container.createChildContainer(), other, [Book])
    expect(await app.resolve(querySetToken(Book)).count()).to.equal(0)
    await other.close()
  })
})
