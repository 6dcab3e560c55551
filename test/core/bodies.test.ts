// Request bodies: URL-encoded, multipart (fields and files) and JSON reach the view; past
// bootstrap({ bodyLimit }) is a 413 and a malformed body a 400, through our error pages, and the
// view never runs for either.
import { type HttpRequest, HttpResponse, JsonResponse, path } from '@manouche/core'
import { ModelForm, modelForm } from '@manouche/forms'
import type { TestClient } from '@manouche/testing'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { bootstrap } from 'manouche'
import { createTestClient } from 'manouche/testing'
import { Book } from '../fixtures/books.js'

const seen: HttpRequest[] = []

/** Echo what the view was handed: the body and a summary of the files. */
function echo(request: HttpRequest): HttpResponse {
  seen.push(request)
  const files = Object.fromEntries(
    Object.entries(request.files).map(([name, value]) => [
      name,
      (Array.isArray(value) ? value : [value]).map((f) => ({ ...f, data: f.data.toString() })),
    ]),
  )
  return new JsonResponse({ method: request.method, body: request.body ?? null, files })
}

const urlpatterns = [path('echo/', echo)]
const BOUNDARY = 'XyZ'

/** A multipart body: fields as `[name, value]`, files as `[name, filename, type, content]`. */
function multipart(fields: Array<[string, string]>, files: Array<[string, string, string, string]> = []): string {
  const parts = [
    ...fields.map(([name, value]) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`),
    ...files.map(
      ([name, filename, type, content]) =>
        `Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}`,
    ),
  ]
  return `${parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('')}--${BOUNDARY}--\r\n`
}
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`

describe('request bodies', () => {
  let client: TestClient
  beforeEach(async () => {
    seen.length = 0
    client = await createTestClient({ views: [], urlpatterns, bodyLimit: 2000 })
  })
  afterEach(() => client.close())

  it('hands a URL-encoded body over as an object, a repeated key as an array', async () => {
    const res = await client.post('/echo/', { form: { title: 'Nana', tag: ['a', 'b'] } })
    expect(res.json()).to.deep.equal({ method: 'POST', body: { title: 'Nana', tag: ['a', 'b'] }, files: {} })
  })

  it('hands a JSON body over as it is', async () => {
    const res = await client.put('/echo/', { json: { title: 'Nana', pages: 400 } })
    expect(res.json()).to.deep.equal({ method: 'PUT', body: { title: 'Nana', pages: 400 }, files: {} })
  })

  it('hands a multipart body over as data (repeated keys kept) and files', async () => {
    const body = multipart(
      [
        ['title', 'Nana'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
      [
        ['cover', 'cover.txt', 'text/plain', 'hello'],
        ['pages', 'one.txt', 'text/plain', '1'],
        ['pages', 'two.txt', 'text/plain', '22'],
        ['empty', '', 'application/octet-stream', ''],
      ],
    )
    const res = await client.post('/echo/', { body, contentType: MULTIPART })
    expect(res.status).to.equal(200)
    expect(res.json()).to.deep.equal({
      method: 'POST',
      body: { title: 'Nana', tag: ['a', 'b'] },
      files: {
        cover: [{ name: 'cover.txt', contentType: 'text/plain', size: 5, data: 'hello' }],
        pages: [
          { name: 'one.txt', contentType: 'text/plain', size: 1, data: '1' },
          { name: 'two.txt', contentType: 'text/plain', size: 2, data: '22' },
        ],
      },
    })
  })

  it('binds a multipart body to a form, files included', async () => {
    const body = multipart([['title', 'Nana']], [['cover', 'c.txt', 'text/plain', 'x']])
    await client.post('/echo/', { body, contentType: MULTIPART })
    const request = seen[0] as HttpRequest
    const BookForm = modelForm(Book, { fields: ['title'] })
    const form = new BookForm({ data: request.body as Record<string, unknown>, files: request.files })
    expect(form).to.be.instanceOf(ModelForm)
    expect(await form.isValid()).to.equal(true)
    expect(form.cleanedData).to.deep.equal({ title: 'Nana' })
    expect(form.files.cover).to.have.property('size', 1)
  })

  const tooBig: Array<[string, () => Promise<{ status: number; body: string }>]> = [
    ['a URL-encoded body', () => client.post('/echo/', { form: { text: 'x'.repeat(2001) } })],
    ['a JSON body', () => client.post('/echo/', { json: { text: 'x'.repeat(2001) } })],
    [
      'a multipart field',
      () => client.post('/echo/', { body: multipart([['text', 'x'.repeat(2001)]]), contentType: MULTIPART }),
    ],
    [
      'a multipart file',
      () =>
        client.post('/echo/', {
          body: multipart([], [['f', 'f.bin', 'application/octet-stream', 'x'.repeat(2001)]]),
          contentType: MULTIPART,
        }),
    ],
  ]
  for (const [what, send] of tooBig) {
    it(`answers 413 for ${what} over bodyLimit, and the view never runs`, async () => {
      const res = await send()
      expect(res.status).to.equal(413)
      expect(res.body).to.include('<h1>Payload Too Large (413)</h1>')
      expect(res.body).to.not.match(/at .*\.js/)
      expect(seen).to.have.length(0)
    })
  }

  const malformed: Array<[string, string, string]> = [
    ['JSON that does not parse', '{"title": ', 'application/json'],
    ['a multipart body that is not multipart', 'title=Nana', MULTIPART],
    ['a multipart body cut short', `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue`, MULTIPART],
    ['a multipart Content-Type without a boundary', multipart([['a', 'b']]), 'multipart/form-data'],
  ]
  for (const [what, body, contentType] of malformed) {
    it(`answers 400 for ${what}, and the view never runs`, async () => {
      const res = await client.post('/echo/', { body, contentType })
      expect(res.status).to.equal(400)
      expect(res.body).to.include('<h1>Bad Request (400)</h1>')
      expect(seen).to.have.length(0)
    })
  }

  it('leaves the application open to hooks after bootstrap(), as before multipart', async () => {
    expect(() => client.app.addHook('onClose', () => {})).to.not.throw()
  })

  it("answers 413 for more than 100 files (Django's DATA_UPLOAD_MAX_NUMBER_FILES)", async () => {
    const app = await createTestClient({ views: [], urlpatterns })
    try {
      const files = (n: number) =>
        Array.from({ length: n }, (_, i): [string, string, string, string] => ['f', `${i}.txt`, 'text/plain', 'x'])
      const at = await app.post('/echo/', { body: multipart([], files(100)), contentType: MULTIPART })
      expect(at.status).to.equal(200)
      const past = await app.post('/echo/', { body: multipart([], files(101)), contentType: MULTIPART })
      expect(past.status).to.equal(413)
      expect(past.body).to.include('The request body holds more than 100 files or 1000 fields.')
    } finally {
      await app.close()
    }
  })

  it('defaults to a 1 MiB limit', async () => {
    const app = await createTestClient({ views: [], urlpatterns })
    try {
      expect((await app.post('/echo/', { form: { t: 'x'.repeat(1024 * 1024 - 10) } })).status).to.equal(200)
      expect((await app.post('/echo/', { form: { t: 'x'.repeat(1024 * 1024) } })).status).to.equal(413)
    } finally {
      await app.close()
    }
  })
})

describe('request bodies over a real socket', () => {
  let app: FastifyInstance
  let base: string
  before(async () => {
    // Posts without tokens: these tests are about bodies (csrf.test.ts posts a multipart token).
    app = await bootstrap({ views: [], urlpatterns, bodyLimit: 2000, csrf: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  after(() => app.close())
  beforeEach(() => {
    seen.length = 0
  })

  it('answers 413 to a URL-encoded body over the limit', async () => {
    const res = await fetch(`${base}/echo/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `text=${'x'.repeat(5000)}`,
    })
    expect(res.status).to.equal(413)
    expect(await res.text()).to.include('Payload Too Large (413)')
    expect(seen).to.have.length(0)
  })

  it('answers 413 to a multipart body over the limit', async () => {
    const data = new FormData()
    data.append('file', new Blob(['x'.repeat(5000)]), 'big.bin')
    const res = await fetch(`${base}/echo/`, { method: 'POST', body: data })
    expect(res.status).to.equal(413)
    expect(seen).to.have.length(0)
  })

  it('answers 413 to a chunked multipart body (no Content-Length) whose files only together pass the limit', async () => {
    const file = (name: string): [string, string, string, string] => [
      'f',
      name,
      'application/octet-stream',
      'x'.repeat(900),
    ]
    const bytes = new TextEncoder().encode(multipart([], [file('a.bin'), file('b.bin'), file('c.bin')]))
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
    const init = { method: 'POST', headers: { 'content-type': MULTIPART }, body, duplex: 'half' }
    const res = await fetch(`${base}/echo/`, init as RequestInit)
    expect(res.status).to.equal(413)
    expect(await res.text()).to.include('Payload Too Large (413)')
    expect(seen).to.have.length(0)
  })

  it('takes a multipart body within the limit', async () => {
    const data = new FormData()
    data.append('title', 'Nana')
    data.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt')
    const res = await fetch(`${base}/echo/`, { method: 'POST', body: data })
    expect(res.status).to.equal(200)
    const json = (await res.json()) as { body: unknown; files: Record<string, unknown[]> }
    expect(json.body).to.deep.equal({ title: 'Nana' })
    expect(json.files.file).to.deep.equal([{ name: 'a.txt', contentType: 'text/plain', size: 5, data: 'hello' }])
  })
})
