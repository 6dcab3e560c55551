import { HttpRequest, type HttpResponse, JsonResponse, path, reverse, UrlConf } from '@manouche/core'
import { LogRecorder, RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { container as rootContainer } from 'tsyringe'
import { BookView, EchoView, type FakeTemplateResponse, GREETING, GreetingView, HelloView } from './fixtures.js'

describe('RequestFactory', () => {
  const factory = new RequestFactory()

  describe('get()', () => {
    it('builds an HttpRequest with the method, path, query and lower-case headers', () => {
      const request = factory.get('/books/?page=2', {
        query: { q: 'dune', tag: ['a', 'b'] },
        headers: { 'X-Token': 'abc', 'Content-Length': 0 },
      })
      expect(request).to.be.instanceOf(HttpRequest)
      expect(request.method).to.equal('GET')
      expect(request.path).to.equal('/books/')
      expect(request.queryString).to.equal('page=2&q=dune&tag=a&tag=b')
      expect(request.query.getAll('tag')).to.deep.equal(['a', 'b'])
      expect(request.headers).to.deep.equal({ host: 'testserver', 'x-token': 'abc', 'content-length': '0' })
      expect(request.body).to.equal(undefined)
      expect(request.raw).to.equal(undefined)
    })

    it('takes the query as URLSearchParams', () => {
      expect(factory.get('/', { query: new URLSearchParams('a=1&a=2') }).queryString).to.equal('a=1&a=2')
    })

    it('decodes percent-escapes in the path, as a server does', () => {
      expect(factory.get('/caf%C3%A9/a%2Fb/').path).to.equal('/café/a/b/')
    })

    it('refuses a malformed percent-escape and a path without a leading slash', () => {
      expect(() => factory.get('/100%/')).to.throw(
        TypeError,
        "The test request path '/100%/' is not a path: it must start with '/' and hold only valid percent-escapes.",
      )
      expect(() => factory.get('books/'))
        .to.throw(TypeError)
        .with.property('code', 'MNC_ERR_TESTING_BAD_PATH')
    })

    it('gives the route kwargs as params, which the view function is called with', async () => {
      const request = factory.get('/books/7/', { params: { pk: 7 } })
      expect(request.params).to.deep.equal({ pk: 7 })
      const response = (await BookView.asView()(request)) as FakeTemplateResponse
      expect(response.contextData).to.include({ pk: 7 })
    })

    it('serves a view function without a server', async () => {
      const response = (await HelloView.asView()(factory.get('/hello/', { query: { name: 'Ada' } }))) as HttpResponse
      expect(response.status).to.equal(200)
      expect(response.text).to.equal('Hello Ada')
    })
  })

  describe('post() and the other methods', () => {
    it('hands `body` over as it is, with `contentType` as the header', () => {
      const body = { any: ['shape'] }
      const request = factory.post('/echo/', { body, contentType: 'application/vnd.custom' })
      expect(request.body).to.equal(body)
      expect(request.header('Content-Type')).to.equal('application/vnd.custom')
    })

    it('gives `json` as a server would parse it', () => {
      const request = factory.post('/echo/', { json: { when: new Date(0), n: 1 } })
      expect(request.body).to.deep.equal({ when: '1970-01-01T00:00:00.000Z', n: 1 })
      expect(request.header('content-type')).to.equal('application/json')
    })

    it('gives `form` as a server would parse it: strings, arrays for repeated keys', () => {
      const request = factory.put('/echo/', { form: { title: 'Dune', year: 1965, tag: ['a', 'b'] } })
      expect({ ...(request.body as object) }).to.deep.equal({ title: 'Dune', year: '1965', tag: ['a', 'b'] })
      expect(request.header('content-type')).to.equal('application/x-www-form-urlencoded')
    })

    it('refuses two bodies at once', () => {
      expect(() => factory.patch('/', { body: 'x', json: {} })).to.throw(
        TypeError,
        "A test request takes one of 'body', 'json' and 'form', but was given 'body' and 'json'.",
      )
    })

    it('makes requests of every method', () => {
      const methods = [
        factory.put('/'),
        factory.patch('/'),
        factory.delete('/'),
        factory.head('/'),
        factory.options('/'),
        factory.trace('/'),
      ]
      expect(methods.map((r) => r.method)).to.deep.equal(['PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'])
      expect(factory.generic('propfind', '/').method).to.equal('PROPFIND')
    })

    it('refuses a method name that is not a token', () => {
      expect(() => factory.generic('GET /evil', '/')).to.throw(TypeError, "'GET /evil' is not an HTTP method name.")
    })

    it('reaches a view handler with the parsed body', async () => {
      const response = (await EchoView.asView()(factory.post('/echo/', { json: { a: 1 } }))) as JsonResponse
      expect(JSON.parse(response.text)).to.deep.equal({ body: { a: 1 }, contentType: 'application/json', query: '' })
    })
  })

  describe('defaults', () => {
    it('adds the default headers, a request’s own headers winning', () => {
      const withDefaults = new RequestFactory({ headers: { 'Accept-Language': 'fr', 'X-A': '1' } })
      expect(withDefaults.get('/', { headers: { 'x-a': '2' } }).headers).to.deep.equal({
        host: 'testserver',
        'accept-language': 'fr',
        'x-a': '2',
      })
    })

    it('resolves from the default container, or from a request’s own', async () => {
      const parent = rootContainer.createChildContainer()
      parent.register(GREETING, { useValue: 'from the defaults' })
      const own = rootContainer.createChildContainer()
      own.register(GREETING, { useValue: 'from the request' })
      const withContainer = new RequestFactory({ container: parent })
      const view = GreetingView.asView()
      expect(((await view(withContainer.get('/greeting/'))) as HttpResponse).text).to.equal('from the defaults')
      expect(((await view(withContainer.get('/greeting/', { container: own }))) as HttpResponse).text).to.equal(
        'from the request',
      )
      expect(parent.isRegistered(GREETING)).to.equal(true)
    })

    it('gives its requests the URL patterns for reverse()', () => {
      const urlconf = new UrlConf([path('books/<int:pk>/', HelloView.asView(), { name: 'book' })])
      const request = new RequestFactory({ urlconf }).get('/')
      expect(reverse('book', { pk: 3 }, { urlconf: request.urlconf })).to.equal('/books/3/')
    })
  })

  describe('logs', () => {
    it('records what views log, with level, message and fields', async () => {
      const own = new RequestFactory()
      await HelloView.asView()(own.delete('/hello/'))
      expect(own.logs).to.deep.equal([{ level: 'warn', msg: 'Method Not Allowed (DELETE): /hello/', statusCode: 405 }])
    })

    it('writes to the logger given instead; `logs` holds its lines when it is a LogRecorder', () => {
      const lines: unknown[] = []
      const write = (obj: object | string, msg?: string) => lines.push([obj, msg])
      const own = new RequestFactory({ log: { error: write, warn: write, info: write, debug: write } })
      own.get('/').log.info({ a: 1 }, 'line')
      expect(lines).to.deep.equal([[{ a: 1 }, 'line']])
      expect(own.logs).to.deep.equal([])
      const recorder = new LogRecorder()
      new RequestFactory({ log: recorder }).get('/').log.error('plain line')
      expect(recorder.records).to.deep.equal([{ level: 'error', msg: 'plain line' }])
    })

    it('forgets its lines on clear()', () => {
      const recorder = new LogRecorder()
      recorder.debug({ msg: 'a field named msg', level: 'x' }, 'the message')
      expect(recorder.records).to.deep.equal([{ level: 'debug', msg: 'the message' }])
      recorder.clear()
      expect(recorder.records).to.deep.equal([])
    })
  })
})
