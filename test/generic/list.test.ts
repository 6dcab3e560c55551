import { HttpRequest, HttpResponse, ImproperlyConfigured, path, type ViewCallable } from '@manouche/core'
import { MemoryQuerySet, type QuerySet, querySetToken } from '@manouche/data'
import { ListView, Paginator, type PaginatorOptions } from '@manouche/generic'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { container, type DependencyContainer } from 'tsyringe'
import {
  type Backend,
  Book,
  backends,
  type CallInit,
  callView,
  caught,
  containerFor,
  listDetailTemplates,
  numberedBooks,
  type Store,
} from '../fixtures/generic-views.js'

class BookList extends ListView<Book> {
  override model = Book
  override ordering: string | readonly string[] = 'id'
}

/** Django's DictList: a ListView over plain objects, without a model. */
class DictList extends ListView<{ first: string; last: string }> {
  override queryset = [
    { first: 'John', last: 'Lennon' },
    { first: 'Yoko', last: 'Ono' },
  ]
  override templateName = 'generic_views/list.html'
}

/** Django's CustomPaginator: always two orphans. */
class TwoOrphanPaginator<T> extends Paginator<T> {
  constructor(objectList: QuerySet<T>, perPage: number, options: PaginatorOptions = {}) {
    super(objectList, perPage, { ...options, orphans: 2 })
  }
}

class BookListCustomPaginator extends BookList {
  override paginateBy = 5
  override getPaginator(queryset: QuerySet<Book>, perPage: number, options: PaginatorOptions = {}) {
    return super.getPaginator(queryset, perPage, { ...options, orphans: 2 })
  }
}

/** The seed's view: HEAD answers with the latest publication date and no body. */
class BookListView extends ListView<Book> {
  override model = Book
  override ordering: string | readonly string[] = 'id'
  override paginateBy: number | undefined = 4

  async head(): Promise<HttpResponse> {
    const lastBook = await this.getQueryset().latest('publicationDate')
    return new HttpResponse('', { headers: { 'Last-Modified': lastBook.publicationDate.toUTCString() } })
  }
}

const titles = (list: unknown) => (list as Book[]).map((book) => book.title)

/** Open `rows` on `backend`, run `body` with a caller serving views against them, close. */
async function withBooks(
  backend: Backend,
  rows: Book[],
  body: (
    serve: (view: ViewCallable, init?: CallInit) => ReturnType<typeof callView>,
    store: Store<Book>,
  ) => Promise<void>,
) {
  const store = await backend.store(Book, rows)
  try {
    const c = containerFor(Book, store.qs)
    await body((view, init = {}) => callView(view, { container: c, ...init }), store)
  } finally {
    await store.close()
  }
}

