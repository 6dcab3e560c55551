import net from 'node:net'
import { BaseView, type BootstrapOptions, bootstrap, HttpResponse, path } from '@manouche/core'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { logSink } from './helpers.js'

class PageView extends BaseView {
  get() {
    return new HttpResponse('page')
  }
}
const urlpatterns = [path('page/', PageView.asView())]

/** An app listening on a free port of 127.0.0.1, and its port. */
async function listening(options: BootstrapOptions = {}): Promise<{ app: FastifyInstance; port: number }> {
  const app = await bootstrap({ views: [], urlpatterns, ...options })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, port: (app.server.address() as net.AddressInfo).port }
}

/** Write `text` to a real socket (without ending it unless `end`) and collect the answer until the server closes. */
function exchange(port: number, text: string | Buffer, end = true): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => (end ? socket.end(text) : socket.write(text)))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
    })
    socket.on('close', () => {
      const at = answer.indexOf('\r\n\r\n')
      resolve({ head: answer.slice(0, at), body: answer.slice(at + 4) })
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while the client is still writing a huge request: keep what came.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error)
    })
  })
}

const HOST = 'Host: 127.0.0.1\r\n'

function expectOurPage(answer: { head: string; body: string }, status: number, title: string): void {
  expect(answer.head).to.match(new RegExp(`^HTTP/1\\.1 ${status} `))
  expect(answer.head).to.include('x-content-type-options: nosniff')
  expect(answer.head).to.include('x-frame-options: DENY')
  expect(answer.head).to.include('content-type: text/html; charset=utf-8')
  expect(answer.body).to.include(`<h1>${title}</h1>`)
  expect(answer.body).not.to.match(/at .*\.js|node:|\/work\//)
}

describe("errors Node's parser answers, through a real socket", () => {
  let app: FastifyInstance
  let port: number
  const sink = logSink()
  before(async () => {
    ;({ app, port } = await listening({ fastify: { logger: { level: 'warn', stream: sink.stream } } }))
  })
  after(() => app.close())

  it('answers a 64 KB header with our 431 page, logged as a warning', async () => {
    const before = sink.lines.length
    const answer = await exchange(port, `GET /page/ HTTP/1.1\r\n${HOST}X-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
    expectOurPage(answer, 431, 'Request Header Fields Too Large (431)')
    const logged = sink.lines.slice(before)
    expect(logged.map((l) => [l.level, l.msg])).to.deep.equal([
      [40, 'Request Header Fields Too Large: HPE_HEADER_OVERFLOW'],
    ])
  })

  it('answers a 100 KB request line with our 414 page', async () => {
    const answer = await exchange(port, `GET /page/?q=${'a'.repeat(100 * 1024)} HTTP/1.1\r\n${HOST}\r\n`)
    expectOurPage(answer, 414, 'URI Too Long (414)')
  })

  it('answers bytes that are not a request line with our 400 page', async () => {
    expectOurPage(await exchange(port, 'HELLO THERE\r\n\r\n'), 400, 'Bad Request (400)')
    expectOurPage(await exchange(port, `GET /pa ge/ HTTP/1.1\r\n${HOST}\r\n`), 400, 'Bad Request (400)')
  })

  it('answers a path with a malformed percent-escape with our 400 page, saying why', async () => {
    const answer = await exchange(port, `GET /page/%zz/ HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`)
    expectOurPage(answer, 400, 'Bad Request (400)')
    expect(answer.body).to.include('<p>The request path holds a malformed percent-escape.</p>')
  })

  it("answers in JSON when the client's Accept prefers it", async () => {
    const big = await exchange(
      port,
      `GET /page/ HTTP/1.1\r\n${HOST}Accept: application/json\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    )
    expect(big.head).to.match(/^HTTP\/1\.1 431 /)
    expect(big.head).to.include('content-type: application/json')
    expect(big.head).to.include('x-frame-options: DENY')
    expect(JSON.parse(big.body)).to.deep.equal({ status: 431, error: 'Request Header Fields Too Large (431)' })
    const malformed = await exchange(
      port,
      `GET /page/%zz/ HTTP/1.1\r\n${HOST}Accept: application/json, text/html;q=0.5\r\nConnection: close\r\n\r\n`,
    )
    expect(malformed.head).to.match(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(malformed.body)).to.deep.equal({
      status: 400,
      error: 'Bad Request (400)',
      message: 'The request path holds a malformed percent-escape.',
    })
    const browser = await exchange(
      port,
      `GET /page/%zz/ HTTP/1.1\r\n${HOST}Accept: text/html,application/json;q=0.9,*/*;q=0.8\r\nConnection: close\r\n\r\n`,
    )
    expect(browser.head).to.include('content-type: text/html; charset=utf-8')
  })

  it('still serves the next connection after each of these', async () => {
    const answer = await exchange(port, `GET /page/ HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`)
    expect(answer.head).to.match(/^HTTP\/1\.1 200 /)
    expect(answer.body).to.equal('page')
  })
})

describe('a request that never arrives whole', () => {
  it('is closed with our 408 page after requestTimeout, and the server serves on', async function () {
    this.timeout(5000)
    const { app, port } = await listening({
      fastify: { requestTimeout: 300, http: { connectionsCheckingInterval: 50 } },
    })
    try {
      const started = Date.now()
      const answer = await exchange(
        port,
        `POST /page/ HTTP/1.1\r\n${HOST}Content-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part`,
        false,
      )
      expect(Date.now() - started).to.be.within(250, 2000)
      expectOurPage(answer, 408, 'Request Timeout (408)')
      const next = await exchange(port, `GET /page/ HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`)
      expect(next.head).to.match(/^HTTP\/1\.1 200 /)
    } finally {
      await app.close()
    }
  })

  it('has a 30 s request timeout and a 120 s idle timeout by default', async () => {
    const { app } = await listening()
    try {
      expect(app.server.requestTimeout).to.equal(30_000)
      expect(app.server.headersTimeout).to.equal(30_000)
      expect(app.server.timeout).to.equal(120_000)
    } finally {
      await app.close()
    }
  })
})

describe('the Host header, through a real socket', () => {
  it('takes a port and a trailing dot; X-Forwarded-Host only with trustProxy', async () => {
    const { app, port } = await listening({ allowedHosts: ['books.example'] })
    const trusting = await listening({ allowedHosts: ['books.example'], trustProxy: true })
    try {
      const get = (p: number, headers: string) =>
        exchange(p, `GET /page/ HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`).then((a) => a.head.slice(9, 12))
      expect(await get(port, 'Host: books.example:8443\r\n')).to.equal('200')
      expect(await get(port, 'Host: books.example.\r\n')).to.equal('200')
      expect(await get(port, 'Host: books.example.:80\r\n')).to.equal('200')
      expect(await get(port, 'Host: evil.example\r\nX-Forwarded-Host: books.example\r\n')).to.equal('400')
      expect(await get(port, 'Host: books.example\r\nX-Forwarded-Host: evil.example\r\n')).to.equal('200')
      expect(await get(trusting.port, 'Host: evil.example\r\nX-Forwarded-Host: books.example\r\n')).to.equal('200')
      expect(await get(trusting.port, 'Host: books.example\r\nX-Forwarded-Host: evil.example\r\n')).to.equal('400')
    } finally {
      await app.close()
      await trusting.app.close()
    }
  })
})

describe('the error pages Fastify answers with, by inject', () => {
  it("follow the client's Accept: JSON when it prefers JSON, our HTML page otherwise", async () => {
    const app = await bootstrap({ views: [], urlpatterns })
    try {
      const json = await app.inject({ url: '/page/%zz/', headers: { accept: 'application/problem+json' } })
      expect(json.statusCode).to.equal(400)
      expect(json.headers['content-type']).to.equal('application/json; charset=utf-8')
      expect(json.headers['x-frame-options']).to.equal('DENY')
      expect(json.json()).to.deep.equal({
        status: 400,
        error: 'Bad Request (400)',
        message: 'The request path holds a malformed percent-escape.',
      })
      for (const accept of ['*/*', 'text/html', 'application/json;q=0.5, */*', '']) {
        const html = await app.inject({ url: '/page/%zz/', headers: { accept } })
        expect(html.headers['content-type'], accept).to.equal('text/html; charset=utf-8')
        expect(html.body).to.include('<h1>Bad Request (400)</h1>')
      }
    } finally {
      await app.close()
    }
  })
})
