import net from 'node:net'
import {
  BaseView,
  type BootstrapOptions,
  bootstrap,
  HttpResponse,
  HttpResponseNotModified,
  HttpResponseRedirect,
  ImproperlyConfigured,
  path,
} from '@manouche/core'
import { TestClient } from '@manouche/testing'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { logSink } from './helpers.js'

class PageView extends BaseView {
  get() {
    return new HttpResponse('page')
  }
}
class FramedView extends BaseView {
  get() {
    return new HttpResponse('framed', { headers: { 'X-Frame-Options': 'SAMEORIGIN' } })
  }
}
class BrokenView extends BaseView {
  get(): HttpResponse {
    throw new Error('boom')
  }
}
const urlpatterns = [
  path('page/', PageView.asView()),
  path('framed/', FramedView.asView()),
  path('broken/', BrokenView.asView()),
  path('moved/', (() => new HttpResponseRedirect('/page/')) as never),
  path('same/', (() => new HttpResponseNotModified()) as never),
]

const DJANGO_DEFAULTS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
}

function app(options: BootstrapOptions = {}): Promise<FastifyInstance> {
  return bootstrap({ views: [], urlpatterns, ...options })
}

/** Send `text` through a real socket to `port` and return the raw answer. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

describe('security headers', () => {
  for (const [url, status] of [
    ['/page/', 200],
    ['/moved/', 302],
    ['/same/', 304],
    ['/broken/', 500],
    ['/nowhere/', 404],
    ['/page', 301],
  ] as const) {
    it(`are Django's defaults on a ${status} (${url})`, async () => {
      const res = await (await app()).inject({ url })
      expect(res.statusCode).to.equal(status)
      expect(res.headers).to.include(DJANGO_DEFAULTS)
      expect(res.headers).not.to.have.property('strict-transport-security')
      expect(res.headers).not.to.have.property('content-security-policy')
    })
  }

  it('are on the 400 Fastify answers for a body it cannot parse', async () => {
    const res = await (await app()).inject({
      method: 'POST',
      url: '/page/',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    })
    expect(res.statusCode).to.equal(400)
    expect(res.headers).to.include(DJANGO_DEFAULTS)
  })

  it("give way to a view's own header", async () => {
    const res = await (await app()).inject({ url: '/framed/' })
    expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN')
  })

  it('are each configurable or off, and all off with security: false', async () => {
    const a = await app({
      security: { xFrameOptions: 'SAMEORIGIN', referrerPolicy: false, contentSecurityPolicy: "default-src 'self'" },
    })
    const res = await a.inject({ url: '/page/' })
    expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN')
    expect(res.headers).not.to.have.property('referrer-policy')
    expect(res.headers['content-security-policy']).to.equal("default-src 'self'")
    expect(res.headers['x-content-type-options']).to.equal('nosniff')
    const none = await (await app({ security: false })).inject({ url: '/page/' })
    for (const name of Object.keys(DJANGO_DEFAULTS)) expect(none.headers).not.to.have.property(name)
  })

  it('reject a mistake at bootstrap, naming the option', async () => {
    let error: unknown
    try {
      await app({ security: { xFrameOptions: 'ALLOW' as never } })
    } catch (e) {
      error = e
    }
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as Error).message).to.include('security.xFrameOptions')
    try {
      await app({ security: { hsts: { maxAge: -1 } } })
      expect.fail('bootstrap accepted a negative maxAge')
    } catch (e) {
      expect((e as Error).message).to.include('security.hsts.maxAge')
    }
  })

  it('send HSTS only on HTTPS requests, and redirect HTTP to HTTPS when asked', async () => {
    const a = await app({
      trustProxy: true,
      security: { hsts: { maxAge: 3600, includeSubDomains: true }, sslRedirect: true },
    })
    const plain = await a.inject({ url: '/page/?q=1' })
    expect(plain.statusCode).to.equal(301)
    expect(plain.headers.location).to.equal('https://localhost:80/page/?q=1')
    expect(plain.headers).not.to.have.property('strict-transport-security')
    const secure = await a.inject({ url: '/page/', headers: { 'x-forwarded-proto': 'https' } })
    expect(secure.statusCode).to.equal(200)
    expect(secure.headers['strict-transport-security']).to.equal('max-age=3600; includeSubDomains')
  })
})

describe('allowed hosts', () => {
  it('lets localhost, 127.0.0.1 and [::1] through by default, with a port or a trailing dot', async () => {
    const a = await app()
    for (const host of ['localhost', 'LOCALHOST:8000', 'localhost.', '127.0.0.1:3000', '[::1]:80']) {
      const res = await a.inject({ url: '/page/', headers: { host } })
      expect(res.statusCode, host).to.equal(200)
    }
  })

  it('answers another host with a plain 400, logged once as a warning, never a 500', async () => {
    const sink = logSink()
    const a = await app({ fastify: { logger: { level: 'warn', stream: sink.stream } } })
    const res = await a.inject({ url: '/page/', headers: { host: 'evil.example' } })
    expect(res.statusCode).to.equal(400)
    expect(res.headers).to.include(DJANGO_DEFAULTS)
    expect(res.body).to.include('Bad Request (400)')
    expect(res.body).not.to.include('evil.example')
    const warnings = sink.lines.filter((line) => String(line.msg).includes('Invalid HTTP_HOST'))
    expect(warnings).to.have.length(1)
    expect(warnings[0]?.level).to.equal(40)
  })

  it("gives Django's message in debug", async () => {
    const res = await (await app({ debug: true })).inject({ url: '/page/', headers: { host: 'evil.example:8000' } })
    expect(res.statusCode).to.equal(400)
    expect(res.body).to.include(
      'Invalid HTTP_HOST header: &#39;evil.example:8000&#39;. You may need to add &#39;evil.example&#39; to allowedHosts.',
    )
    const bad = await (await app({ debug: true })).inject({ url: '/page/', headers: { host: 'bad_host' } })
    expect(bad.statusCode).to.equal(400)
    expect(bad.body).to.include('not valid according to RFC 1034/1035')
  })

  it('matches subdomain patterns and the wildcard as Django does', async () => {
    const a = await app({ allowedHosts: ['.example.com'] })
    expect((await a.inject({ url: '/page/', headers: { host: 'example.com' } })).statusCode).to.equal(200)
    expect((await a.inject({ url: '/page/', headers: { host: 'www.Example.com.' } })).statusCode).to.equal(200)
    expect((await a.inject({ url: '/page/', headers: { host: 'badexample.com' } })).statusCode).to.equal(400)
    expect((await a.inject({ url: '/page/', headers: { host: 'localhost' } })).statusCode).to.equal(400)
    const any = await app({ allowedHosts: ['*'] })
    expect((await any.inject({ url: '/page/', headers: { host: 'anything.test' } })).statusCode).to.equal(200)
    expect((await any.inject({ url: '/page/', headers: { host: 'a b' } })).statusCode).to.equal(400)
  })

  it('ignores X-Forwarded-Host unless trustProxy', async () => {
    const headers = { host: 'localhost', 'x-forwarded-host': 'evil.example' }
    expect((await (await app()).inject({ url: '/page/', headers })).statusCode).to.equal(200)
    expect((await (await app({ trustProxy: true })).inject({ url: '/page/', headers })).statusCode).to.equal(400)
    const proxied = await app({ trustProxy: true, allowedHosts: ['books.example'] })
    const res = await proxied.inject({
      url: '/page/',
      headers: { host: '10.0.0.5', 'x-forwarded-host': 'books.example' },
    })
    expect(res.statusCode).to.equal(200)
  })

  it('lets the test client, which names testserver, through', async () => {
    const client = new TestClient(await app({ allowedHosts: ['books.example'] }))
    const res = await client.get('/page/')
    expect(res.status).to.equal(200)
    await client.close()
  })

  it('holds through a real socket: a forged host is a 400, an allowed one with a port a 200', async () => {
    const a = await app()
    await a.listen({ port: 0, host: '127.0.0.1' })
    try {
      const port = (a.server.address() as net.AddressInfo).port
      const evil = await raw(port, 'GET /page/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n')
      expect(evil).to.match(/^HTTP\/1\.1 400 /)
      expect(evil).to.include('x-frame-options: DENY')
      const forwarded = await raw(
        port,
        'GET /page/ HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: localhost\r\nConnection: close\r\n\r\n',
      )
      expect(forwarded).to.match(/^HTTP\/1\.1 400 /)
      const ok = await raw(port, `GET /page/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
      expect(ok).to.match(/^HTTP\/1\.1 200 /)
      expect(ok).to.include('referrer-policy: same-origin')
    } finally {
      await a.close()
    }
  })
})

describe('Content-Security-Policy', () => {
  const policy = {
    'default-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'script-src': "'none'",
    'upgrade-insecure-requests': true,
  } as const
  const header = "default-src 'self'; img-src 'self' data:; script-src 'none'; upgrade-insecure-requests"

  it('is off by default', async () => {
    const client = new TestClient(await app())
    const res = await client.get('/page/')
    expect(res.headers.has('content-security-policy')).to.equal(false)
    expect(res.headers.has('content-security-policy-report-only')).to.equal(false)
    await client.close()
  })

  it("writes a policy object as Django 6's SECURE_CSP does, on pages, error pages and redirects", async () => {
    const client = new TestClient(await app({ security: { contentSecurityPolicy: policy } }))
    for (const [url, status] of [
      ['/page/', 200],
      ['/broken/', 500],
      ['/nowhere/', 404],
      ['/moved/', 302],
    ] as const) {
      const res = await client.get(url)
      expect(res.status, url).to.equal(status)
      expect(res.headers.get('content-security-policy'), url).to.equal(header)
      expect(res.headers.has('content-security-policy-report-only'), url).to.equal(false)
    }
    await client.close()
  })

  it('has a report-only variant, beside the enforced one or alone', async () => {
    const both = new TestClient(
      await app({
        security: { contentSecurityPolicy: "default-src 'self'", contentSecurityPolicyReportOnly: policy },
      }),
    )
    const res = await both.get('/page/')
    expect(res.headers.get('content-security-policy')).to.equal("default-src 'self'")
    expect(res.headers.get('content-security-policy-report-only')).to.equal(header)
    await both.close()
  })

  it('holds through a real socket, on a page and on an answer Node gives before any view (431)', async () => {
    const a = await app({ security: { contentSecurityPolicy: policy } })
    await a.listen({ port: 0, host: '127.0.0.1' })
    try {
      const port = (a.server.address() as net.AddressInfo).port
      const ok = await raw(port, 'GET /page/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
      expect(ok).to.match(/^HTTP\/1\.1 200 /)
      expect(ok).to.include(`content-security-policy: ${header}\r\n`)
      const big = `GET /page/ HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`
      const tooLarge = await raw(port, big)
      expect(tooLarge).to.match(/^HTTP\/1\.1 431 /)
      expect(tooLarge).to.include(`content-security-policy: ${header}\r\n`)
    } finally {
      await a.close()
    }
  })

  it('rejects a malformed policy at bootstrap, naming the option', async () => {
    const cases: [BootstrapOptions['security'], string][] = [
      [
        { contentSecurityPolicy: { 'default-src': ["'self'; script-src *"] } },
        "bootstrap(): security.contentSecurityPolicy['default-src'] has an invalid source ''self'; script-src *': give one source per list item, without ';', ',' or spaces.",
      ],
      [
        { contentSecurityPolicyReportOnly: { 'Default Src': ["'self'"] } },
        "bootstrap(): security.contentSecurityPolicyReportOnly has an invalid directive name 'Default Src'.",
      ],
      [
        { contentSecurityPolicy: "default-src 'self'\r\nX-Injected: 1" },
        'bootstrap(): security.contentSecurityPolicy contains a line break.',
      ],
    ]
    for (const [security, message] of cases) {
      let error: unknown
      try {
        await app({ security })
      } catch (e) {
        error = e
      }
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as Error).message).to.equal(message)
    }
  })
})