for (const backend of backends) {
  describe(`ListView (${backend.name})`, () => {
    describe('getQueryset()', () => {
      it("resolves the model's QuerySet from the request's container", () =>
        withBooks(backend, numberedBooks(3), async (serve) => {
          const response = await serve(BookList.asView())
          expect(titles(response.contextData.objectList)).to.deep.equal(['Book 00', 'Book 01', 'Book 02'])
          expect(response.contextData.view).to.be.instanceOf(BookList)
        }))

      it('uses the queryset attribute over the model', () =>
        withBooks(backend, numberedBooks(3), async (serve, store) => {
          const view = BookList.asView({ queryset: store.qs.filter({ title: 'Book 01' }) })
          expect(titles((await serve(view)).contextData.objectList)).to.deep.equal(['Book 01'])
        }))

      it('orders by one field or several, "-" meaning descending', () =>
        withBooks(backend, numberedBooks(6), async (serve) => {
          const byTitle = await serve(BookList.asView({ ordering: '-title' }))
          expect(titles(byTitle.contextData.objectList)).to.deep.equal([
            'Book 05',
            'Book 04',
            'Book 03',
            'Book 02',
            'Book 01',
            'Book 00',
          ])
          const byAuthor = await serve(BookList.asView({ ordering: ['author', '-id'] }))
          expect(titles(byAuthor.contextData.objectList)).to.deep.equal([
            'Book 04',
            'Book 02',
            'Book 00',
            'Book 05',
            'Book 03',
            'Book 01',
          ])
        }))
    })

    describe('getContextData()', () => {
      it('gives objectList and bookList as the same array, without pagination', () =>
        withBooks(backend, numberedBooks(2), async (serve) => {
          const { contextData } = await serve(BookList.asView())
          expect(contextData.objectList).to.be.an('array').with.length(2)
          expect(contextData.bookList).to.equal(contextData.objectList)
          expect([contextData.paginator, contextData.pageObj, contextData.isPaginated]).to.deep.equal([
            null,
            null,
            false,
          ])
        }))

      it('names the list contextObjectName instead of bookList', () =>
        withBooks(backend, numberedBooks(2), async (serve) => {
          const { contextData } = await serve(BookList.asView({ contextObjectName: 'books' }))
          expect(contextData.books).to.equal(contextData.objectList)
          expect(contextData).not.to.have.property('bookList')
          const dupe = await serve(BookList.asView({ contextObjectName: 'objectList' }))
          expect(dupe.contextData).not.to.have.property('bookList')
          expect(titles(dupe.contextData.objectList)).to.have.length(2)
        }))

      it('lets extraContext have the last word', () =>
        withBooks(backend, numberedBooks(2), async (serve) => {
          const { contextData } = await serve(BookList.asView({ extraContext: { isPaginated: 'yes' } }))
          expect(contextData.isPaginated).to.equal('yes')
        }))
    })

    describe('paginateQueryset()', () => {
      it('serves the first page of 30, with the paginator and page in the context', () =>
        withBooks(backend, numberedBooks(100), async (serve) => {
          const { contextData } = await serve(BookList.asView({ paginateBy: 30 }))
          expect(contextData.objectList).to.have.length(30)
          expect(contextData.bookList).to.equal(contextData.objectList)
          expect(contextData.isPaginated).to.equal(true)
          const page = contextData.pageObj as { number: number; paginator: Paginator<Book> }
          expect(page.number).to.equal(1)
          expect(Number((contextData.paginator as Paginator<Book>).numPages)).to.equal(4)
          expect(page.paginator).to.equal(contextData.paginator)
          expect(titles(contextData.objectList).at(0)).to.equal('Book 00')
          expect(titles(contextData.objectList).at(-1)).to.equal('Book 29')
        }))

      it('paginates a short list too, isPaginated being false', () =>
        withBooks(backend, numberedBooks(6), async (serve) => {
          const { contextData } = await serve(BookList.asView({ paginateBy: 30 }))
          expect(contextData.objectList).to.have.length(6)
          expect((contextData.pageObj as { number: number }).number).to.equal(1)
          expect(Number((contextData.paginator as Paginator<Book>).numPages)).to.equal(1)
          expect(contextData.isPaginated).to.equal(false)
        }))

      const pages: Array<[string, CallInit, number, string, number]> = [
        ['?page=2', { query: 'page=2' }, 2, 'Book 30', 30],
        ['?page=last', { query: 'page=last' }, 4, 'Book 90', 10],
        ['the route kwarg', { params: { page: 3 } }, 3, 'Book 60', 30],
        ['the route kwarg over the query', { params: { page: 3 }, query: 'page=2' }, 3, 'Book 60', 30],
        ['the last of repeated values', { query: 'page=1&page=2' }, 2, 'Book 30', 30],
        ['an empty value, as page 1', { query: 'page=' }, 1, 'Book 00', 30],
        ['a number with spaces and a sign', { query: 'page=%20%2B2%20' }, 2, 'Book 30', 30],
        ['Unicode digits, as Python int() reads them', { query: `page=${encodeURIComponent('٣')}` }, 3, 'Book 60', 30],
      ]
      for (const [what, init, number, first, length] of pages) {
        it(`serves the page asked for by ${what}`, () =>
          withBooks(backend, numberedBooks(100), async (serve) => {
            const { contextData } = await serve(BookList.asView({ paginateBy: 30 }), init)
            expect((contextData.pageObj as { number: number }).number).to.equal(number)
            expect(titles(contextData.objectList)[0]).to.equal(first)
            expect(contextData.objectList).to.have.length(length)
          }))
      }

      it('reads the page from a custom pageKwarg', () =>
        withBooks(backend, numberedBooks(100), async (serve) => {
          const { contextData } = await serve(BookList.asView({ paginateBy: 30, pageKwarg: 'pagina' }), {
            query: 'pagina=2',
          })
          expect(titles(contextData.objectList)[0]).to.equal('Book 30')
        }))

      const notFound: Array<[string, string]> = [
        ['frog', 'Page is not “last”, nor can it be converted to an int.'],
        ['2.0', 'Page is not “last”, nor can it be converted to an int.'],
        ['1e3', 'Page is not “last”, nor can it be converted to an int.'],
        ['0x10', 'Page is not “last”, nor can it be converted to an int.'],
        ['Last', 'Page is not “last”, nor can it be converted to an int.'],
        ["1'; DROP TABLE books_book; --", 'Page is not “last”, nor can it be converted to an int.'],
        ['42', 'Invalid page (42): That page contains no results'],
        ['0', 'Invalid page (0): That page number is less than 1'],
        ['-1', 'Invalid page (-1): That page number is less than 1'],
        ['99999999999999999999', 'Invalid page (99999999999999999999): That page contains no results'],
      ]
      for (const [page, message] of notFound) {
        it(`answers 404 for ?page=${page}`, () =>
          withBooks(backend, numberedBooks(100), async (serve) => {
            const error = await caught(() =>
              serve(BookList.asView({ paginateBy: 30 }), { query: new URLSearchParams({ page }).toString() }),
            )
            expect(error.statusCode).to.equal(404)
            expect(error.message).to.equal(message)
          }))
      }

      it('folds orphans into the last page, and 404s past it', () =>
        withBooks(backend, numberedBooks(92), async (serve) => {
          const view = BookList.asView({ paginateBy: 30, paginateOrphans: 2 })
          expect(
            ((await serve(view, { query: 'page=last' })).contextData.pageObj as { number: number }).number,
          ).to.equal(3)
          expect((await serve(view, { query: 'page=3' })).contextData.objectList).to.have.length(32)
          expect((await caught(() => serve(view, { query: 'page=4' }))).message).to.equal(
            'Invalid page (4): That page contains no results',
          )
        }))

      it('builds the paginator from paginatorClass, or from an overridden getPaginator()', () =>
        withBooks(backend, numberedBooks(7), async (serve) => {
          const byClass = await serve(BookList.asView({ paginateBy: 5, paginatorClass: TwoOrphanPaginator }))
          expect(Number((byClass.contextData.paginator as Paginator<Book>).numPages)).to.equal(1)
          expect(byClass.contextData.objectList).to.have.length(7)
          const byHook = await serve(BookListCustomPaginator.asView())
          expect(byHook.contextData.objectList).to.have.length(7)
        }))
    })

    describe('over HTTP', () => {
      it('renders books/book_list.html with the page, the paginator and 404s for bad pages', () =>
        withBooks(backend, numberedBooks(10), async (_serve, store) => {
          const app = await bootstrap({
            views: [],
            urlpatterns: [path('books/', BookListView.asView()), path('books/page<int:page>/', BookListView.asView())],
            templates: { dirs: [listDetailTemplates] },
            container: containerFor(Book, store.qs),
          })
          try {
            const second = await app.inject({ method: 'GET', url: '/books/?page=2' })
            expect(second.statusCode).to.equal(200)
            expect(second.body.trim()).to.equal(
              'Book 04;Book 05;Book 06;Book 07;Page 2 of 3, 10 books, pages 1 2 3, next 3',
            )
            const byRoute = await app.inject({ method: 'GET', url: '/books/page3/' })
            expect(byRoute.body).to.include('Book 08;Book 09;Page 3 of 3')
            const frog = await app.inject({ method: 'GET', url: '/books/?page=frog' })
            expect(frog.statusCode).to.equal(404)
            expect(frog.body).to.include('Page is not “last”, nor can it be converted to an int.')
            const far = await app.inject({ method: 'GET', url: '/books/page9/' })
            expect(far.statusCode).to.equal(404)
            expect(far.body).to.include('Invalid page (9): That page contains no results')
          } finally {
            await app.close()
          }
        }))

      it("answers the seed's async head() with the latest date and no body", () =>
        withBooks(backend, numberedBooks(10), async (_serve, store) => {
          const app = await bootstrap({
            views: [],
            urlpatterns: [path('books/', BookListView.asView())],
            container: containerFor(Book, store.qs),
          })
          try {
            const head = await app.inject({ method: 'HEAD', url: '/books/' })
            expect(head.statusCode).to.equal(200)
            expect(head.headers['last-modified']).to.equal('Mon, 10 Jan 2000 00:00:00 GMT')
            expect(head.body).to.equal('')
          } finally {
            await app.close()
          }
        }))
    })

    describe('lastModified() and a HEAD handler', () => {
      /** The README's list: lastModified() reads the newest row, and head() reuses it. */
      class NewestFirstList extends ListView<Book> {
        override model = Book
        override ordering = '-publicationDate'
        override paginateBy: number | undefined = 4
        readonly seen: QuerySet<Book>[] = []

        async lastModified(): Promise<Date | undefined> {
          this.seen.push(this.getQueryset())
          return (await this.getQueryset().first())?.publicationDate
        }

        async head(): Promise<HttpResponse> {
          const newest = this.validators?.lastModified // what lastModified() found: no second query
          return new HttpResponse('', { headers: newest ? { 'Last-Modified': newest.toUTCString() } : {} })
        }

        override getContextData(kwargs?: Record<string, unknown>) {
          this.seen.push(this.getQueryset())
          return super.getContextData(kwargs)
        }
      }

      it('answers HEAD with one query: the handler reads what lastModified() found', () =>
        withBooks(backend, numberedBooks(10), async (_serve, store) => {
          const app = await bootstrap({
            views: [],
            urlpatterns: [path('books/', NewestFirstList.asView())],
            container: containerFor(Book, store.qs),
          })
          try {
            const before = store.queries()
            const head = await app.inject({ method: 'HEAD', url: '/books/' })
            expect(head.statusCode).to.equal(200)
            expect(head.headers['last-modified']).to.equal('Mon, 10 Jan 2000 00:00:00 GMT')
            if (before !== undefined) expect(store.queries()).to.equal(before + 1)
            const notModified = await app.inject({
              method: 'HEAD',
              url: '/books/',
              headers: { 'if-modified-since': 'Mon, 10 Jan 2000 00:00:00 GMT' },
            })
            expect(notModified.statusCode).to.equal(304)
          } finally {
            await app.close()
          }
        }))

      it('gives validators undefined values for an empty list, and no Last-Modified', () =>
        withBooks(backend, [], async (_serve, store) => {
          const request = new HttpRequest({ method: 'HEAD', path: '/books/', container: containerFor(Book, store.qs) })
          const response = await NewestFirstList.asView()(request)
          expect(response.status).to.equal(200)
          expect(response.headers.has('last-modified')).to.equal(false)
        }))

      it('builds the QuerySet once per request: lastModified() and get() share it', () =>
        withBooks(backend, numberedBooks(3), async (_serve, store) => {
          let view: NewestFirstList | undefined
          class Watched extends NewestFirstList {
            override setup(request: HttpRequest, kwargs: Record<string, unknown>) {
              super.setup(request, kwargs)
              view = this
            }
          }
          const request = new HttpRequest({ method: 'GET', path: '/books/', container: containerFor(Book, store.qs) })
          await Watched.asView()(request)
          expect(view?.seen).to.have.length(2)
          expect(view?.seen[0]).to.equal(view?.seen[1])
        }))
    })

    describe('get()', () => {
      it('answers 404 for an empty list when allowEmpty is false', () =>
        withBooks(backend, [], async (serve) => {
          const error = await caught(() => serve(BookList.asView({ allowEmpty: false })))
          expect(error.statusCode).to.equal(404)
          expect(error.message).to.equal('Empty list and “BookList.allowEmpty” is False.')
          const paginated = await caught(() => serve(BookList.asView({ allowEmpty: false, paginateBy: 2 })))
          expect(paginated.message).to.equal('Empty list and “BookList.allowEmpty” is False.')
        }))

      it('serves an empty list by default, page 1 included', () =>
        withBooks(backend, [], async (serve) => {
          expect((await serve(BookList.asView())).contextData.objectList).to.deep.equal([])
          const paginated = await serve(BookList.asView({ paginateBy: 2 }))
          expect((paginated.contextData.pageObj as { number: number }).number).to.equal(1)
        }))

      if (backend.name === 'sqlite') {
        const counts: Array<[string, Partial<BookList>, number]> = [
          ['one query for a list', {}, 1],
          ['one query when allowEmpty is false (the list is fetched once)', { allowEmpty: false }, 1],
          ['two queries (count, page) when paginated', { paginateBy: 2 }, 2],
          ['two queries for ?page=last', { paginateBy: 2 }, 2],
          [
            'three queries (exists, count, page) when paginated and allowEmpty is false',
            { allowEmpty: false, paginateBy: 2 },
            3,
          ],
        ]
        for (const [what, initkwargs, expected] of counts) {
          it(`runs ${what}`, () =>
            withBooks(backend, numberedBooks(5), async (serve, store) => {
              const before = store.queries() as number
              const response = await serve(BookList.asView(initkwargs), {
                query: what.includes('last') ? 'page=last' : '',
              })
              await response.render()
              expect((store.queries() as number) - before).to.equal(expected)
            }))
        }
      }
    })
  })
}

