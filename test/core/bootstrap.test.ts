import {
  BadRequest,
  BaseView,
  bootstrap,
  Http404,
  type HttpRequest,
  HttpResponse,
  ImproperlyConfigured,
  JsonResponse,
  type Kwargs,
  PermissionDenied,
  path,
  View,
} from '@manouche/core'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { logSink } from './helpers.js'

@View('/hello/', { name: 'hello' })
class HelloView extends BaseView {
  async get() {
    await new Promise((resolve) => setTimeout(resolve, 1))
    return new HttpResponse('Hello async world!')
  }
}

@View('/books/<int:pk>/', { name: 'book' })
class BookView extends BaseView {
  get(_request: HttpRequest, kwargs: Kwargs) {
    return new JsonResponse({ pk: kwargs.pk, type: typeof kwargs.pk })
  }
}

@View('/echo/')
class EchoView extends BaseView {
  head() {
    return new HttpResponse('', { headers: { 'X-Head': 'yes' } })
  }
  post(request: HttpRequest) {
    return new JsonResponse({ body: request.body as object, query: request.query.get('q') })
  }
}

@View('/fail/<str:how>/')
class FailView extends BaseView {
  get(_request: HttpRequest, kwargs: Kwargs) {
    switch (kwargs.how) {
      case '404':
        throw new Http404('No book found matching the query')
      case '403':
        throw new PermissionDenied()
      case '400':
        throw new BadRequest('The isbn parameter must be 13 digits.')
      case 'none':
        return undefined as unknown as HttpResponse
      case 'upstream':
        throw Object.assign(new Error('db-internal.corp:5432 refused svc_admin'), { statusCode: 401 })
      case 'lookalike':
        throw Object.assign(new Error('postgres://admin:hunter2@db'), { statusCode: 400, code: 'FST_ERR_UPSTREAM' })
      default:
        throw new Error('secret database password in /srv/app/db.ts')
    }
  }
}

@View('/later/<str:how>/')
class LaterView extends BaseView {
  async get(_request: HttpRequest, kwargs: Kwargs) {
    await new Promise((resolve) => setImmediate(resolve))
    if (kwargs.how === '404') throw new Http404('Nothing here yet')
    if (kwargs.how === 'text') return 'a string, not a response' as unknown as HttpResponse
    return new HttpResponse(`later: ${kwargs.how}`)
  }
}

const views = [HelloView, BookView, EchoView, FailView, LaterView]

