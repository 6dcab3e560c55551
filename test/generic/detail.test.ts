import { type HttpResponse, ImproperlyConfigured, type Kwargs, path } from '@manouche/core'
import { DoesNotExist, MemoryQuerySet, modelMeta, querySetToken } from '@manouche/data'
import { DetailView } from '@manouche/generic'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import {
  Artist,
  type Backend,
  Book,
  backends,
  type CallInit,
  callView,
  caught,
  containerFor,
  Flatpage,
  listDetailTemplates,
  makeArtists,
  numberedBooks,
  type Store,
} from '../fixtures/generic-views.js'

class BookDetail extends DetailView<Book> {
  override model = Book
}

class ArtistDetail extends DetailView<Artist> {
  override model = Artist
}

/** Django's ObjectDetail: an object that is no model instance. */
class ObjectDetail extends DetailView {
  override templateName: string | undefined = 'generic_views/detail.html'
  override async getObject() {
    return { foo: 'bar' }
  }
}

/** Django's AuthorCustomDetail: get() names the object through getContextObjectName(obj). */
class BookCustomDetail extends BookDetail {
  override templateName = 'books/book_detail.html'
  override async get(): Promise<HttpResponse> {
    const book = await this.getObject()
    return this.renderToResponse({ [`custom_${this.getContextObjectName(book)}`]: book })
  }
}

/** A QuerySet whose get() fails with another model's DoesNotExist, as Django's ObjectDoesNotExistDetail. */
class BrokenQuerySet extends MemoryQuerySet<Book> {
  override async get(): Promise<Book> {
    throw new DoesNotExist(modelMeta(Artist))
  }
}

type Serve = (view: ReturnType<typeof BookDetail.asView>, init?: CallInit) => ReturnType<typeof callView>

/** Open the books (and artists) on `backend`, run `body` with a caller serving views, close. */
async function withBooks(backend: Backend, body: (serve: Serve, store: Store<Book>) => Promise<void>) {
  const store = await backend.store(Book, numberedBooks(3))
  const artists = await backend.store(Artist, makeArtists())
  try {
    const c = containerFor(Book, store.qs)
    c.register(querySetToken(Artist), { useValue: artists.qs })
    await body((view, init = {}) => callView(view, { container: c, ...init }), store)
  } finally {
    await Promise.all([store.close(), artists.close()])
  }
}

const title = (object: unknown) => (object as Book).title

