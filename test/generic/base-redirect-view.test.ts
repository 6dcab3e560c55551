import { BaseView, bootstrap, HttpResponse, ImproperlyConfigured, NoReverseMatch, path, UrlConf } from '@manouche/core'
import { RedirectView } from '@manouche/generic'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { logSink } from '../core/helpers.js'
import { makeRequest } from './base-helpers.js'

class ArtistDetail extends BaseView {
  async get(): Promise<HttpResponse> {
    return new HttpResponse('artist')
  }
}

const artistPatterns = [path('detail/artist/<int:pk>/', ArtistDetail.asView(), { name: 'artist_detail' })]
const urlconf = new UrlConf(artistPatterns)

async function call(view: ReturnType<typeof RedirectView.asView>, method: string, url: string, kwargs = {}) {
  return view(makeRequest(method, url, { urlconf }), kwargs)
}

describe('RedirectView', () => {
  describe('called directly', () => {
    it('answers 410 Gone without a url', async () => {
      expect((await call(RedirectView.asView(), 'GET', '/foo/')).status).to.equal(410)
    })

    it('redirects temporarily by default', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/' }), 'GET', '/foo/')
      expect(response.status).to.equal(302)
      expect(response.headers.get('location')).to.equal('/bar/')
    })

    it('redirects permanently when permanent', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/', permanent: true }), 'GET', '/foo/')
      expect(response.status).to.equal(301)
      expect(response.headers.get('location')).to.equal('/bar/')
    })

    it('redirects temporarily when permanent is false', async () => {
      expect((await call(RedirectView.asView({ url: '/bar/', permanent: false }), 'GET', '/foo/')).status).to.equal(302)
    })

    it('drops the query string unless queryString is set', async () => {
      const dropped = await call(RedirectView.asView({ url: '/bar/' }), 'GET', '/foo/?pork=spam')
      expect(dropped.headers.get('location')).to.equal('/bar/')
      const kept = await call(RedirectView.asView({ url: '/bar/', queryString: true }), 'GET', '/foo/?pork=spam')
      expect(kept.headers.get('location')).to.equal('/bar/?pork=spam')
    })

    it('passes a URL-encoded query string on as it is', async () => {
      const response = await call(
        RedirectView.asView({ url: '/bar/', queryString: true }),
        'GET',
        '/foo/?unicode=%E2%9C%93',
      )
      expect(response.headers.get('location')).to.equal('/bar/?unicode=%E2%9C%93')
    })

    it('fills {name} placeholders from the route kwargs', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/{objectId}/' }), 'GET', '/foo/42/', { objectId: 42 })
      expect(response.headers.get('location')).to.equal('/bar/42/')
    })

    it('writes {{ and }} as literal braces', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/{{x}}/{id}/' }), 'GET', '/', { id: 'a' })
      expect(response.headers.get('location')).to.equal('/bar/%7Bx%7D/a/')
    })

    it('refuses a placeholder the kwargs lack, naming it and the kwargs held', async () => {
      const view = RedirectView.asView({ url: '/bar/{id}/' })
      let error: unknown
      await call(view, 'GET', '/', { pk: 1 }).catch((e: unknown) => (error = e))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as Error).message).to.equal(
        "RedirectView.url '/bar/{id}/' has the placeholder {id}, but the URL kwargs hold no 'id' (they hold 'pk'). Write '{{' and '}}' for literal braces.",
      )
      expect(error).to.have.property('code', 'MNC_ERR_GENERIC_REDIRECT_PLACEHOLDER')
    })

    it('refuses an unmatched brace', async () => {
      let error: unknown
      await call(RedirectView.asView({ url: '/bar/{id/' }), 'GET', '/', { id: 1 }).catch((e: unknown) => (error = e))
      expect((error as Error).message).to.equal(
        "RedirectView.url '/bar/{id/' has an unmatched '{' or '}'. Write '{{' and '}}' for literal braces.",
      )
    })

    it('reverses patternName with the route kwargs and the request URLconf', async () => {
      const response = await call(RedirectView.asView({ patternName: 'artist_detail' }), 'GET', '/foo/', { pk: 1 })
      expect(response.status).to.equal(302)
      expect(response.headers.get('location')).to.equal('/detail/artist/1/')
    })

    it('lets NoReverseMatch through for a patternName that does not fit', async () => {
      let error: unknown
      await call(RedirectView.asView({ patternName: 'artist_detail' }), 'GET', '/', { pk: 'x' }).catch(
        (e: unknown) => (error = e),
      )
      expect(error).to.be.instanceOf(NoReverseMatch)
    })

    for (const method of ['POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']) {
      it(`redirects ${method} like GET`, async () => {
        const response = await call(RedirectView.asView({ url: '/bar/' }), method, '/foo/')
        expect(response.status).to.equal(302)
        expect(response.headers.get('location')).to.equal('/bar/')
      })
    }

    it('answers TRACE with 405 and every method it redirects', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/' }), 'TRACE', '/foo/')
      expect(response.status).to.equal(405)
      expect(response.headers.get('allow')).to.equal('GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS')
    })

    it('redirects a request that has no query string', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/', queryString: true }), 'GET', '/foo/')
      expect(response.headers.get('location')).to.equal('/bar/')
    })

    it('serves dispatch() on an instance made without asView()', async () => {
      const response = await new RedirectView().dispatch(makeRequest('HEAD', '/foo/'), {})
      expect(response.status).to.equal(410)
    })

    for (const [path, logged] of [
      ['/foo/', '/foo/'],
      ['/\x1b[1;31mNOW IN RED!!!1B[0m/', '/\\x1b[1;31mNOW IN RED!!!1B[0m/'],
    ]) {
      it(`logs Gone: ${JSON.stringify(logged)} as a warning with status 410`, async () => {
        const request = makeRequest('GET', path)
        await new RedirectView().dispatch(request, {})
        expect(request.log.lines).to.deep.equal([
          { level: 'warn', msg: `Gone: ${logged}`, fields: { statusCode: 410 } },
        ])
      })
    }

    it('keeps the query of the destination when the request has none', async () => {
      const response = await call(RedirectView.asView({ url: '/bar/?pork=spam', queryString: true }), 'GET', '/foo')
      expect(response.headers.get('location')).to.equal('/bar/?pork=spam')
    })

    it('appends the request query with & when the destination has one', async () => {
      const view = RedirectView.asView({ url: '/bar/?pork=spam', queryString: true })
      const response = await call(view, 'GET', '/foo/?utm_source=social')
      expect(response.headers.get('location')).to.equal('/bar/?pork=spam&utm_source=social')
    })

    it('appends a repeated parameter rather than replacing it', async () => {
      const view = RedirectView.asView({ url: '/bar/?pork=spam', queryString: true })
      const response = await call(view, 'GET', '/foo/?utm_source=social&pork=ham')
      expect(response.headers.get('location')).to.equal('/bar/?pork=spam&utm_source=social&pork=ham')
    })

    it("treats url '' as no url: 410", async () => {
      expect((await call(RedirectView.asView({ url: '' }), 'GET', '/foo/')).status).to.equal(410)
    })
  })

  describe('over HTTP', () => {
    let app: FastifyInstance
    let log: ReturnType<typeof logSink>

    beforeEach(async () => {
      log = logSink()
      app = await bootstrap({
        csrf: false, // raw POSTs without tokens: these tests are about redirects
        views: [],
        urlpatterns: [
          ...artistPatterns,
          path('gone/', RedirectView.asView()),
          path('temp/', RedirectView.asView({ url: '/bar/', queryString: true })),
          path('perm/<int:pk>/', RedirectView.asView({ url: '/bar/{pk}/', permanent: true })),
          path('named/<int:pk>/', RedirectView.asView({ patternName: 'artist_detail' })),
          path('broken/<int:pk>/', RedirectView.asView({ url: '/bar/{id}/' })),
        ],
        fastify: { logger: { level: 'warn', stream: log.stream } },
      })
    })
    afterEach(() => app.close())

    it('answers 410 and logs Gone: /gone/', async () => {
      const res = await app.inject({ url: '/gone/' })
      expect(res.statusCode).to.equal(410)
      expect(log.lines.find((line) => line.msg === 'Gone: /gone/')).to.include({ level: 40, statusCode: 410 })
    })

    for (const method of ['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const) {
      it(`redirects ${method} with 302 and the query string`, async () => {
        const res = await app.inject({ method, url: '/temp/?a=1&b=%20' })
        expect(res.statusCode).to.equal(302)
        expect(res.headers.location).to.equal('/bar/?a=1&b=%20')
      })
    }

    it('redirects permanently with the route kwarg filled in', async () => {
      const res = await app.inject({ url: '/perm/7/' })
      expect(res.statusCode).to.equal(301)
      expect(res.headers.location).to.equal('/bar/7/')
    })

    it("reverses patternName with the application's routes", async () => {
      const res = await app.inject({ url: '/named/3/' })
      expect(res.statusCode).to.equal(302)
      expect(res.headers.location).to.equal('/detail/artist/3/')
    })

    it('answers TRACE with 405', async () => {
      const res = await app.inject({ method: 'TRACE', url: '/temp/' })
      expect(res.statusCode).to.equal(405)
      expect(res.headers.allow).to.equal('GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS')
    })

    it('answers a placeholder without its kwarg with a generic 500', async () => {
      const res = await app.inject({ url: '/broken/1/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.not.contain('placeholder')
    })
  })
})