describe('bootstrap()', () => {
  let app: FastifyInstance
  let log: ReturnType<typeof logSink>

  beforeEach(async () => {
    log = logSink()
    // Raw unsafe requests without tokens: these tests are about routing, not CSRF (csrf.test.ts is).
    app = await bootstrap({ views, csrf: false, fastify: { logger: { level: 'info', stream: log.stream } } })
  })
  afterEach(() => app.close())

  describe('dispatch over HTTP', () => {
    it('serves an async view', async () => {
      const res = await app.inject({ url: '/hello/' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.equal('Hello async world!')
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8')
    })

    it('sends no Content-Length for a HEAD handler that answers with an empty body (RFC 9110)', async () => {
      const res = await app.inject({ method: 'HEAD', url: '/echo/' })
      expect(res.statusCode).to.equal(200)
      expect(res.headers).to.not.have.property('content-length')
      expect(res.headers['x-head']).to.equal('yes')
    })

    it('answers HEAD with GET headers, Content-Length included, and no body', async () => {
      const res = await app.inject({ method: 'HEAD', url: '/hello/' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.equal('')
      expect(res.headers['content-length']).to.equal(String('Hello async world!'.length))
    })

    it('answers 405 with Allow for a method the view lacks, and logs it', async () => {
      const res = await app.inject({ method: 'DELETE', url: '/hello/' })
      expect(res.statusCode).to.equal(405)
      expect(res.headers.allow).to.equal('GET, HEAD, OPTIONS')
      const line = log.lines.find((l) => l.msg === 'Method Not Allowed (DELETE): /hello/')
      expect(line).to.include({ level: 40, statusCode: 405 })
    })

    it('answers 405 for a method Fastify knows but Django views never handle', async () => {
      const res = await app.inject({ method: 'PROPFIND', url: '/hello/' })
      expect(res.statusCode).to.equal(405)
      expect(res.headers.allow).to.equal('GET, HEAD, OPTIONS')
    })

    it('answers OPTIONS itself, not with Fastify defaults', async () => {
      const res = await app.inject({ method: 'OPTIONS', url: '/books/1/' })
      expect(res.statusCode).to.equal(200)
      expect(res.headers.allow).to.equal('GET, HEAD, OPTIONS')
      expect(res.headers['content-length']).to.equal('0')
    })

    it('passes converted route kwargs', async () => {
      const res = await app.inject({ url: '/books/12/' })
      expect(res.json()).to.deep.equal({ pk: 12, type: 'number' })
    })

    it('parses JSON and form bodies and the query string', async () => {
      const json = await app.inject({ method: 'POST', url: '/echo/?q=dune', payload: { a: 1 } })
      expect(json.json()).to.deep.equal({ body: { a: 1 }, query: 'dune' })
      const form = await app.inject({
        method: 'POST',
        url: '/echo/',
        payload: 'a=1&a=2&b=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      expect(form.json().body).to.deep.equal({ a: ['1', '2'], b: 'x' })
    })
  })

  describe('404s', () => {
    it('answers 404 for a route value that misfits its converter', async () => {
      for (const url of ['/books/abc/', '/books/-1/', '/books/99999999999999999999/', '/books/1.5/']) {
        expect((await app.inject({ url })).statusCode, url).to.equal(404)
      }
    })

    it('answers 404 for an unknown path, with a generic page', async () => {
      const res = await app.inject({ url: '/nowhere/' })
      expect(res.statusCode).to.equal(404)
      expect(res.body).to.contain('<h1>Not Found</h1>')
      expect(res.body).to.not.contain('/hello/')
      expect(log.lines.some((l) => l.msg === 'Not Found: /nowhere/' && l.level === 40)).to.equal(true)
    })

    it("shows Http404's message", async () => {
      const res = await app.inject({ url: '/fail/404/' })
      expect(res.statusCode).to.equal(404)
      expect(res.body).to.contain('No book found matching the query')
    })
  })

  describe('APPEND_SLASH', () => {
    it('redirects /hello to /hello/ with 301, keeping the query string', async () => {
      const res = await app.inject({ url: '/hello?x=1&y=2' })
      expect(res.statusCode).to.equal(301)
      expect(res.headers.location).to.equal('/hello/?x=1&y=2')
    })

    it('does not redirect when the slashed path matches nothing either', async () => {
      expect((await app.inject({ url: '/books/abc' })).statusCode).to.equal(404)
    })

    it('does not redirect a POST', async () => {
      expect((await app.inject({ method: 'POST', url: '/echo' })).statusCode).to.equal(404)
    })

    it('never redirects to another host', async () => {
      const local = await bootstrap({ views: [], urlpatterns: [path('<path:rest>/', HelloView.asView())] })
      const res = await local.inject({ url: '//evil.example' })
      expect(res.statusCode).to.equal(301)
      expect(res.headers.location).to.equal('/%2Fevil.example/')
      const triple = await local.inject({ url: '///evil.example' })
      expect(triple.headers.location).to.equal('/%2F/evil.example/')
      await local.close()
    })
  })

  describe('errors', () => {
    it('maps PermissionDenied to 403 and BadRequest to 400 with its message', async () => {
      expect((await app.inject({ url: '/fail/403/' })).statusCode).to.equal(403)
      const bad = await app.inject({ url: '/fail/400/' })
      expect(bad.statusCode).to.equal(400)
      expect(bad.body).to.contain('The isbn parameter must be 13 digits.')
    })

    it('answers an unexpected error with a 500 that shows no message, stack or path', async () => {
      const res = await app.inject({ url: '/fail/boom/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.contain('Server Error (500)')
      expect(res.body).to.not.contain('secret')
      expect(res.body).to.not.contain('/srv/app')
      expect(res.body).to.not.match(/at .*\.js:\d+/)
      const line = log.lines.find((l) => l.msg === 'Internal Server Error: /fail/boom/')
      expect(line).to.have.property('level', 50)
    })

    it('gives an error that is not ours a 500 whatever statusCode it carries, and hides its message', async () => {
      const res = await app.inject({ url: '/fail/upstream/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.not.contain('db-internal')
      const lookalike = await app.inject({ url: '/fail/lookalike/' })
      expect(lookalike.statusCode).to.equal(500)
      expect(lookalike.body).to.not.contain('hunter2')
    })

    it('hands a body of an unknown media type to the view as a Buffer', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/echo/',
        payload: '<book/>',
        headers: { 'content-type': 'application/xml' },
      })
      expect(res.statusCode).to.equal(200)
      expect(res.json().body).to.deep.equal({ type: 'Buffer', data: [...Buffer.from('<book/>')] })
    })

    it('answers a malformed JSON body with 400 and a specific message', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/echo/',
        payload: '{"a":',
        headers: { 'content-type': 'application/json' },
      })
      expect(res.statusCode).to.equal(400)
      expect(res.body).to.contain('Body is not valid JSON')
    })

    it('answers a malformed percent-escape with 400', async () => {
      const res = await app.inject({ url: '/books/%E0%A4%A/' })
      expect(res.statusCode).to.equal(400)
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8')
    })

    it('answers a bare 500 when even the error page fails, says why in the log, and goes on serving', async () => {
      // A log transport that fails on the 500's log line: the error page cannot be made.
      const said: string[] = []
      const brokenLog = {
        level: 'info',
        info() {},
        warn() {},
        debug() {},
        trace() {},
        fatal() {},
        silent() {},
        error(_object: unknown, message: string) {
          said.push(message)
          if (message.startsWith('Internal Server Error')) throw new Error('log transport down')
        },
        child() {
          return brokenLog
        },
      }
      const fragile = await bootstrap({ views, fastify: { loggerInstance: brokenLog as never } })
      try {
        const res = await fragile.inject({ url: '/fail/boom/' })
        expect(res.statusCode).to.equal(500)
        expect(res.body).to.equal('')
        expect(said).to.include('Manouche could not answer a request')
        const next = await fragile.inject({ url: '/books/7/' })
        expect(next.json()).to.deep.equal({ pk: 7, type: 'number' })
      } finally {
        await fragile.close()
      }
    })

    it('answers 500 when a view returns no response', async () => {
      const res = await app.inject({ url: '/fail/none/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.not.contain('FailView')
    })

    it('fails at bootstrap() on a view mixing sync and async handlers', async () => {
      @View('/mixed/')
      class MixedView extends BaseView {
        get() {
          return new HttpResponse('')
        }
        async post() {
          return new HttpResponse('')
        }
      }
      let error: unknown
      await bootstrap({ views: [MixedView] }).catch((e) => {
        error = e
      })
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as Error).message).to.equal('MixedView HTTP handlers must either be all sync or all async.')
    })
  })

  describe('debug', () => {
    let debugApp: FastifyInstance
    beforeEach(async () => {
      debugApp = await bootstrap({ views, debug: true })
    })
    afterEach(() => debugApp.close())

    it('shows the error, its message and the stack', async () => {
      const res = await debugApp.inject({ url: '/fail/boom/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.contain('secret database password')
      expect(res.body).to.contain('bootstrap.test.js')
    })

    it('answers what an async view settles with: its response, its error page, or why it is no response', async () => {
      const ok = await debugApp.inject({ url: '/later/fine/' })
      expect(ok.statusCode).to.equal(200)
      expect(ok.body).to.equal('later: fine')
      const missing = await debugApp.inject({ url: '/later/404/' })
      expect(missing.statusCode).to.equal(404)
      expect(missing.body).to.contain('Nothing here yet')
      const text = await debugApp.inject({ url: '/later/text/' })
      expect(text.statusCode).to.equal(500)
      expect(text.body).to.contain(
        'The view LaterView didn&#39;t return an HttpResponse object. It returned a string instead.',
      )
    })

    it('names the view that returned no response', async () => {
      const res = await debugApp.inject({ url: '/fail/none/' })
      expect(res.body).to.contain(
        'The view FailView didn&#39;t return an HttpResponse object. It returned undefined instead.',
      )
    })

    it('lists the URL patterns tried on a 404', async () => {
      const res = await debugApp.inject({ url: '/nowhere/' })
      expect(res.statusCode).to.equal(404)
      expect(res.body).to.contain("<code>/hello/</code> [name='hello']")
      expect(res.body).to.contain('<code>/books/&#60;int:pk&#62;/</code>')
    })
  })
})