for (const backend of backends) {
  describe(`DetailView (${backend.name})`, () => {
    describe('getObject()', () => {
      const found: Array<[string, Partial<BookDetail>, Kwargs, string]> = [
        ['the pk', {}, { pk: 2 }, 'Book 01'],
        ['a custom pkUrlKwarg', { pkUrlKwarg: 'foo' }, { foo: 2 }, 'Book 01'],
        ['the slug', {}, { slug: 'b2' }, 'Book 02'],
        ['a custom slugUrlKwarg', { slugUrlKwarg: 'foo' }, { foo: 'b2' }, 'Book 02'],
        ['the pk, ignoring a slug that does not match', {}, { pk: 1, slug: 'b2' }, 'Book 00'],
        ['pk and slug with queryPkAndSlug', { queryPkAndSlug: true }, { pk: 1, slug: 'b0' }, 'Book 00'],
        ['a custom slugField', { slugField: 'title' }, { slug: 'Book 02' }, 'Book 02'],
      ]
      for (const [what, initkwargs, params, expected] of found) {
        it(`finds the object by ${what}`, () =>
          withBooks(backend, async (serve) => {
            const { contextData, templateName } = await serve(BookDetail.asView(initkwargs), { params })
            expect(title(contextData.object)).to.equal(expected)
            expect(contextData.book).to.equal(contextData.object)
            expect(contextData.view).to.be.instanceOf(BookDetail)
            expect(templateName).to.deep.equal(['books/book_detail.html'])
          }))
      }

      const missing: Array<[string, Partial<BookDetail>, Kwargs]> = [
        ['a pk that matches nothing', {}, { pk: 500 }],
        ['pk and slug that disagree with queryPkAndSlug', { queryPkAndSlug: true }, { pk: 1, slug: 'b1' }],
        ['a pk that is not a number', {}, { pk: 'abc' }],
        ['a slug that looks like SQL', {}, { slug: "' OR 1=1 --" }],
      ]
      for (const [what, initkwargs, params] of missing) {
        it(`answers 404 'No book found matching the query' for ${what}`, () =>
          withBooks(backend, async (serve) => {
            const error = await caught(() => serve(BookDetail.asView(initkwargs), { params }))
            expect(error.statusCode).to.equal(404)
            expect(error.message).to.equal('No book found matching the query')
          }))
      }

      it('names the model by its verbose name in the 404, and in the context by its name', () =>
        withBooks(backend, async (serve) => {
          const error = await caught(() => serve(ArtistDetail.asView(), { params: { pk: 9 } }))
          expect(error.message).to.equal('No professional artist found matching the query')
          const { contextData, templateName } = await serve(ArtistDetail.asView(), { params: { pk: 1 } })
          expect((contextData.artist as Artist).name).to.equal('Rene Magritte')
          expect(templateName).to.deep.equal(['books/artist_detail.html'])
        }))

      it("lets another model's DoesNotExist through rather than answer 404", () =>
        withBooks(backend, async (serve) => {
          const broken = new BrokenQuerySet(numberedBooks(1), { model: Book })
          const error = await caught(() => serve(BookDetail.asView({ queryset: broken }), { params: { pk: 1 } }))
          expect(error).to.be.instanceOf(DoesNotExist)
          expect(error.statusCode).to.equal(500)
        }))

      it('looks in the queryset attribute, and in a QuerySet passed to it', () =>
        withBooks(backend, async (serve, store) => {
          const view = BookDetail.asView({ queryset: store.qs.filter({ author: 'Even Author' }) })
          const error = await caught(() => serve(view, { params: { pk: 2 } }))
          expect(error.message).to.equal('No book found matching the query')
          class FirstOnly extends BookDetail {
            override async getObject() {
              return super.getObject(store.qs.filter({ id: 1 }))
            }
          }
          expect((await caught(() => serve(FirstOnly.asView(), { params: { pk: 2 } }))).statusCode).to.equal(404)
        }))

      if (backend.name === 'sqlite') {
        it('runs one query', () =>
          withBooks(backend, async (serve, store) => {
            const before = store.queries() as number
            await (await serve(BookDetail.asView(), { params: { pk: 1 } })).render()
            expect((store.queries() as number) - before).to.equal(1)
          }))
      }
    })

    describe('getContextData()', () => {
      it('gives object and <model> synchronously, kwargs winning, and an async override still runs', () =>
        withBooks(backend, async (serve) => {
          class Annotated extends BookDetail {
            override async getContextData(kwargs?: Record<string, unknown>) {
              return { ...(await super.getContextData(kwargs)), note: 'added' }
            }
          }
          const { contextData } = await serve(Annotated.asView(), { params: { pk: 1 } })
          expect(contextData.note).to.equal('added')
          expect(title(contextData.book)).to.equal('Book 00')
          const view = new BookDetail()
          view.object = { title: 'Given' } as unknown as Book
          view.contextObjectName = 'book'
          const context = view.getContextData({ book: 'kwarg wins' })
          expect(context).not.to.be.instanceOf(Promise)
          expect(context).to.include({ view, book: 'kwarg wins' })
          expect(context).to.have.nested.property('object.title', 'Given')
        }))

      it('names the object contextObjectName instead of its model', () =>
        withBooks(backend, async (serve) => {
          const { contextData } = await serve(BookDetail.asView({ contextObjectName: 'thingy' }), { params: { pk: 1 } })
          expect(title(contextData.thingy)).to.equal('Book 00')
          expect(contextData).not.to.have.property('book')
          const dupe = await serve(BookDetail.asView({ contextObjectName: 'object' }), { params: { pk: 1 } })
          expect(dupe.contextData).not.to.have.property('book')
          expect(title(dupe.contextData.object)).to.equal('Book 00')
        }))

      it('names the object from the object given to getContextObjectName(), not this.object', () =>
        withBooks(backend, async (serve) => {
          const { contextData } = await serve(BookCustomDetail.asView(), { params: { pk: 1 } })
          expect(title(contextData.custom_book)).to.equal('Book 00')
          expect(contextData).not.to.have.property('book')
          expect(contextData).not.to.have.property('object')
        }))
    })

    describe('over HTTP', () => {
      it('renders books/book_detail.html, and answers 404 with the reason', async () => {
        const store = await backend.store(Book, numberedBooks(3))
        const app = await bootstrap({
          views: [],
          urlpatterns: [path('books/<int:pk>/', BookDetail.asView()), path('books/<slug:slug>/', BookDetail.asView())],
          templates: { dirs: [listDetailTemplates] },
          container: containerFor(Book, store.qs),
        })
        try {
          const byPk = await app.inject({ method: 'GET', url: '/books/2/' })
          expect([byPk.statusCode, byPk.body.trim()]).to.deep.equal([200, 'Book 01 by Odd Author'])
          const bySlug = await app.inject({ method: 'GET', url: '/books/b2/' })
          expect(bySlug.body.trim()).to.equal('Book 02 by Even Author')
          const head = await app.inject({ method: 'HEAD', url: '/books/2/' })
          expect([head.statusCode, head.body]).to.deep.equal([200, ''])
          const missing = await app.inject({ method: 'GET', url: '/books/99/' })
          expect(missing.statusCode).to.equal(404)
          expect(missing.body).to.include('No book found matching the query')
        } finally {
          await app.close()
          await store.close()
        }
      })
    })
  })
}

