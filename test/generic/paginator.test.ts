import { EmptyPage, InvalidPage, Page, PageNotAnInteger, Paginator } from '@manouche/generic'
import { expect } from 'chai'
import { Book, backends, caught, numberedBooks, useStore } from '../fixtures/generic-views.js'

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
const ten = range(10)
const E = Paginator.ELLIPSIS

describe('Paginator', () => {
  describe('count(), numPages() and pageRange', () => {
    // [items, perPage, orphans, allowEmptyFirstPage] -> [count, numPages]; Django's own table.
    const cases: Array<[number[], number | string, number | string, boolean, number, number]> = [
      [ten, 4, 0, false, 10, 3],
      [ten, 4, 1, false, 10, 3],
      [ten, 4, 2, false, 10, 2],
      [ten, 4, 0, true, 10, 3],
      [ten, 4, 2, true, 10, 2],
      [[1], 4, 0, false, 1, 1],
      [[1], 4, 2, true, 1, 1],
      [[], 4, 0, false, 0, 0],
      [[], 4, 2, false, 0, 0],
      [[], 4, 0, true, 0, 1],
      [[], 4, 2, true, 0, 1],
      [[], 1, 0, true, 0, 1],
      [[], 1, 0, false, 0, 0],
      [[1], 2, 0, true, 1, 1],
      [range(9), 10, 0, true, 9, 1],
      [[1], 1, 0, true, 1, 1],
      [[1, 2], 2, 0, true, 2, 1],
      [ten, 10, 0, true, 10, 1],
      [[1, 2], 1, 0, true, 2, 2],
      [[1, 2, 3], 2, 0, true, 3, 2],
      [range(11), 10, 0, true, 11, 2],
      [[1, 2, 3], 2, 1, true, 3, 1],
      [range(11), 10, 1, true, 11, 1],
      [ten, '4', 1, false, 10, 3],
      [ten, 4, '1', false, 10, 3],
    ]
    for (const [items, perPage, orphans, allowEmptyFirstPage, count, pages] of cases) {
      it(`gives ${count} objects on ${pages} pages for ${items.length} items, ${perPage} per page, ${orphans} orphans, allowEmptyFirstPage ${allowEmptyFirstPage}`, async () => {
        const paginator = new Paginator(items, perPage, { orphans, allowEmptyFirstPage })
        expect(await paginator.count()).to.equal(count)
        expect(await paginator.numPages()).to.equal(pages)
        expect(paginator.pageRange).to.deep.equal(range(pages))
      })
    }

    it('reads as plain numbers once awaited, as templates use them', async () => {
      const paginator = new Paginator(ten, 4)
      await paginator.page(1)
      expect(`${paginator.count} items on ${paginator.numPages} pages`).to.equal('10 items on 3 pages')
      expect(Number(paginator.numPages)).to.equal(3)
      expect(JSON.stringify({ count: paginator.count })).to.equal('{"count":10}')
      expect((paginator.numPages as unknown as number) > 2).to.equal(true)
    })

    it("knows an array's count at once, so validateNumber() needs no await", () => {
      const paginator = new Paginator(ten, 4)
      expect(paginator.validateNumber(3)).to.equal(3)
      expect(() => paginator.validateNumber(4)).to.throw(EmptyPage, 'That page contains no results')
      expect(paginator.pageRange).to.deep.equal([1, 2, 3])
    })

    it('refuses to be read as a number before the count of a QuerySet is known', async () => {
      const paginator = new Paginator({ count: async () => 10, slice: () => [] }, 4)
      const error = await caught(() => String(paginator.numPages))
      expect(error).to.be.instanceOf(TypeError)
      expect(error.message).to.equal(
        'Paginator.count() must be awaited before count, numPages, pageRange or validateNumber() are read.',
      )
      expect(() => paginator.pageRange).to.throw(TypeError)
    })

    it('counts anything with a count() method, and lets its errors through', async () => {
      const counting = { count: async () => 42, slice: () => [] }
      expect(await new Paginator(counting, 10).numPages()).to.equal(5)
      const failing = { count: () => Promise.reject(new TypeError('abc')), slice: () => [] }
      const error = await caught(() => new Paginator(failing, 10).count())
      expect(error.message).to.equal('abc')
    })

    it('rejects a perPage that is not a positive integer', () => {
      expect(() => new Paginator(ten, 0)).to.throw(RangeError, 'perPage must be a positive integer, not 0.')
      expect(() => new Paginator(ten, 'x')).to.throw(RangeError, "perPage must be a positive integer, not 'x'.")
      expect(() => new Paginator(ten, 2.5)).to.throw(RangeError, 'perPage must be a positive integer, not 2.5.')
    })

    it('rejects orphans as large as perPage, as Django 7 will', () => {
      for (const orphans of [2, 3]) {
        expect(() => new Paginator([1, 2, 3], 2, { orphans })).to.throw(
          RangeError,
          'The orphans argument cannot be larger than or equal to the perPage argument.',
        )
      }
      expect(() => new Paginator(ten, 4, { orphans: -1 })).to.throw(
        RangeError,
        'orphans must be an integer of 0 or more, not -1.',
      )
    })
    it('warns once when the objects have no defined order', async () => {
      class UnorderedShelf {
        readonly ordered = false
        count = () => 3
        slice = (start: number, end: number) => [1, 2, 3].slice(start, end)
      }
      const seen: string[] = []
      const listen = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`)
      process.on('warning', listen)
      try {
        new Paginator(new UnorderedShelf(), 2)
        new Paginator(new UnorderedShelf(), 2)
        new Paginator([3, 1, 2], 2)
        await new Promise((resolve) => setImmediate(resolve))
      } finally {
        process.off('warning', listen)
      }
      expect(seen).to.deep.equal([
        'UnorderedObjectListWarning: Pagination may yield inconsistent results with an unordered objectList: UnorderedShelf.',
      ])
    })
  })

  describe('validateNumber()', () => {
    it('accepts integers, integral numbers and the strings Python int() reads', async () => {
      const paginator = new Paginator(range(30), 2)
      await paginator.count()
      expect(paginator.validateNumber(1.0)).to.equal(1)
      expect(paginator.validateNumber('2')).to.equal(2)
      expect(paginator.validateNumber(' +3 ')).to.equal(3)
      expect(paginator.validateNumber('1_0')).to.equal(10)
      expect(paginator.validateNumber('٣')).to.equal(3)
      expect(paginator.validateNumber('007')).to.equal(7)
    })

    it("throws PageNotAnInteger, 'That page number is not an integer', for anything else", async () => {
      const paginator = new Paginator([1, 2, 3], 2)
      await paginator.count()
      for (const bad of [null, undefined, 'x', 1.2, '1.0', '1e3', '0x10', '', '1__0', true, Number.NaN, Infinity, {}]) {
        const error = await caught(() => paginator.validateNumber(bad))
        expect(error, String(bad)).to.be.instanceOf(PageNotAnInteger).and.instanceOf(InvalidPage)
        expect(error.message).to.equal('That page number is not an integer')
      }
    })

    it('throws EmptyPage below 1 and past the last page', async () => {
      const paginator = new Paginator([1, 2, 3], 2)
      await paginator.count()
      for (const [number, message] of [
        [0, 'That page number is less than 1'],
        ['-1', 'That page number is less than 1'],
        [3, 'That page contains no results'],
        ['99999999999999999999', 'That page contains no results'],
      ] as const) {
        const error = await caught(() => paginator.validateNumber(number))
        expect(error).to.be.instanceOf(EmptyPage).and.instanceOf(InvalidPage)
        expect(error.message).to.equal(message)
      }
    })

    it('accepts page 1 of an empty list, unless allowEmptyFirstPage is false', async () => {
      const empty = new Paginator([], 2)
      await empty.count()
      expect(empty.validateNumber(1)).to.equal(1)
      const strict = new Paginator([], 2, { allowEmptyFirstPage: false })
      await strict.count()
      expect(() => strict.validateNumber(1)).to.throw(EmptyPage, 'That page contains no results')
    })

    it('uses custom error messages, keeping the defaults for the others', async () => {
      const paginator = new Paginator([1, 2, 3], 2, { errorMessages: { minPage: 'Too small' } })
      await paginator.count()
      expect(() => paginator.validateNumber(-1)).to.throw(EmptyPage, 'Too small')
      expect(() => paginator.validateNumber(3)).to.throw(EmptyPage, 'That page contains no results')
      expect(() => paginator.validateNumber(1.2)).to.throw(PageNotAnInteger, 'That page number is not an integer')
    })
  })

  describe('getPage()', () => {
    it('returns page 1 for a non-integer and the last page when out of range', async () => {
      const paginator = new Paginator([1, 2, 3], 2)
      expect((await paginator.getPage(1)).objectList).to.deep.equal([1, 2])
      expect((await paginator.getPage(3)).number).to.equal(2)
      expect((await paginator.getPage(0)).number).to.equal(2)
      expect((await paginator.getPage(null)).number).to.equal(1)
      expect((await paginator.getPage('frog')).number).to.equal(1)
    })

    it('returns page 1 of an empty list', async () => {
      const paginator = new Paginator([], 2)
      expect((await paginator.getPage(1)).number).to.equal(1)
      expect((await paginator.getPage(2)).number).to.equal(1)
    })

    it('throws EmptyPage for an empty list without an empty first page', async () => {
      const paginator = new Paginator([], 2, { allowEmptyFirstPage: false })
      expect(await caught(() => paginator.getPage(1))).to.be.instanceOf(EmptyPage)
    })
  })

  describe('getElidedPageRange()', () => {
    it('does not elide when there are few pages', async () => {
      const paginator = new Paginator(range(1000), 100)
      await paginator.count()
      expect(paginator.getElidedPageRange(1)).to.deep.equal(range(10))
      const eleven = new Paginator(range(1001), 100)
      await eleven.count()
      expect(eleven.getElidedPageRange(1)).to.include(E)
    })

    it('elides around the current page with the defaults (3 each side, 2 at the ends)', async () => {
      const paginator = new Paginator(range(5000), 100)
      await paginator.count()
      expect(paginator.getElidedPageRange(1)).to.deep.equal([1, 2, 3, 4, E, 49, 50])
      expect(paginator.getElidedPageRange(7)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, E, 49, 50])
      expect(paginator.getElidedPageRange(8)).to.deep.equal([1, 2, E, 5, 6, 7, 8, 9, 10, 11, E, 49, 50])
      expect(paginator.getElidedPageRange(44)).to.deep.equal([1, 2, E, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50])
      expect(paginator.getElidedPageRange(50)).to.deep.equal([1, 2, E, 47, 48, 49, 50])
    })

    it('follows onEachSide and onEnds', async () => {
      const paginator = new Paginator(range(5000), 100)
      await paginator.count()
      const cases: Array<[number, number, number, Array<number | string>]> = [
        [6, 2, 1, [1, E, 4, 5, 6, 7, 8, E, 50]],
        [46, 2, 1, [1, E, 44, 45, 46, 47, 48, 49, 50]],
        [7, 1, 3, [1, 2, 3, E, 6, 7, 8, E, 48, 49, 50]],
        [7, 4, 0, [E, 3, 4, 5, 6, 7, 8, 9, 10, 11, E]],
        [4, 0, 1, [1, E, 4, E, 50]],
        [3, 0, 0, [E, 3, E]],
        [50, 0, 0, [E, 50]],
      ]
      for (const [number, onEachSide, onEnds, expected] of cases) {
        expect(
          paginator.getElidedPageRange(number, { onEachSide, onEnds }),
          `${number}/${onEachSide}/${onEnds}`,
        ).to.deep.equal(expected)
      }
    })

    it('validates the page number', async () => {
      const paginator = new Paginator([1, 2, 3], 2)
      await paginator.count()
      expect(() => paginator.getElidedPageRange(3)).to.throw(EmptyPage, 'That page contains no results')
    })
  })

  describe('Page', () => {
    it('acts like a sequence', async () => {
      const page = await new Paginator([...'abcdefghijk'], 5, { orphans: 1 }).page(2)
      expect(page.length).to.equal(6)
      expect([...page].join('')).to.equal('fghijk')
      expect(page.at(0)).to.equal('f')
      expect(page.at(-1)).to.equal('k')
      expect(() => page.at('has_previous' as unknown as number)).to.throw(
        TypeError,
        'Page indices must be integers, not string.',
      )
      expect(String(page)).to.equal('<Page 2 of 2>')
    })

    it('gives first and last indexes, orphans folded into the last page', async () => {
      // [perPage, orphans] -> [first page's indexes, last page's indexes], ten items.
      const cases: Array<[number, number, [number, number], [number, number]]> = [
        [1, 0, [1, 1], [10, 10]],
        [2, 0, [1, 2], [9, 10]],
        [3, 0, [1, 3], [10, 10]],
        [5, 0, [1, 5], [6, 10]],
        [3, 1, [1, 3], [7, 10]],
        [3, 2, [1, 3], [7, 10]],
        [5, 2, [1, 5], [6, 10]],
      ]
      for (const [perPage, orphans, first, last] of cases) {
        const paginator = new Paginator(ten, perPage, { orphans })
        const one = await paginator.page(1)
        const end = await paginator.page(await paginator.numPages())
        expect([one.startIndex(), one.endIndex(), end.startIndex(), end.endIndex()]).to.deep.equal([...first, ...last])
      }
      const empty = await new Paginator([], 4).page(1)
      expect([empty.startIndex(), empty.endIndex()]).to.deep.equal([0, 0])
    })

    it('uses a Page subclass from newPage()', async () => {
      class NumberedPage<T> extends Page<T> {
        label(): string {
          return `page ${this.number}`
        }
      }
      class NumberedPaginator<T> extends Paginator<T> {
        protected override newPage(objectList: T[], number: number): NumberedPage<T> {
          return new NumberedPage(objectList, number, this)
        }
      }
      const page = (await new NumberedPaginator(ten, 4).page(2)) as NumberedPage<number>
      expect(page.label()).to.equal('page 2')
    })
  })

  describe('iteration', () => {
    it('yields every page in turn', async () => {
      const pages: string[] = []
      for await (const page of new Paginator([1, 2, 3], 2)) pages.push(`${page}: ${[...page]}`)
      expect(pages).to.deep.equal(['<Page 1 of 2>: 1,2', '<Page 2 of 2>: 3'])
    })
  })

  for (const backend of backends) {
    describe(`over a QuerySet (${backend.name})`, () => {
      const store = useStore(backend, Book, () => numberedBooks(9))
      const titles = (page: Page<Book>) => page.objectList.map((book) => book.title)

      it('serves the first page', async () => {
        const page = await new Paginator(store().qs.orderBy('id'), 5).page(1)
        expect(String(page)).to.equal('<Page 1 of 2>')
        expect(titles(page)).to.deep.equal(['Book 00', 'Book 01', 'Book 02', 'Book 03', 'Book 04'])
        expect([page.hasNext(), page.hasPrevious(), page.hasOtherPages()]).to.deep.equal([true, false, true])
        expect(page.nextPageNumber()).to.equal(2)
        expect(() => page.previousPageNumber()).to.throw(EmptyPage, 'That page number is less than 1')
        expect([page.startIndex(), page.endIndex()]).to.deep.equal([1, 5])
      })

      it('serves the last page', async () => {
        const page = await new Paginator(store().qs.orderBy('id'), 5).page(2)
        expect(String(page)).to.equal('<Page 2 of 2>')
        expect(titles(page)).to.deep.equal(['Book 05', 'Book 06', 'Book 07', 'Book 08'])
        expect([page.hasNext(), page.hasPrevious(), page.hasOtherPages()]).to.deep.equal([false, true, true])
        expect(() => page.nextPageNumber()).to.throw(EmptyPage, 'That page contains no results')
        expect(page.previousPageNumber()).to.equal(1)
        expect([page.startIndex(), page.endIndex()]).to.deep.equal([6, 9])
      })

      it('gives the page an array of objects, in the QuerySet order', async () => {
        const page = await new Paginator(store().qs.orderBy('-id'), 4).page(3)
        expect(page.objectList).to.be.an('array')
        expect(titles(page)).to.deep.equal(['Book 00'])
      })

      if (backend.name === 'sqlite') {
        it('runs one COUNT and one page query, however many times it is asked', async () => {
          const before = store().queries() as number
          const paginator = new Paginator(store().qs.orderBy('id'), 5)
          await Promise.all([paginator.count(), paginator.numPages()])
          await paginator.page(2)
          await paginator.numPages()
          expect((store().queries() as number) - before).to.equal(2)
        })
      }
    })
  }
})
