import {
  captureRenders,
  createTestClient,
  instrumentTemplates,
  type TestClient,
  testingErrorCodes,
} from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { container } from 'tsyringe'
import {
  allViews,
  BookView,
  EchoView,
  fakeEngine,
  fakeTemplates,
  HelloView,
  LoginView,
  MeView,
  PageView,
} from './fixtures.js'

describe('TestClient', () => {
  let client: TestClient
  beforeEach(async () => {
    client = await createTestClient({
      views: allViews,
      templates: fakeTemplates,
      container: container.createChildContainer(),
    })
  })
  afterEach(async () => {
    await client.close()
  })

  describe('get()', () => {
    it('answers with the status, the headers (any case) and the body', async () => {
      const res = await client.get('/hello/')
      expect(res.status).to.equal(200)
      expect(res.headers.get('X-HELLO')).to.equal('yes')
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8')
      expect(res.body).to.equal('Hello world')
    })

    it('sends the query of the path and of `query` together', async () => {
      const res = await client.post('/echo/?a=1', { query: { b: [2, 3], c: undefined }, json: {} })
      expect(res.json()).to.deep.include({ query: 'a=1&b=2&b=3' })
    })

    it('percent-encodes a path that is not ASCII', async () => {
      const res = await client.get('/hello/', { query: { name: 'Zoë' } })
      expect(res.body).to.equal('Hello Zoë')
      expect(res.request.url).to.equal('/hello/?name=Zo%C3%AB')
    })

    it('answers 404 for an unknown path and 405 for an unhandled method', async () => {
      expect((await client.get('/nowhere/')).status).to.equal(404)
      const res = await client.put('/hello/')
      expect(res.status).to.equal(405)
      expect(res.headers.get('allow')).to.equal('GET, HEAD, OPTIONS')
    })

    it('sends no body for HEAD', async () => {
      const res = await client.head('/hello/')
      expect(res.status).to.equal(200)
      expect(res.body).to.equal('')
    })

    it('rejects a path that does not start with a slash', async () => {
      const error = await client.get('hello/').catch((e: unknown) => e)
      expect(error).to.be.instanceOf(TypeError).with.property('code', 'MNC_ERR_TESTING_BAD_PATH')
      expect((error as Error).message).to.equal(
        "The test request path 'hello/' is not a path: it must start with '/' and hold only valid percent-escapes.",
      )
    })

    it('rejects a method name that is not a token', async () => {
      const error = await client.generic('G ET', '/hello/').catch((e: unknown) => e)
      expect(error).to.have.property('message', "'G ET' is not an HTTP method name.")
    })
  })

  describe('post()', () => {
    it('sends `json` as JSON', async () => {
      const res = await client.post('/echo/', { json: { title: 'Dune', tags: ['sf'] } })
      expect(res.json()).to.deep.equal({
        body: { title: 'Dune', tags: ['sf'] },
        contentType: 'application/json',
        query: '',
      })
    })

    it('sends `form` URL-encoded, repeating keys for arrays', async () => {
      const res = await client.post('/echo/', { form: { title: 'Dune', tag: ['a', 'b'] } })
      expect(res.json()).to.deep.include({
        body: { title: 'Dune', tag: ['a', 'b'] },
        contentType: 'application/x-www-form-urlencoded',
      })
    })

    it('sends `body` as text, with `contentType` when given', async () => {
      expect((await client.post('/echo/', { body: 'plain' })).json()).to.deep.include({ body: 'plain' })
      const res = await client.post('/echo/', { body: '{"a":1}', contentType: 'application/json' })
      expect(res.json()).to.deep.include({ body: { a: 1 }, contentType: 'application/json' })
    })

    it('refuses two bodies at once', async () => {
      const error = await client.post('/echo/', { json: {}, form: {} }).catch((e: unknown) => e)
      expect(error).to.have.property('code', 'MNC_ERR_TESTING_BODY_TWICE')
      expect((error as Error).message).to.equal(
        "A test request takes one of 'body', 'json' and 'form', but was given 'json' and 'form'.",
      )
    })
  })

  describe('json()', () => {
    it('throws, in Django words, when the response is not JSON', async () => {
      const res = await client.get('/hello/')
      expect(() => res.json()).to.throw(
        TypeError,
        'Content-Type header is "text/html; charset=utf-8", not "application/json"',
      )
    })
  })

  describe('templates', () => {
    it('gives the template actually used, every template rendered and the context', async () => {
      const res = await client.get('/books/7/')
      expect(res.templateName).to.equal('books/book_detail.html')
      expect(res.templates).to.deep.equal(['books/book_detail.html'])
      expect(res.context).to.deep.equal({ pk: 7, title: 'Book 7', delay: null })
      expect(res.renders[0]?.names).to.deep.equal(['missing/book.html', 'books/book_detail.html'])
    })

    it('lists every render in order; the response template is the last', async () => {
      const res = await client.get('/page/')
      expect(res.templates).to.deep.equal(['sidebar.html', 'page.html'])
      expect(res.templateName).to.equal('page.html')
      expect(res.context).to.deep.equal({ sidebar: '{"links":2}' })
    })

    it('has no template when none was rendered', async () => {
      const res = await client.get('/hello/')
      expect(res.templateName).to.equal(undefined)
      expect(res.templates).to.deep.equal([])
      expect(res.context).to.equal(undefined)
    })

    it('keeps the templates of concurrent requests apart', async () => {
      // The first request renders last: a capture shared between requests would mix them up.
      const [slow, page, quick] = await Promise.all([
        client.get('/books/1/?delay=30'),
        client.get('/page/'),
        client.get('/books/2/'),
      ])
      expect(slow.context).to.include({ pk: 1 })
      expect(page.templates).to.deep.equal(['sidebar.html', 'page.html'])
      expect(quick.context).to.include({ pk: 2 })
      expect(quick.templates).to.deep.equal(['books/book_detail.html'])
    })

    it('keeps apart two clients that share one engine object', async () => {
      const other = await createTestClient({ views: [BookView, PageView], templates: { dirs: [], engine: fakeEngine } })
      try {
        const [mine, theirs] = await Promise.all([client.get('/books/5/?delay=20'), other.get('/page/')])
        expect(mine.templates).to.deep.equal(['books/book_detail.html'])
        expect(theirs.templates).to.deep.equal(['sidebar.html', 'page.html'])
      } finally {
        await other.close()
      }
    })
  })

  describe('cookies', () => {
    it('sends back the cookies a response set', async () => {
      const login = await client.post('/login/', { form: { user: 'ada' } })
      expect(login.status).to.equal(302)
      expect([...client.cookies]).to.deep.equal([
        ['session', 'ada'],
        ['theme', 'dark'],
      ])
      expect((await client.get('/me/')).body).to.equal('cookie: session=ada; theme=dark')
    })

    it('deletes a cookie set with Max-Age=0', async () => {
      await client.post('/login/', { form: { user: 'ada' } })
      await client.get('/logout/')
      expect((await client.get('/me/')).body).to.equal('cookie: theme=dark')
    })

    it('sends a cookie header of the request after the jar', async () => {
      client.cookies.set('a', '1')
      expect((await client.get('/me/', { headers: { Cookie: 'b=2' } })).body).to.equal('cookie: a=1; b=2')
    })

    it('keeps cookies to one client', async () => {
      const other = await createTestClient({ views: [LoginView, MeView] })
      try {
        await client.post('/login/', { form: { user: 'ada' } })
        expect((await other.get('/me/')).body).to.equal('cookie: (none)')
      } finally {
        await other.close()
      }
    })
  })

  describe('close()', () => {
    it('refuses requests once closed', async () => {
      const own = await createTestClient({ views: [HelloView] })
      await own.close()
      const error = await own.get('/hello/').catch((e: unknown) => e)
      expect(error).to.have.property('message', 'This test client is closed: make a new one with createTestClient().')
      expect(testingErrorCodes).to.include((error as { code: string }).code)
    })
  })

  it('captures the renders of an application bootstrapped by hand', async () => {
    const app = await bootstrap({ views: [BookView], templates: fakeTemplates })
    try {
      instrumentTemplates(app.manouche)
      const [res, capture] = await captureRenders(async () => app.inject({ url: '/books/9/' }))
      expect(res.statusCode).to.equal(200)
      expect(capture.renders.map((r) => [r.templateName, r.context.pk])).to.deep.equal([['books/book_detail.html', 9]])
    } finally {
      await app.close()
    }
  })

  it('serves only the views it is given', async () => {
    const own = await createTestClient({ views: [BookView, EchoView, PageView], templates: fakeTemplates })
    try {
      expect((await own.get('/hello/')).status).to.equal(404)
    } finally {
      await own.close()
    }
  })
})

describe('createTestClient() logging', () => {
  const saved = process.env.LOG_LEVEL
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_LEVEL
    else process.env.LOG_LEVEL = saved
  })

  it('prints no request lines by default, so a test run stays readable', async () => {
    delete process.env.LOG_LEVEL
    const client = await createTestClient({ views: allViews, container: container.createChildContainer() })
    try {
      // No logger at all (Fastify's abstract one has no level) or a silent one; without the default, 'info'.
      expect(client.app.log.level ?? 'silent').to.equal('silent')
    } finally {
      await client.close()
    }
  })

  it('logs at the level asked for, through logLevel or LOG_LEVEL', async () => {
    delete process.env.LOG_LEVEL
    const asked = await createTestClient({
      views: allViews,
      container: container.createChildContainer(),
      logLevel: 'warn',
    })
    process.env.LOG_LEVEL = 'error'
    const fromEnv = await createTestClient({ views: allViews, container: container.createChildContainer() })
    try {
      expect(asked.app.log.level).to.equal('warn')
      expect(fromEnv.app.log.level).to.equal('error')
    } finally {
      await asked.close()
      await fromEnv.close()
    }
  })
})
