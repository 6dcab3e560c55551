import nodePath from 'node:path'
import { BadRequest, BaseView, Http404, HttpResponse, PermissionDenied, path } from '@manouche/core'
import { TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { logSink } from '../core/helpers.js'

const DIR = nodePath.resolve(import.meta.dirname, '../../fixtures/templates/error-pages')

class HomeView extends BaseView {
  get() {
    return new HttpResponse('home')
  }
}
class MissingView extends BaseView {
  get(): HttpResponse {
    throw new Http404('No book matches the given query.')
  }
}
class BrokenView extends BaseView {
  async get(): Promise<HttpResponse> {
    throw new Error('the database is gone')
  }
}
class RefusedView extends BaseView {
  get(): HttpResponse {
    throw new PermissionDenied()
  }
}
class BadView extends BaseView {
  get(): HttpResponse {
    throw new BadRequest('bad')
  }
}

const urlpatterns = [
  path('', HomeView.asView(), { name: 'home' }),
  path('books/<int:pk>/', MissingView.asView()),
  path('broken/', BrokenView.asView()),
  path('refused/', RefusedView.asView()),
  path('bad/', BadView.asView()),
]

async function client(options: { debug?: boolean; stream?: { write(line: string): void } } = {}) {
  const fastify = options.stream ? { logger: { level: 'error', stream: options.stream } } : undefined
  const app = await bootstrap({ views: [], urlpatterns, debug: options.debug, templates: { dirs: [DIR] }, fastify })
  return new TestClient(app)
}

describe("error pages from the application's templates (404.html, 500.html)", () => {
  it("renders 404.html with the request's path, for a view's Http404 and for a path no pattern matches", async () => {
    const c = await client()
    for (const url of ['/books/7/', '/nowhere/<b>/']) {
      const res = await c.get(url)
      expect(res.status, url).to.equal(404)
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8')
      expect(res.body, url).to.include('<title>Not Found · Site</title>')
      expect(res.body, url).to.include('<nav><a href="/">Home</a></nav>')
      expect(res.headers.get('x-frame-options')).to.equal('DENY')
    }
    expect((await c.get('/books/7/')).body).to.include('<h1>Nothing at /books/7/</h1>')
    expect((await c.get('/nowhere/<b>/')).body).to.include('<h1>Nothing at /nowhere/&lt;b&gt;/</h1>')
    await c.close()
  })

  it('renders 500.html for an error a view raises, without its message', async () => {
    const c = await client()
    const res = await c.get('/broken/')
    expect(res.status).to.equal(500)
    expect(res.body).to.include('<h1>Something broke on our side</h1>')
    expect(res.body).not.to.include('the database is gone')
    await c.close()
  })

  it('keeps the default page when there is no template for the status (403 here)', async () => {
    const c = await client()
    const res = await c.get('/refused/')
    expect(res.status).to.equal(403)
    expect(res.body).to.include('<h1>403 Forbidden</h1>')
    await c.close()
  })

  it('falls back to the default page, logging why, when the template fails to render', async () => {
    const sink = logSink()
    const c = await client({ stream: sink.stream })
    const res = await c.get('/bad/')
    expect(res.status).to.equal(400)
    expect(res.body).to.include('<h1>Bad Request (400)</h1>')
    expect(sink.lines.map((line) => line.msg)).to.include('400.html failed to render')
    await c.close()
  })

  it('answers JSON to a client that asks for it, and the debug page in debug, not the template', async () => {
    const app = await bootstrap({ views: [], urlpatterns, templates: { dirs: [DIR] } })
    const json = await app.inject({
      method: 'POST',
      url: '/bad/',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      payload: '{',
    })
    expect(json.statusCode).to.equal(400)
    expect(json.headers['content-type']).to.match(/^application\/json/)
    expect(json.json()).to.deep.include({ status: 400, error: 'Bad Request (400)' })
    await app.close()
    const debug = await client({ debug: true })
    const res = await debug.get('/books/7/')
    expect(res.status).to.equal(404)
    expect(res.body).to.include('No book matches the given query.')
    expect(res.body).not.to.include('Nothing at')
    await debug.close()
  })
})
