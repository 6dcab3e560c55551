import {
  BaseView,
  bootstrap,
  HttpResponse,
  ImproperlyConfigured,
  include,
  NoReverseMatch,
  path,
  registerConverter,
  reverse,
  UrlConf,
  View,
} from '@manouche/core'
import { expect } from 'chai'

class Plain extends BaseView {
  get() {
    return new HttpResponse('plain')
  }
}

const view = Plain.asView()

describe('URL patterns', () => {
  describe('path()', () => {
    it('makes the leading slash optional', () => {
      expect(path('/about/', view).route).to.equal('about/')
      expect(path('about/', view).match('/about/')).to.deep.equal({})
    })

    it('converts <int:> to a number and refuses what is not digits', () => {
      const pattern = path('books/<int:pk>/', view)
      expect(pattern.match('/books/42/')).to.deep.equal({ pk: 42 })
      expect(pattern.match('/books/abc/')).to.equal(undefined)
      expect(pattern.match('/books/-1/')).to.equal(undefined)
      expect(pattern.match('/books/1.5/')).to.equal(undefined)
    })

    it('refuses an <int:> too large to hold exactly', () => {
      expect(path('books/<int:pk>/', view).match('/books/99999999999999999999/')).to.equal(undefined)
    })

    it('matches <str:>, <slug:>, <uuid:> and <path:> as Django does', () => {
      expect(path('a/<name>/', view).match('/a/x y/')).to.deep.equal({ name: 'x y' })
      expect(path('a/<str:name>/', view).match('/a/x/y/')).to.equal(undefined)
      expect(path('s/<slug:slug>/', view).match('/s/hello-world_1/')).to.deep.equal({ slug: 'hello-world_1' })
      expect(path('s/<slug:slug>/', view).match('/s/hello world/')).to.equal(undefined)
      const uuid = '12345678-1234-5678-1234-567812345678'
      expect(path('u/<uuid:id>/', view).match(`/u/${uuid}/`)).to.deep.equal({ id: uuid })
      expect(path('u/<uuid:id>/', view).match('/u/12345678-1234-5678-1234-56781234567Z/')).to.equal(undefined)
      expect(path('f/<path:rest>', view).match('/f/a/b/c.txt')).to.deep.equal({ rest: 'a/b/c.txt' })
      // Python's `.` takes CR and U+2028 too; only a newline stops it.
      expect(path('f/<path:rest>', view).match('/f/a\rb\u2028c')).to.deep.equal({ rest: 'a\rb\u2028c' })
      expect(path('f/<path:rest>', view).match('/f/a\nb')).to.equal(undefined)
    })

    it('fails early on an unknown converter', () => {
      expect(() => path('x/<bogus:pk>/', view)).to.throw(
        ImproperlyConfigured,
        "URL route 'x/<bogus:pk>/' uses invalid converter 'bogus'.",
      )
    })

    it('fails early on a kwarg name that is not an identifier', () => {
      expect(() => path('x/<int:2pk>/', view)).to.throw(
        ImproperlyConfigured,
        "URL route 'x/<int:2pk>/' uses parameter name '2pk' which isn't a valid identifier.",
      )
    })
  })

  describe('registerConverter()', () => {
    it('adds a converter that routes and reverses', () => {
      registerConverter('year4', { regex: '[0-9]{4}', toValue: (t) => Number(t), toUrl: (v) => String(v) })
      const conf = new UrlConf([path('y/<year4:year>/', view, { name: 'year' })])
      expect(conf.resolve('/y/2024/')?.kwargs).to.deep.equal({ year: 2024 })
      expect(conf.reverse('year', { year: 1999 })).to.equal('/y/1999/')
      expect(() => registerConverter('year4', { regex: '.', toValue: String, toUrl: String })).to.throw(
        ImproperlyConfigured,
        "Converter 'year4' is already registered.",
      )
    })
  })

  describe('reverse()', () => {
    const conf = new UrlConf([
      path('about/', view, { name: 'about' }),
      path('books/<int:pk>/', view, { name: 'book-detail' }),
      path('files/<path:name>', view, { name: 'file' }),
      include('library/', [path('<slug:slug>/', view, { name: 'detail' })], { namespace: 'books' }),
    ])

    it('builds the URL of a named route with its kwargs', () => {
      expect(conf.reverse('about')).to.equal('/about/')
      expect(conf.reverse('book-detail', { pk: 3 })).to.equal('/books/3/')
      expect(conf.reverse('file', { name: 'a/b c.txt' })).to.equal('/files/a/b%20c.txt')
    })

    it('reverses inside a namespace', () => {
      expect(conf.reverse('books:detail', { slug: 'dune' })).to.equal('/library/dune/')
      expect(reverse('books:detail', { slug: 'dune' }, { urlconf: conf })).to.equal('/library/dune/')
    })

    it('raises NoReverseMatch for an unknown name', () => {
      expect(() => conf.reverse('nope')).to.throw(
        NoReverseMatch,
        "Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.",
      )
    })

    it('raises NoReverseMatch for an unknown namespace', () => {
      expect(() => conf.reverse('authors:detail')).to.throw(NoReverseMatch, "'authors' is not a registered namespace")
    })

    it('raises NoReverseMatch for kwargs that do not fit', () => {
      expect(() => conf.reverse('book-detail', { pk: 'abc' })).to.throw(
        NoReverseMatch,
        `Reverse for 'book-detail' with keyword arguments '{"pk":"abc"}' not found. 1 pattern(s) tried: ['books/<int:pk>/']`,
      )
      expect(() => conf.reverse('book-detail')).to.throw(NoReverseMatch)
      expect(() => conf.reverse('book-detail', { pk: 1, extra: 2 })).to.throw(NoReverseMatch)
    })
  })

  describe('include()', () => {
    it('prefixes routes and nests namespaces', () => {
      const conf = new UrlConf([
        include('shop/', [include('books/', [path('<int:pk>/', view, { name: 'detail' })], { namespace: 'books' })], {
          namespace: 'shop',
        }),
      ])
      expect(conf.reverse('shop:books:detail', { pk: 9 })).to.equal('/shop/books/9/')
      expect(conf.resolve('/shop/books/9/')?.kwargs).to.deep.equal({ pk: 9 })
    })
  })

  describe('UrlConf', () => {
    it('resolves to the first pattern that matches, in order', () => {
      const first = Plain.asView()
      const conf = new UrlConf([path('b/<int:pk>/', first), path('b/<slug:slug>/', view)])
      expect(conf.resolve('/b/1/')?.pattern.view).to.equal(first)
      expect(conf.resolve('/b/one/')?.kwargs).to.deep.equal({ slug: 'one' })
      expect(conf.resolve('/c/')).to.equal(undefined)
    })

    it("keeps Django's order between routes with and without converters", () => {
      const slugFirst = Plain.asView()
      const fixedFirst = Plain.asView()
      const a = new UrlConf([path('b/<slug:slug>/', slugFirst), path('b/new/', view)])
      expect(a.resolve('/b/new/')?.pattern.view).to.equal(slugFirst)
      const b = new UrlConf([path('b/new/', fixedFirst), path('b/<slug:slug>/', view)])
      expect(b.resolve('/b/new/')?.pattern.view).to.equal(fixedFirst)
      const c = new UrlConf([path('<slug:section>/', slugFirst), path('b/<int:pk>/', view)])
      expect(c.resolve('/b/')?.pattern.view).to.equal(slugFirst)
      expect(c.resolve('/b/3/')?.kwargs).to.deep.equal({ pk: 3 })
      // An earlier converter route that does not match the path leaves it to the fixed one.
      const d = new UrlConf([path('<int:n>/', slugFirst), path('b/', fixedFirst), path('b/<int:pk>/', view)])
      expect(d.resolve('/b/')?.pattern.view).to.equal(fixedFirst)
      expect(d.resolve('/7/')?.kwargs).to.deep.equal({ n: 7 })
      expect(d.resolve('/b/7/')?.kwargs).to.deep.equal({ pk: 7 })
    })
  })

  describe('duplicates at bootstrap()', () => {
    @View('/dup/')
    class FirstView extends Plain {}
    @View('dup/')
    class SecondView extends Plain {}
    @View('/one/', { name: 'same' })
    class NamedOne extends Plain {}
    @View('/two/', { name: 'same' })
    class NamedTwo extends Plain {}

    it('refuses two views on one route, naming both classes', async () => {
      let error: unknown
      await bootstrap({ views: [FirstView, SecondView] }).catch((e) => {
        error = e
      })
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as Error).message).to.equal("Route '/dup/' is claimed by both FirstView and SecondView.")
    })

    it('refuses one route name used twice, naming both classes', async () => {
      let error: unknown
      await bootstrap({ views: [NamedOne, NamedTwo] }).catch((e) => {
        error = e
      })
      expect((error as Error).message).to.equal("Route name 'same' is used by both NamedOne and NamedTwo.")
    })

    it('lets one class carry several @View routes', async () => {
      @View('/first/', { name: 'first' })
      @View('/second/', { name: 'second' })
      class TwoRoutes extends Plain {}
      const app = await bootstrap({ views: [TwoRoutes] })
      expect((await app.inject({ url: '/first/' })).body).to.equal('plain')
      expect((await app.inject({ url: '/second/' })).body).to.equal('plain')
      expect(reverse('second', {}, { urlconf: app.manouche.urlconf })).to.equal('/second/')
      await app.close()
    })
  })
})
