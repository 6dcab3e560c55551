// Contract, part 3: bad input gives a clear FieldError (400) before any SQL, never an SQL error.
import { ManoucheError } from '@manouche/core'
import { FieldError, type QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, rejects } from './contract.js'

const CHOICES = 'Choices are: author, id, pages, publicationDate, slug, title.'
const INJECTION = "'; DROP TABLE books_book; --"

export function errorContract(backend: Backend): void {
  let books: QuerySet<Book>
  beforeEach(async () => {
    books = await backend.make(Book, makeBooks())
  })

  describe('unknown names', () => {
    it('gives FieldError with the choices for a field that does not exist', () => {
      const message = `Cannot resolve keyword 'foo' into field. ${CHOICES}`
      expect(() => books.filter({ foo: 1 })).to.throw(FieldError, message)
      expect(() => books.exclude({ foo__gt: 1 })).to.throw(FieldError, message)
      expect(() => books.orderBy('foo')).to.throw(FieldError, message)
      expect(() => books.orderBy('title', '-foo')).to.throw(FieldError, message)
    })

    it('rejects latest() and earliest() of an unknown field', async () => {
      await rejects(books.latest('foo'), FieldError, `Cannot resolve keyword 'foo' into field. ${CHOICES}`)
      await rejects(books.earliest('-foo'), FieldError, `Cannot resolve keyword 'foo' into field. ${CHOICES}`)
    })

    it('is a ManoucheError answering 400', () => {
      const error = catchError(() => books.filter({ foo: 1 }))
      expect(error).to.be.instanceOf(ManoucheError)
      expect((error as ManoucheError).statusCode).to.equal(400)
      expect((error as ManoucheError).code).to.equal('MNC_ERR_DATA_UNKNOWN_FIELD')
    })

    it('gives FieldError for a lookup that does not exist', () => {
      expect(() => books.filter({ title__foo: 1 })).to.throw(FieldError, "Unsupported lookup 'foo' for field 'title'.")
      expect(() => books.filter({ title__icontains__x: 1 })).to.throw(
        FieldError,
        "Unsupported lookup 'icontains__x' for field 'title'.",
      )
    })

    it('gives FieldError for a text lookup on a field that holds no text', () => {
      expect(() => books.filter({ pages__contains: 1 })).to.throw(
        FieldError,
        "Unsupported lookup 'contains' for field 'pages'.",
      )
    })
  })

  describe('values that do not fit the field', () => {
    it('match nothing for exact and in', async () => {
      expect(await books.filter({ pages: 'abc' }).count()).to.equal(0)
      expect(await books.filter({ publicationDate: 'yesterday' }).count()).to.equal(0)
      expect(await books.filter({ publicationDate: '1885-02-30' }).count()).to.equal(0)
      expect(await books.filter({ pk__in: ['abc', '1x'] }).count()).to.equal(0)
      expect(await books.exclude({ pk: 'abc' }).count()).to.equal(6)
    })

    it('give FieldError in Django words for comparisons', () => {
      expect(() => books.filter({ pages__gt: 'abc' })).to.throw(
        FieldError,
        "Field 'pages' expected a number but got 'abc'.",
      )
      expect(() => books.filter({ pk__lte: '1; --' })).to.throw(
        FieldError,
        "Field 'id' expected a number but got '1; --'.",
      )
      expect(() => books.filter({ publicationDate__gte: 'abc' })).to.throw(
        FieldError,
        "Field 'publicationDate' expected a date but got 'abc'.",
      )
      expect(() => books.filter({ publicationDate__lt: '2020-13-01' })).to.throw(
        FieldError,
        "Field 'publicationDate' expected a date but got '2020-13-01'.",
      )
      expect(() => books.filter({ pages__range: [1, 'x'] })).to.throw(
        FieldError,
        "Field 'pages' expected a number but got 'x'.",
      )
    })

    it('refuse NULL outside exact and isnull', () => {
      expect(() => books.filter({ pages__gt: null })).to.throw(FieldError, 'Cannot use None as a query value')
    })

    it('refuse an isnull that is not a boolean', () => {
      expect(() => books.filter({ title__isnull: 'yes' })).to.throw(
        FieldError,
        'The QuerySet value for an isnull lookup must be True or False.',
      )
    })

    it('refuse an in or range that is not a list', () => {
      expect(() => books.filter({ pk__in: 5 })).to.throw(
        FieldError,
        "The 'in' lookup of field 'id' expects a list of values.",
      )
      expect(() => books.filter({ pk__in: '1,2' })).to.throw(
        FieldError,
        "The 'in' lookup of field 'id' expects a list of values.",
      )
      expect(() => books.filter({ pages__range: [1] })).to.throw(
        FieldError,
        "The 'range' lookup of field 'pages' expects a list of values.",
      )
    })
  })

  describe('SQL-looking input', () => {
    it('matches nothing as a value, and the table survives', async () => {
      expect(await books.filter({ title: INJECTION }).count()).to.equal(0)
      expect(await books.filter({ title__icontains: "' OR '1'='1" }).count()).to.equal(0)
      expect(await books.filter({ slug__in: [INJECTION, "x' OR 1=1 --"] }).count()).to.equal(0)
      expect(await books.exclude({ title: INJECTION }).count()).to.equal(6)
      expect(await books.count()).to.equal(6)
    })

    it('is an unknown field as a name, whether to filter or to order', () => {
      expect(() => books.orderBy(INJECTION)).to.throw(FieldError, `Cannot resolve keyword '${INJECTION}' into field.`)
      expect(() => books.orderBy('title; DROP TABLE books_book')).to.throw(
        FieldError,
        "Cannot resolve keyword 'title; DROP",
      )
      expect(() => books.filter({ "title = '' OR 1=1 --": 1 })).to.throw(FieldError, 'Cannot resolve keyword')
      expect(() => books.filter(JSON.parse('{"__proto__": 1}'))).to.throw(
        FieldError,
        "Cannot resolve keyword '' into field.",
      )
    })
  })
}

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}
