// Contract, part 2: orderBy(), reverse(), slice(), count(), exists(), first()/last(), latest()/earliest().
import { DoesNotExist, type QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, ids, rejects } from './contract.js'
import { makeReviews, Review } from './models.js'

export function orderingContract(backend: Backend): void {
  let books: QuerySet<Book>
  let reviews: QuerySet<Review>
  beforeEach(async () => {
    books = await backend.make(Book, makeBooks())
    reviews = await backend.make(Review, makeReviews())
  })

  describe('orderBy()', () => {
    it('orders ascending, and descending with a leading minus', async () => {
      expect(await ids(books.orderBy('pages'))).to.deep.equal([5, 6, 2, 3, 1, 4])
      expect(await ids(books.orderBy('-publicationDate'))).to.deep.equal([5, 3, 2, 1, 6, 4])
    })

    it('compares text by code unit: upper case, then lower case, then accents', async () => {
      expect(await ids(books.orderBy('title'))).to.deep.equal([4, 5, 1, 3, 2, 6])
    })

    it('orders by several fields', async () => {
      expect(await ids(books.orderBy('author', '-pages'))).to.deep.equal([1, 3, 2, 6, 5, 4])
    })

    it('breaks ties by primary key, in the direction of the last field', async () => {
      expect(await ids(books.orderBy('author'))).to.deep.equal([1, 2, 3, 6, 5, 4])
      expect(await ids(books.orderBy('-author'))).to.deep.equal([4, 5, 6, 3, 2, 1])
      expect(await ids(books.orderBy('-author', 'title'))).to.deep.equal([4, 5, 1, 3, 2, 6])
    })

    it('orders by pk', async () => {
      expect(await ids(books.orderBy('-pk'))).to.deep.equal([6, 5, 4, 3, 2, 1])
    })

    it('puts NULL first when ascending and last when descending', async () => {
      expect(await ids(reviews.orderBy('rating'))).to.deep.equal([2, 4, 3, 5, 1])
      expect(await ids(reviews.orderBy('-postedAt'))).to.deep.equal([5, 3, 1, 4, 2])
    })

    it('orders booleans false first', async () => {
      expect(await ids(reviews.orderBy('-featured'))).to.deep.equal([4, 1, 5, 3, 2])
    })

    it("uses the model's default ordering until told otherwise", async () => {
      expect(reviews.ordered).to.equal(true)
      expect(await ids(reviews)).to.deep.equal([1, 5, 3, 4, 2])
      expect(await ids(reviews.orderBy('pk'))).to.deep.equal([1, 2, 3, 4, 5])
    })

    it('sets ordered, and orderBy() with no field clears it', () => {
      expect(books.ordered).to.equal(false)
      expect(books.orderBy('title').ordered).to.equal(true)
      expect(books.orderBy('title').orderBy().ordered).to.equal(false)
      expect(reviews.orderBy().ordered).to.equal(false)
    })
  })

  describe('reverse()', () => {
    it('reverses the ordering exactly, ties included', async () => {
      expect(await ids(books.orderBy('author').reverse())).to.deep.equal([4, 5, 6, 3, 2, 1])
      expect(await ids(reviews.reverse())).to.deep.equal([2, 4, 3, 5, 1])
    })
  })

  describe('slice()', () => {
    it('takes [start, end) like Python slicing', async () => {
      const ordered = books.orderBy('pk')
      expect(await ids(ordered.slice(1, 3))).to.deep.equal([2, 3])
      expect(await ids(ordered.slice(4))).to.deep.equal([5, 6])
      expect(await ids(ordered.slice(0, 100))).to.deep.equal([1, 2, 3, 4, 5, 6])
      expect(await ids(ordered.slice(2, 2))).to.deep.equal([])
      expect(await ids(ordered.slice(4, 2))).to.deep.equal([])
      expect(await ids(ordered.slice(10))).to.deep.equal([])
    })

    it('slices a slice', async () => {
      const ordered = books.orderBy('pk')
      expect(await ids(ordered.slice(1, 5).slice(1, 2))).to.deep.equal([3])
      expect(await ids(ordered.slice(1, 3).slice(1))).to.deep.equal([3])
      expect(await ids(ordered.slice(2).slice(1, 10))).to.deep.equal([4, 5, 6])
      expect(await ids(ordered.slice(1, 3).slice(5))).to.deep.equal([])
    })

    it('refuses negative indices', () => {
      expect(() => books.slice(-1)).to.throw(RangeError, 'Negative indexing is not supported.')
      expect(() => books.slice(0, -1)).to.throw(RangeError, 'Negative indexing is not supported.')
    })

    it('refuses indices that are not integers', () => {
      expect(() => books.slice(1.5)).to.throw(TypeError, 'QuerySet indices must be integers, not 1.5.')
    })

    it('refuses filtering and reordering afterwards, in Django words', () => {
      const page = books.orderBy('pk').slice(0, 2)
      expect(() => page.filter({ pk: 1 })).to.throw(TypeError, 'Cannot filter a query once a slice has been taken.')
      expect(() => page.exclude({ pk: 1 })).to.throw(TypeError, 'Cannot filter a query once a slice has been taken.')
      expect(() => page.orderBy('title')).to.throw(TypeError, 'Cannot reorder a query once a slice has been taken.')
      expect(() => page.reverse()).to.throw(TypeError, 'Cannot reverse a query once a slice has been taken.')
      expect(page.filter({}).isSliced).to.equal(true)
    })
  })

  describe('count() and exists()', () => {
    it('counts the rows, or the rows of a slice', async () => {
      expect(await books.count()).to.equal(6)
      expect(await books.filter({ pages__gt: 400 }).count()).to.equal(3)
      expect(await books.slice(1, 3).count()).to.equal(2)
      expect(await books.slice(4).count()).to.equal(2)
      expect(await books.slice(5, 100).count()).to.equal(1)
      expect(await books.slice(10).count()).to.equal(0)
      expect(await books.filter({ pages__gt: 400 }).slice(2, 10).count()).to.equal(1)
    })

    it('tells whether any row matches', async () => {
      expect(await books.exists()).to.equal(true)
      expect(await books.filter({ pk: 99 }).exists()).to.equal(false)
      expect(await books.slice(5).exists()).to.equal(true)
      expect(await books.slice(6).exists()).to.equal(false)
      expect(await books.slice(3, 3).exists()).to.equal(false)
    })
  })

  describe('first() and last()', () => {
    it('order an unordered QuerySet by pk', async () => {
      expect((await books.first())?.id).to.equal(1)
      expect((await books.last())?.id).to.equal(6)
    })

    it('follow the ordering', async () => {
      expect((await books.orderBy('pages').first())?.id).to.equal(5)
      expect((await books.orderBy('pages').last())?.id).to.equal(4)
      expect((await reviews.first())?.id).to.equal(1)
      expect((await reviews.last())?.id).to.equal(2)
    })

    it('return null when nothing matches', async () => {
      expect(await books.filter({ pk: 99 }).first()).to.equal(null)
      expect(await books.filter({ pk: 99 }).last()).to.equal(null)
    })

    it('work on an ordered slice; last() refuses one, as Django does', async () => {
      const page = books.orderBy('pages').slice(2, 4)
      expect((await page.first())?.id).to.equal(2)
      await rejects(page.last(), TypeError, 'Cannot reverse a query once a slice has been taken.')
    })
  })

  describe('latest() and earliest()', () => {
    it('find the object with the greatest or smallest value', async () => {
      expect((await books.latest('publicationDate')).id).to.equal(5)
      expect((await books.earliest('publicationDate')).id).to.equal(4)
      expect((await books.latest('pages')).id).to.equal(4)
    })

    it('read a leading minus as reversing', async () => {
      expect((await books.latest('-publicationDate')).id).to.equal(4)
      expect((await books.earliest('-pages')).id).to.equal(4)
    })

    it('respect filters', async () => {
      expect((await books.filter({ author: 'J. R. R. Tolkien' }).latest('publicationDate')).id).to.equal(3)
    })

    it("use the model's getLatestBy when given no field; NULL counts as earliest", async () => {
      expect((await reviews.latest()).id).to.equal(5)
      expect((await reviews.earliest()).id).to.equal(2)
      expect((await reviews.filter({ postedAt__isnull: false }).earliest()).id).to.equal(4)
    })

    it('throw DoesNotExist when nothing matches', async () => {
      await rejects(books.filter({ pk: 99 }).latest('pages'), DoesNotExist, 'Book matching query does not exist.')
    })

    it('refuse a sliced QuerySet', async () => {
      const page = books.slice(0, 2)
      await rejects(page.latest('pages'), TypeError, 'Cannot change a query once a slice has been taken.')
    })
  })
}