describe('DetailView', () => {
  it("raises ImproperlyConfigured with Django's message when the route has neither pk nor slug", async () => {
    const qs = new MemoryQuerySet(numberedBooks(1), { model: Book })
    const error = await caught(() => callView(BookDetail.asView({ queryset: qs })))
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect(error.message).to.equal(
      'Generic detail view BookDetail must be called with either an object pk or a slug in the URLconf.',
    )
  })

  it("raises ImproperlyConfigured with Django's message when there is neither model nor queryset", async () => {
    class AuthorDetail extends DetailView {}
    const error = await caught(() => callView(AuthorDetail.asView(), { params: { pk: 1 } }))
    expect(error.message).to.equal(
      'AuthorDetail is missing a QuerySet. Define AuthorDetail.model, AuthorDetail.queryset, or override AuthorDetail.getQueryset().',
    )
  })

  it('shows an object that is no model instance, under object only', async () => {
    const { contextData, templateName } = await callView(ObjectDetail.asView())
    expect(contextData.object).to.deep.equal({ foo: 'bar' })
    expect(Object.keys(contextData).sort()).to.deep.equal(['object', 'view'])
    expect(templateName).to.deep.equal(['generic_views/detail.html'])
  })

  describe('getTemplateNames()', () => {
    const books = new MemoryQuerySet(numberedBooks(1), { model: Book })
    const names = async (view: ReturnType<typeof BookDetail.asView>) =>
      (await callView(view, { params: { pk: 1 } })).templateName

    it('uses templateName alone when it is set', async () => {
      const view = BookDetail.asView({ queryset: books, templateName: 'generic_views/about.html' })
      expect(await names(view)).to.deep.equal(['generic_views/about.html'])
    })

    it('appends templateNameSuffix to the model name', async () => {
      expect(await names(BookDetail.asView({ queryset: books, templateNameSuffix: '_view' }))).to.deep.equal([
        'books/book_view.html',
      ])
    })

    it('tries the template the object names in templateNameField first', async () => {
      const pages = new MemoryQuerySet(
        [Object.assign(new Flatpage(), { id: 1, content: 'moose', template: 'flat/moose.html' })],
        {
          model: Flatpage,
        },
      )
      class FlatpageDetail extends DetailView<Flatpage> {
        override queryset = pages
        override templateNameField: string | undefined = 'template'
      }
      expect(await names(FlatpageDetail.asView())).to.deep.equal(['flat/moose.html', 'books/flatpage_detail.html'])
    })

    it('falls back on the model when the object is no model instance', async () => {
      class PlainBookDetail extends BookDetail {
        override async getObject() {
          return { title: 'plain' } as Book
        }
      }
      expect(await names(PlainBookDetail.asView())).to.deep.equal(['books/book_detail.html'])
    })

    it("raises ImproperlyConfigured with Django's message when there is nothing to name a template by", async () => {
      const error = await caught(() => callView(ObjectDetail.asView({ templateName: undefined })))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal(
        "SingleObjectTemplateResponseMixin requires a definition of 'templateName', 'templateNameField', or 'model'; or an implementation of 'getTemplateNames()'.",
      )
    })
  })
})
