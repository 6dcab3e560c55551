// Contract, part 1: filter(), exclude(), every lookup, get(), iteration and immutability.
import { DoesNotExist, FieldError, MultipleObjectsReturned, modelMeta, type QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, idSet, ids, rejects } from './contract.js'
import { makeReviews, Review } from './models.js'

const TOLKIEN = 'J. R. R. Tolkien'

export function lookupContract(backend: Backend): void {
  let books: QuerySet<Book>
  let reviews: QuerySet<Review>
  beforeEach(async () => {
    books = await backend.make(Book, makeBooks())
    reviews = await backend.make(Review, makeReviews())
  })

  describe('filter()', () => {
    it('matches a field exactly, case-sensitively', async () => {
      expect(await idSet(books.filter({ author: 'Émile Zola' }))).to.deep.equal([4])
      expect(await idSet(books.filter({ title__exact: 'the hobbit' }))).to.deep.equal([6])
      expect(await books.filter({ title: 'The Hobbit' }).count()).to.equal(0)
    })

    it('reads pk as the primary key and converts a numeric string', async () => {
      expect(await ids(books.filter({ pk: 3 }))).to.deep.equal([3])
      expect(await ids(books.filter({ id: '3' }))).to.deep.equal([3])
    })

    it('ANDs several keys and chained filters', async () => {
      expect(await idSet(books.filter({ author: TOLKIEN, pages__gt: 400 }))).to.deep.equal([1, 3])
      expect(await idSet(books.filter({ author: TOLKIEN }).filter({ pages__lt: 400 }))).to.deep.equal([2, 6])
    })

    it('returns everything for an empty filter', async () => {
      expect(await books.filter({}).count()).to.equal(6)
      expect(await books.filter().count()).to.equal(6)
    })

    it('compares with gt, gte, lt and lte', async () => {
      expect(await idSet(books.filter({ pages__gt: 416 }))).to.deep.equal([1, 4])
      expect(await idSet(books.filter({ pages__gte: 416 }))).to.deep.equal([1, 3, 4])
      expect(await idSet(books.filter({ pages__lt: 310 }))).to.deep.equal([5])
      expect(await idSet(books.filter({ pages__lte: '310' }))).to.deep.equal([5, 6])
    })

    it('compares dates given as Date or as ISO text', async () => {
      const date = new Date('1954-11-11T00:00:00Z')
      expect(await idSet(books.filter({ publicationDate__gte: date }))).to.deep.equal([2, 3, 5])
      expect(await idSet(books.filter({ publicationDate__gte: '1954-11-11' }))).to.deep.equal([2, 3, 5])
      expect(await idSet(books.filter({ publicationDate__lt: '1900-01-01T00:00:00Z' }))).to.deep.equal([4])
      expect(await idSet(books.filter({ publicationDate: '1954-07-29' }))).to.deep.equal([1])
    })

    it('matches a list with in, ignoring nulls and values of the wrong type', async () => {
      expect(await idSet(books.filter({ pk__in: [2, 4, 99] }))).to.deep.equal([2, 4])
      expect(await idSet(books.filter({ slug__in: new Set(['germinal', 'nope']) }))).to.deep.equal([4])
      expect(await idSet(books.filter({ pk__in: ['abc', null, 3] }))).to.deep.equal([3])
      expect(await books.filter({ pk__in: [] }).count()).to.equal(0)
    })

    it('matches an inclusive range', async () => {
      expect(await idSet(books.filter({ pages__range: [310, 416] }))).to.deep.equal([2, 3, 6])
      expect(await idSet(books.filter({ publicationDate__range: ['1950-01-01', '1960-01-01'] }))).to.deep.equal([
        1, 2, 3,
      ])
    })

    it('finds text with contains (case-sensitive) and icontains', async () => {
      expect(await idSet(books.filter({ title__contains: 'The' }))).to.deep.equal([1, 2, 3])
      expect(await idSet(books.filter({ title__icontains: 'THE' }))).to.deep.equal([1, 2, 3, 6])
      expect(await idSet(books.filter({ title__contains: '' }))).to.deep.equal([1, 2, 3, 4, 5, 6])
    })

    it('folds non-ASCII case in the i lookups', async () => {
      expect(await idSet(books.filter({ author__icontains: 'ÉMILE' }))).to.deep.equal([4])
      expect(await idSet(books.filter({ author__iexact: 'émile zola' }))).to.deep.equal([4])
    })

    it('matches LIKE wildcards literally', async () => {
      expect(await idSet(books.filter({ title__contains: '%' }))).to.deep.equal([5])
      expect(await idSet(books.filter({ title__contains: 'g_R' }))).to.deep.equal([5])
      expect(await books.filter({ title__contains: 'g%R' }).count()).to.equal(0)
      expect(await books.filter({ author__icontains: 'O%N' }).count()).to.equal(0)
      expect(await books.filter({ title__contains: '\\' }).count()).to.equal(0)
      expect(await books.filter({ title__startswith: 'Pricing%' }).count()).to.equal(0)
    })

    it('matches starts and ends, with and without case', async () => {
      expect(await idSet(books.filter({ title__startswith: 'The' }))).to.deep.equal([1, 2, 3])
      expect(await idSet(books.filter({ title__istartswith: 'the' }))).to.deep.equal([1, 2, 3, 6])
      expect(await idSet(books.filter({ title__startswith: 'Pricing_' }))).to.deep.equal([5])
      expect(await idSet(books.filter({ title__endswith: 'King' }))).to.deep.equal([3])
      expect(await idSet(books.filter({ title__iendswith: 'KING' }))).to.deep.equal([3])
      expect(await idSet(books.filter({ title__endswith: '% Off' }))).to.deep.equal([5])
      expect(await books.filter({ slug__endswith: '' }).count()).to.equal(6)
    })

    it('tests for NULL with isnull, and reads field=null as isnull', async () => {
      expect(await idSet(reviews.filter({ rating__isnull: true }))).to.deep.equal([2, 4])
      expect(await idSet(reviews.filter({ rating: null }))).to.deep.equal([2, 4])
      expect(await idSet(reviews.filter({ rating__isnull: false }))).to.deep.equal([1, 3, 5])
      expect(await books.filter({ title__isnull: true }).count()).to.equal(0)
    })

    it('leaves NULL out of comparisons', async () => {
      expect(await idSet(reviews.filter({ rating__lt: 10 }))).to.deep.equal([1, 3, 5])
    })

    it('filters booleans given as booleans, 0/1 or words', async () => {
      expect(await idSet(reviews.filter({ featured: true }))).to.deep.equal([1, 4])
      expect(await idSet(reviews.filter({ featured: 'false' }))).to.deep.equal([2, 3, 5])
      expect(await idSet(reviews.filter({ featured: 1 }))).to.deep.equal([1, 4])
    })
  })

  describe('exclude()', () => {
    it('leaves out the matching rows', async () => {
      expect(await idSet(books.exclude({ author: TOLKIEN }))).to.deep.equal([4, 5])
    })

    it('negates the whole condition, as Django does', async () => {
      expect(await idSet(books.exclude({ author: TOLKIEN, pages__gt: 400 }))).to.deep.equal([2, 4, 5, 6])
    })

    it('keeps rows whose field is NULL', async () => {
      expect(await idSet(reviews.exclude({ rating: 5 }))).to.deep.equal([2, 3, 4, 5])
      expect(await idSet(reviews.exclude({ rating__gt: 3 }))).to.deep.equal([2, 3, 4])
      expect(await idSet(reviews.exclude({ rating: null }))).to.deep.equal([1, 3, 5])
    })

    it('combines with filter()', async () => {
      expect(await idSet(books.filter({ author: TOLKIEN }).exclude({ pages__lt: 400 }))).to.deep.equal([1, 3])
    })
  })

  describe('none()', () => {
    it('matches nothing, and exclude() of nothing matches everything', async () => {
      expect(await books.none().count()).to.equal(0)
      expect(await books.exclude({ pk__in: [] }).count()).to.equal(6)
    })
  })

  describe('get()', () => {
    it('returns the one matching object', async () => {
      expect((await books.get({ pk: 2 })).title).to.equal('The Two Towers')
      expect((await books.filter({ slug: 'germinal' }).get()).id).to.equal(4)
    })

    it('throws DoesNotExist naming the model', async () => {
      const error = await rejects(books.get({ pk: 99 }), DoesNotExist, 'Book matching query does not exist.')
      expect((error as DoesNotExist).model).to.equal(modelMeta(Book))
    })

    it('throws DoesNotExist, not a type error, for a pk that is no number', async () => {
      await rejects(books.get({ pk: 'abc' }), DoesNotExist, 'Book matching query does not exist.')
    })

    it('throws MultipleObjectsReturned with the count', async () => {
      const message = 'get() returned more than one Book -- it returned 4!'
      await rejects(books.get({ author: TOLKIEN }), MultipleObjectsReturned, message)
    })

    it('stops counting past 20', async () => {
      const many = Array.from({ length: 25 }, (_, i) =>
        Object.assign(makeBooks()[0] as Book, { id: i + 1, slug: `s${i}` }),
      )
      const crowd = await backend.make(Book, many)
      const message = 'get() returned more than one Book -- it returned more than 20!'
      await rejects(crowd.get(), MultipleObjectsReturned, message)
    })

    it('counts the rows of a slice, in its order, and ignores the ordering otherwise', async () => {
      expect((await books.orderBy('pages').slice(1, 2).get()).id).to.equal(6)
      expect((await books.orderBy('-pages').get({ author: 'Émile Zola' })).id).to.equal(4)
      const message = 'get() returned more than one Book -- it returned 2!'
      await rejects(books.orderBy('pages').slice(1, 3).get(), MultipleObjectsReturned, message)
    })

    it('reports bad input as a rejected promise, never a throw', async () => {
      const choices = 'Choices are: author, id, pages, publicationDate, slug, title.'
      await rejects(books.get({ foo: 1 }), FieldError, `Cannot resolve keyword 'foo' into field. ${choices}`)
      const sliced = books.slice(0, 2)
      await rejects(sliced.get({ pk: 1 }), TypeError, 'Cannot filter a query once a slice has been taken.')
    })
  })

  describe('results', () => {
    it('round-trips dates as Date and numbers as numbers', async () => {
      const book = await books.get({ pk: 1 })
      expect(book.publicationDate).to.be.instanceOf(Date)
      expect(book.publicationDate.toISOString()).to.equal('1954-07-29T00:00:00.000Z')
      expect(book.pages).to.equal(423)
    })

    it('gives NULL as null and booleans as booleans', async () => {
      const review = await reviews.get({ pk: 2 })
      expect(review.rating).to.equal(null)
      expect(review.postedAt).to.equal(null)
      expect(review.featured).to.equal(false)
    })

    it('are instances of the model, whose meta modelMeta() finds', async () => {
      const book = await books.get({ pk: 1 })
      expect(book).to.be.instanceOf(Book)
      expect(modelMeta(book)).to.equal(books.model)
    })

    it('iterate with for await', async () => {
      const titles: string[] = []
      for await (const book of books.orderBy('pk')) titles.push(book.title)
      expect(titles).to.have.length(6)
      expect(titles[0]).to.equal('The Fellowship of the Ring')
    })
  })

  describe('model', () => {
    it("names the model's app, name and verbose names", () => {
      expect(books.model?.app).to.equal('books')
      expect(books.model?.name).to.equal('book')
      expect(books.model?.verboseName).to.equal('book')
      expect(books.model?.verboseNamePlural).to.equal('books')
      expect(books.filter({ pk: 1 }).model).to.equal(books.model)
    })
  })

  describe('the same derivation, again', () => {
    it('still refuses a name holding the key separator after the real names were used', async () => {
      await books.orderBy('title', '-pk').toArray()
      expect(() => books.orderBy('title\u0000-pk')).to.throw(FieldError)
    })

    it('still refuses one name spelled like the key of two, after those two were used', async () => {
      await books.orderBy('title', '-pk').toArray()
      await books.valuesList('title', 'pk').toArray()
      expect(() => books.orderBy('2\u0000title\u0000-pk')).to.throw(FieldError)
      expect(() => books.valuesList('2\u0000title\u0000pk', { flat: true })).to.throw(FieldError)
    })

    it('still refuses string slice bounds after the same numbers were used', async () => {
      await books.slice(1, 3).toArray()
      expect(() => books.slice('1' as unknown as number, '3' as unknown as number)).to.throw(TypeError)
    })

    it('tells no ordering from an empty name, and one name from two', async () => {
      expect(await ids(books.orderBy())).to.have.length(6)
      expect(() => books.orderBy('')).to.throw(FieldError)
      const byAuthor = await ids(books.orderBy('author'))
      const byAuthorNewestFirst = await ids(books.orderBy('author', '-pk'))
      expect(byAuthorNewestFirst).to.not.deep.equal(byAuthor)
      expect(await ids(books.orderBy('author'))).to.deep.equal(byAuthor)
    })

    it('tells flat values from one-field tuples of the same field', async () => {
      const flat = await books.orderBy('pk').valuesList('pk', { flat: true }).toArray()
      const tuples = await books.orderBy('pk').valuesList('pk').toArray()
      expect(flat).to.deep.equal([1, 2, 3, 4, 5, 6])
      expect(tuples).to.deep.equal([[1], [2], [3], [4], [5], [6]])
      const byPk = books.orderBy('pk')
      expect(await byPk.valuesList('pk', { flat: true }).toArray()).to.deep.equal(flat)
      expect(await byPk.valuesList('pk', { flat: false }).toArray()).to.deep.equal(tuples)
      expect(() => byPk.valuesList('pk', 'title', { flat: true })).to.throw(TypeError)
    })

    it('tells slices apart around the largest bound kept as a number', async () => {
      const all = books.orderBy('pk')
      expect(await ids(all.slice(1))).to.deep.equal([2, 3, 4, 5, 6])
      expect(await ids(all.slice(1, 2 ** 24))).to.deep.equal([2, 3, 4, 5, 6])
      expect(await ids(all.slice(1, 2 ** 24 - 1))).to.deep.equal([2, 3, 4, 5, 6])
      expect(await ids(all.slice(1, 2))).to.deep.equal([2])
      expect(await ids(all.slice(2 ** 24))).to.deep.equal([])
      expect(await all.first()).to.include({ id: 1 })
      expect(await all.last()).to.include({ id: 6 })
    })
  })

  describe('immutability', () => {
    it('never changes the QuerySet a method is called on', async () => {
      const all = books.all()
      expect(all).to.not.equal(books)
      expect(books.all()).to.not.equal(all)
      const filtered = all.filter({ author: TOLKIEN })
      all.exclude({ pk: 1 })
      all.orderBy('-pages')
      all.slice(0, 1)
      expect(filtered).to.not.equal(all)
      expect(await all.count()).to.equal(6)
      expect(await filtered.count()).to.equal(4)
      expect(all.ordered).to.equal(false)
      expect(all.isSliced).to.equal(false)
    })

    it('can be evaluated again with the same answer', async () => {
      const page = books.orderBy('pages').slice(0, 2)
      expect(await ids(page)).to.deep.equal(await ids(page))
    })
  })
}
