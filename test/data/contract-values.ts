// Contract, part 4: valuesList() gives the values of named fields instead of objects, still lazy,
// still checked against the model, with the same answers from every backend.
import { DoesNotExist, FieldError, isQuerySet, MultipleObjectsReturned, type QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, rejects } from './contract.js'
import { makeReviews, Review } from './models.js'

const CHOICES = 'Choices are: author, id, pages, publicationDate, slug, title.'
const MORE_THAN_ONE = "'flat' is not valid when values_list is called with more than one field."
const NO_FIELDS = "'flat' is not valid when values_list is called with no fields."
const day = (text: string) => new Date(`${text}T00:00:00Z`)
const noon = (text: string) => new Date(`${text}T12:00:00Z`)

export function valuesListContract(backend: Backend): void {
  let books: QuerySet<Book>
  let reviews: QuerySet<Review>
  beforeEach(async () => {
    books = await backend.make(Book, makeBooks())
    reviews = await backend.make(Review, makeReviews())
  })

  describe('valuesList() rows', () => {
    it('gives an array of the named fields per row, in the order named', async () => {
      expect(await books.orderBy('pk').slice(0, 2).valuesList('slug', 'pages').toArray()).to.deep.equal([
        ['fellowship-of-the-ring', 423],
        ['two-towers', 352],
      ])
    })

    it('gives every field, in model order, when no field is named', async () => {
      expect(await books.filter({ pk: 4 }).valuesList().toArray()).to.deep.equal([
        [4, 'Germinal', 'Émile Zola', 592, day('1885-03-02'), 'germinal'],
      ])
    })

    it('gives the bare values of one field with flat', async () => {
      expect(await books.orderBy('-pages').valuesList('pages', { flat: true }).toArray()).to.deep.equal([
        592, 423, 416, 352, 310, 96,
      ])
    })

    it('gives 1-tuples for one field without flat, or with flat false', async () => {
      expect(await books.filter({ pages__lt: 320 }).orderBy('pk').valuesList('pk').toArray()).to.deep.equal([[5], [6]])
      const tuples = books.filter({ pages__lt: 320 }).orderBy('pk').valuesList('slug', 'pk', { flat: false })
      expect(await tuples.toArray()).to.deep.equal([
        ['pricing-rules', 5],
        ['the-hobbit', 6],
      ])
    })

    it('accepts pk, and a field named twice', async () => {
      expect(await books.orderBy('pk').valuesList('pk', { flat: true }).toArray()).to.deep.equal([1, 2, 3, 4, 5, 6])
      expect(await books.orderBy('-pk').slice(0, 2).valuesList('pk', 'id', 'pk').toArray()).to.deep.equal([
        [6, 6, 6],
        [5, 5, 5],
      ])
    })

    it('converts dates and booleans as the field does', async () => {
      const newest = await books.orderBy('-publicationDate').valuesList('publicationDate', { flat: true }).first()
      expect(newest).to.be.instanceOf(Date)
      expect(newest?.toISOString()).to.equal('2021-06-01T00:00:00.000Z')
      const featured = await reviews.orderBy('pk').valuesList('featured', { flat: true }).toArray()
      expect(featured).to.deep.equal([true, false, false, true, false])
    })

    it('gives null for NULL, in tuples and flat', async () => {
      expect(await reviews.valuesList('rating', 'postedAt').toArray()).to.deep.equal([
        [5, noon('2020-01-01')],
        [4, noon('2022-02-02')],
        [3, noon('2021-05-05')],
        [null, noon('2019-03-03')],
        [null, null],
      ])
      expect(await reviews.orderBy('pk').valuesList('postedAt', { flat: true }).toArray()).to.deep.equal([
        noon('2020-01-01'),
        null,
        noon('2021-05-05'),
        noon('2019-03-03'),
        noon('2022-02-02'),
      ])
    })

    it('replaces the fields of an earlier valuesList()', async () => {
      const slugs = books.valuesList('title', 'pages').valuesList('slug', { flat: true })
      expect(await slugs.filter({ pages__gt: 420 }).orderBy('pk').toArray()).to.deep.equal([
        'fellowship-of-the-ring',
        'germinal',
      ])
    })
  })

  describe('valuesList() chained', () => {
    it('orders and slices the same before or after valuesList()', async () => {
      const expected = ['The Fellowship of the Ring', 'The Return of the King']
      expect(await books.orderBy('-pages').valuesList('title', { flat: true }).slice(1, 3).toArray()).to.deep.equal(
        expected,
      )
      expect(await books.valuesList('title', { flat: true }).orderBy('-pages').slice(1, 3).toArray()).to.deep.equal(
        expected,
      )
      expect(await books.orderBy('-pages').slice(1, 3).valuesList('title', { flat: true }).toArray()).to.deep.equal(
        expected,
      )
    })

    it('filters, excludes and orders by fields it does not select', async () => {
      const slugs = books
        .valuesList('slug', { flat: true })
        .filter({ author: 'J. R. R. Tolkien' })
        .exclude({ pages__lt: 400 })
        .orderBy('-publicationDate')
      expect(await slugs.toArray()).to.deep.equal(['return-of-the-king', 'fellowship-of-the-ring'])
    })

    it('keeps the default ordering, its pk tie-breaker, and reverse()', async () => {
      const names = reviews.valuesList('book', { flat: true })
      expect(names.ordered).to.equal(true)
      expect(await names.toArray()).to.deep.equal([
        'germinal',
        'fellowship-of-the-ring',
        'the-hobbit',
        'germinal',
        'two-towers',
      ])
      expect(await names.reverse().toArray()).to.deep.equal([
        'two-towers',
        'germinal',
        'the-hobbit',
        'fellowship-of-the-ring',
        'germinal',
      ])
    })

    it('is a lazy QuerySet and leaves the one it came from unchanged', async () => {
      const titles = books.valuesList('title', { flat: true })
      expect(isQuerySet(titles)).to.equal(true)
      expect(titles).to.not.equal(books)
      expect(titles.model?.objectName).to.equal('Book')
      expect(titles.ordered).to.equal(false)
      expect(await books.first()).to.be.instanceOf(Book)
      expect(await titles.all().orderBy('title').first()).to.equal('Germinal')
    })

    it('counts, tells whether any row matches and iterates', async () => {
      const long = books.valuesList('pages', { flat: true }).filter({ pages__gt: 400 })
      expect(await long.count()).to.equal(3)
      expect(await long.slice(0, 2).count()).to.equal(2)
      expect(await long.exists()).to.equal(true)
      expect(await long.filter({ pages__gt: 1000 }).exists()).to.equal(false)
      const seen: number[] = []
      for await (const pages of long.orderBy('pages')) seen.push(pages)
      expect(seen).to.deep.equal([416, 423, 592])
    })
  })

  describe('valuesList() answers', () => {
    it('get() gives the one value, or DoesNotExist / MultipleObjectsReturned naming the model', async () => {
      const titles = books.valuesList('title', { flat: true })
      expect(await titles.get({ pk: 4 })).to.equal('Germinal')
      expect(await books.valuesList('slug', 'pages').get({ slug: 'germinal' })).to.deep.equal(['germinal', 592])
      await rejects(titles.get({ pk: 99 }), DoesNotExist, 'Book matching query does not exist.')
      await rejects(
        titles.get({ author: 'J. R. R. Tolkien' }),
        MultipleObjectsReturned,
        'get() returned more than one Book -- it returned 4!',
      )
    })

    it('first() and last() order by pk when unordered', async () => {
      expect(await books.valuesList('slug', 'pages').first()).to.deep.equal(['fellowship-of-the-ring', 423])
      expect(await books.valuesList('slug', 'pages').last()).to.deep.equal(['the-hobbit', 310])
      expect(
        await books.orderBy('-publicationDate').valuesList('publicationDate', { flat: true }).last(),
      ).to.deep.equal(day('1885-03-02'))
    })

    it('first() and last() of an empty QuerySet give null', async () => {
      const none = books.filter({ pk: 99 }).valuesList('publicationDate', { flat: true })
      expect(await none.first()).to.equal(null)
      expect(await none.last()).to.equal(null)
      expect(await none.toArray()).to.deep.equal([])
      expect(await books.none().valuesList('pk', 'title').first()).to.equal(null)
      expect(await books.orderBy('pk').slice(6).valuesList('pk', { flat: true }).first()).to.equal(null)
    })

    it('first() of one column tells a NULL value from no row', async () => {
      // A row whose one selected column is NULL is a row: [null], not "nothing found".
      const unrated = reviews.filter({ rating__isnull: true }).orderBy('pk').valuesList('rating')
      expect(await unrated.first()).to.deep.equal([null])
      expect(await unrated.toArray()).to.deep.equal([[null], [null]])
      expect(await reviews.filter({ pk: 99 }).valuesList('rating').first()).to.equal(null)
      expect(await unrated.valuesList('postedAt', { flat: true }).first()).to.equal(null)
      expect(await unrated.count()).to.equal(2)
      expect(await unrated.exists()).to.equal(true)
    })

    it('latest() and earliest() give the values of the greatest and smallest row', async () => {
      const titles = books.valuesList('title', { flat: true })
      expect(await titles.latest('publicationDate')).to.equal('Pricing_Rules: 100% Off')
      expect(await titles.earliest('publicationDate')).to.equal('Germinal')
      expect(await reviews.valuesList('rating', { flat: true }).latest()).to.equal(4)
    })
  })

  describe('valuesList() bad input', () => {
    it('gives FieldError with the choices for a field that does not exist, at once', () => {
      const message = `Cannot resolve keyword 'foo' into field. ${CHOICES}`
      expect(() => books.valuesList('foo')).to.throw(FieldError, message)
      expect(() => books.valuesList('title', 'foo')).to.throw(FieldError, message)
      expect(() => books.valuesList('foo', { flat: true })).to.throw(FieldError, message)
    })

    it('gives FieldError for names that look like SQL, or like lookups', () => {
      const names = [
        "'; DROP TABLE books_book; --",
        'title, slug',
        'title FROM books_book; --',
        '*',
        'publication_date',
        'title__icontains',
        '',
      ]
      for (const name of names) {
        expect(() => books.valuesList(name), name).to.throw(FieldError, `Cannot resolve keyword '${name}' into field.`)
        expect(() => books.valuesList(name, { flat: true }), name).to.throw(FieldError, 'Cannot resolve keyword')
      }
    })

    it('refuses flat with more than one field, or with none, in Django words', () => {
      expect(() => books.valuesList('title', 'pages', { flat: true })).to.throw(TypeError, MORE_THAN_ONE)
      expect(() => books.valuesList('foo', 'bar', { flat: true })).to.throw(TypeError, MORE_THAN_ONE)
      expect(() => books.valuesList({ flat: true })).to.throw(TypeError, NO_FIELDS)
    })

    it('still checks filter(), exclude() and orderBy() against every field of the model', () => {
      const titles = books.valuesList('title', { flat: true })
      const message = `Cannot resolve keyword 'foo' into field. ${CHOICES}`
      expect(() => titles.filter({ foo: 1 })).to.throw(FieldError, message)
      expect(() => titles.exclude({ foo__gt: 1 })).to.throw(FieldError, message)
      expect(() => titles.orderBy('-foo')).to.throw(FieldError, message)
      expect(() => titles.filter({ pages__gt: 'abc' })).to.throw(
        FieldError,
        "Field 'pages' expected a number but got 'abc'.",
      )
      expect(() => titles.slice(0, 2).filter({ pages: 1 })).to.throw(
        TypeError,
        'Cannot filter a query once a slice has been taken.',
      )
    })
  })
}