describe('ListView', () => {
  describe('getQueryset()', () => {
    it("raises ImproperlyConfigured with Django's message when there is neither model nor queryset", async () => {
      class AuthorList extends ListView {}
      const error = await caught(() => callView(AuthorList.asView()))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal(
        'AuthorList is missing a QuerySet. Define AuthorList.model, AuthorList.queryset, or override AuthorList.getQueryset().',
      )
    })

    it('says how to register a QuerySet when the model has none in the container', async () => {
      const error = await caught(() => callView(BookList.asView(), { container: container.createChildContainer() }))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal(
        'BookList.model is Book, but no QuerySet is registered for it: register one under querySetToken(Book) in the container (registerQuerySets() does it for a database).',
      )
    })

    it('reads an array of plain objects, paginated or not', async () => {
      const { contextData } = await callView(DictList.asView())
      expect((contextData.objectList as Array<{ first: string }>)[0]?.first).to.equal('John')
      expect(Object.keys(contextData).filter((key) => key.endsWith('List'))).to.deep.equal(['objectList'])
      const paginated = await callView(DictList.asView({ paginateBy: 1 }))
      expect(paginated.contextData.objectList).to.have.length(1)
    })
  })

  describe('getTemplateNames()', () => {
    const names = async (view: ViewCallable, container?: DependencyContainer) =>
      (await callView(view, { container })).templateName

    it("names '<app>/<model>_list.html', after templateName when there is one", async () => {
      const memory = containerFor(Book, new MemoryQuerySet(numberedBooks(1), { model: Book }))
      expect(await names(BookList.asView(), memory)).to.deep.equal(['books/book_list.html'])
      expect(await names(BookList.asView({ templateName: 'generic_views/list.html' }), memory)).to.deep.equal([
        'generic_views/list.html',
        'books/book_list.html',
      ])
      expect(await names(BookList.asView({ templateNameSuffix: '_objects' }), memory)).to.deep.equal([
        'books/book_objects.html',
      ])
    })

    it('names only templateName for a list without a model, and requires one', async () => {
      expect(await names(DictList.asView())).to.deep.equal(['generic_views/list.html'])
      const error = await caught(() => callView(DictList.asView({ templateName: undefined })))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal(
        "DictList requires either a 'templateName' attribute or a getQueryset() method that returns a QuerySet.",
      )
    })
  })
})

describe('ListView over a server', () => {
  it("resolves the model's QuerySet once per application, not per request", async () => {
    let resolved = 0
    const child = containerFor(Book, new MemoryQuerySet<Book>([]))
    child.register(querySetToken(Book), {
      useFactory: () => {
        resolved++
        return new MemoryQuerySet(numberedBooks(2), { model: Book })
      },
    })
    const app = await bootstrap({
      views: [],
      urlpatterns: [path('books/', BookList.asView())],
      templates: { dirs: [listDetailTemplates] },
      container: child,
    })
    try {
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/books/' })).statusCode).to.equal(200)
      expect(resolved).to.equal(1)
    } finally {
      await app.close()
    }
  })
})
