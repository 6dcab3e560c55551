import {
  BaseView,
  bootstrap,
  type HttpRequest,
  HttpResponse,
  httpDate,
  parseEtags,
  parseHttpDate,
  quoteEtag,
  View,
} from '@manouche/core'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { makeRequest } from './helpers.js'

const CHANGED = new Date(Date.UTC(2023, 0, 2, 23, 21, 47, 500))
const CHANGED_HTTP = 'Mon, 02 Jan 2023 23:21:47 GMT'
let handlerRuns = 0

@View('/dated/')
class DatedView extends BaseView {
  lastModified() {
    return CHANGED
  }
  async get() {
    handlerRuns++
    return new HttpResponse('fresh content')
  }
  async put() {
    return new HttpResponse('stored')
  }
}

let validatorRuns = 0

@View('/counted/')
class CountedView extends BaseView {
  lastModified() {
    validatorRuns++
    return new Date(Number.NaN)
  }
  async get() {
    return new HttpResponse('counted')
  }
  async post() {
    return new HttpResponse('posted')
  }
}

@View('/tagged/')
class TaggedView extends BaseView {
  async etag(_request: HttpRequest) {
    return 'v1'
  }
  async get() {
    handlerRuns++
    return new HttpResponse('tagged content')
  }
  async put() {
    return new HttpResponse('stored')
  }
}

@View('/both/')
class BothView extends BaseView {
  version: number | undefined
  // etag() reads what lastModified() found: Django calls them one after the other.
  async lastModified() {
    await new Promise((resolve) => setImmediate(resolve))
    this.version = 7
    return CHANGED
  }
  etag() {
    return `v${this.version}`
  }
  async get() {
    handlerRuns++
    return new HttpResponse('both')
  }
}

@View('/broken/')
class BrokenValidatorView extends BaseView {
  lastModified(): Date {
    throw new Error('the catalogue is unreachable')
  }
  async get() {
    return new HttpResponse('never')
  }
}

describe('conditional GET', () => {
  let app: FastifyInstance
  before(async () => {
    // PUTs without tokens: these tests are about preconditions, not CSRF (csrf.test.ts is).
    app = await bootstrap({ views: [DatedView, TaggedView, CountedView, BothView, BrokenValidatorView], csrf: false })
  })
  after(() => app.close())
  beforeEach(() => {
    handlerRuns = 0
  })

  describe('lastModified()', () => {
    it('adds Last-Modified, whole seconds, to GET and HEAD', async () => {
      const get = await app.inject({ url: '/dated/' })
      expect(get.headers['last-modified']).to.equal(CHANGED_HTTP)
      const head = await app.inject({ method: 'HEAD', url: '/dated/' })
      expect(head.headers['last-modified']).to.equal(CHANGED_HTTP)
      expect(head.body).to.equal('')
    })

    it('answers 304 with no body and without running the handler when If-Modified-Since matches', async () => {
      const res = await app.inject({ url: '/dated/', headers: { 'if-modified-since': CHANGED_HTTP } })
      expect(res.statusCode).to.equal(304)
      expect(res.body).to.equal('')
      expect(res.headers['last-modified']).to.equal(CHANGED_HTTP)
      expect(res.headers).to.not.have.property('content-type')
      expect(handlerRuns).to.equal(0)
    })

    it('answers 304 to HEAD too', async () => {
      const res = await app.inject({ method: 'HEAD', url: '/dated/', headers: { 'if-modified-since': CHANGED_HTTP } })
      expect(res.statusCode).to.equal(304)
    })

    it('answers 200 when the resource changed since', async () => {
      const res = await app.inject({
        url: '/dated/',
        headers: { 'if-modified-since': 'Mon, 02 Jan 2023 23:21:46 GMT' },
      })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.equal('fresh content')
    })

    it('ignores an If-Modified-Since that is no date', async () => {
      for (const value of ['yesterday', 'Mon, 32 Jan 2023 23:21:47 GMT', "'; DROP TABLE books; --"]) {
        expect((await app.inject({ url: '/dated/', headers: { 'if-modified-since': value } })).statusCode).to.equal(200)
      }
    })

    it('answers 412 to a PUT whose If-Unmodified-Since is older, without Last-Modified', async () => {
      const res = await app.inject({
        method: 'PUT',
        url: '/dated/',
        headers: { 'if-unmodified-since': 'Sun, 01 Jan 2023 00:00:00 GMT' },
      })
      expect(res.statusCode).to.equal(412)
      expect(res.headers['last-modified']).to.equal(undefined)
    })

    it('lets a PUT through when If-Unmodified-Since is not older', async () => {
      const res = await app.inject({ method: 'PUT', url: '/dated/', headers: { 'if-unmodified-since': CHANGED_HTTP } })
      expect(res.statusCode).to.equal(200)
    })
  })

  describe('validators that cannot help', () => {
    it('sends no Last-Modified for an invalid date', async () => {
      const res = await app.inject({ url: '/counted/' })
      expect(res.statusCode).to.equal(200)
      expect(res.headers).to.not.have.property('last-modified')
    })

    it('are not computed for an unsafe method without preconditions', async () => {
      validatorRuns = 0
      expect((await app.inject({ method: 'POST', url: '/counted/' })).body).to.equal('posted')
      expect(validatorRuns).to.equal(0)
      await app.inject({ method: 'POST', url: '/counted/', headers: { 'if-unmodified-since': CHANGED_HTTP } })
      expect(validatorRuns).to.equal(1)
    })
  })

  describe('etag()', () => {
    it('adds a quoted ETag', async () => {
      expect((await app.inject({ url: '/tagged/' })).headers.etag).to.equal('"v1"')
    })

    it('answers 304 to a matching If-None-Match, weakly compared', async () => {
      for (const value of ['"v1"', 'W/"v1"', '"v0", "v1"', '*']) {
        const res = await app.inject({ url: '/tagged/', headers: { 'if-none-match': value } })
        expect(res.statusCode, value).to.equal(304)
        expect(res.headers.etag).to.equal('"v1"')
      }
      expect(handlerRuns).to.equal(0)
    })

    it('answers 200 to an If-None-Match that does not match', async () => {
      const res = await app.inject({ url: '/tagged/', headers: { 'if-none-match': '"v2"' } })
      expect(res.statusCode).to.equal(200)
    })

    it('answers 412 to a PUT with a matching If-None-Match', async () => {
      const res = await app.inject({ method: 'PUT', url: '/tagged/', headers: { 'if-none-match': '"v1"' } })
      expect(res.statusCode).to.equal(412)
    })

    it('answers 412 when If-Match fails and proceeds when it matches', async () => {
      const fail = await app.inject({ method: 'PUT', url: '/tagged/', headers: { 'if-match': '"v0"' } })
      expect(fail.statusCode).to.equal(412)
      const pass = await app.inject({ method: 'PUT', url: '/tagged/', headers: { 'if-match': '"v1"' } })
      expect(pass.statusCode).to.equal(200)
    })
  })

  describe('both validators', () => {
    it('calls etag() after lastModified() has finished, and sets both', async () => {
      const res = await app.inject({ url: '/both/' })
      expect(res.statusCode).to.equal(200)
      expect(res.headers.etag).to.equal('"v7"')
      expect(res.headers['last-modified']).to.equal(CHANGED_HTTP)
    })

    it('answers 304 to a matching If-None-Match, whatever If-Modified-Since says', async () => {
      const res = await app.inject({
        url: '/both/',
        headers: { 'if-none-match': '"v7"', 'if-modified-since': 'Sun, 01 Jan 2023 00:00:00 GMT' },
      })
      expect(res.statusCode).to.equal(304)
      expect(handlerRuns).to.equal(0)
    })
  })

  describe('a validator that throws', () => {
    it('answers 500 over HTTP, and rejects when the view function is called', async () => {
      expect((await app.inject({ url: '/broken/' })).statusCode).to.equal(500)
      const pending = BrokenValidatorView.asView()(makeRequest('GET', '/broken/'))
      expect(pending).to.be.instanceOf(Promise)
      const error = await (pending as Promise<unknown>).catch((reason: unknown) => reason)
      expect((error as Error).message).to.equal('the catalogue is unreachable')
    })
  })

  describe('called directly', () => {
    it('gives the view function the same 304', async () => {
      const request = makeRequest('GET', '/dated/', { headers: { 'if-modified-since': CHANGED_HTTP } })
      const response = await DatedView.asView()(request)
      expect(response.status).to.equal(304)
    })

    it('answers in the same turn when lastModified() and the handler are synchronous', () => {
      class SyncDatedView extends BaseView {
        lastModified() {
          return CHANGED
        }
        get() {
          return new HttpResponse('sync content')
        }
      }
      const view = SyncDatedView.asView()
      const fresh = view(makeRequest('GET', '/'))
      expect(fresh).to.be.instanceOf(HttpResponse)
      expect((fresh as HttpResponse).text).to.equal('sync content')
      expect((fresh as HttpResponse).headers.get('last-modified')).to.equal(CHANGED_HTTP)
      const notModified = view(makeRequest('GET', '/', { headers: { 'if-modified-since': CHANGED_HTTP } }))
      expect(notModified).to.be.instanceOf(HttpResponse)
      expect((notModified as HttpResponse).status).to.equal(304)
    })
  })

  describe('helpers', () => {
    it('parses ETag lists, dropping malformed entries', () => {
      expect(parseEtags('"" ,  "etag", "e\\\\tag", W/"weak"')).to.deep.equal(['""', '"etag"', '"e\\\\tag"', 'W/"weak"'])
      expect(parseEtags('spam, "ham"')).to.deep.equal(['"ham"'])
      expect(parseEtags(' * ')).to.deep.equal(['*'])
    })

    it('quotes an unquoted ETag and keeps a quoted one', () => {
      expect(quoteEtag('abc')).to.equal('"abc"')
      expect(quoteEtag('W/"abc"')).to.equal('W/"abc"')
    })

    it('parses the three HTTP date formats', () => {
      const expected = Date.UTC(1994, 10, 6, 8, 49, 37) / 1000
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).to.equal(expected)
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).to.equal(expected)
      expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).to.equal(expected)
      expect(parseHttpDate('Sun, 06 Foo 1994 08:49:37 GMT')).to.equal(undefined)
    })

    it('reads every field of an IMF-fixdate and refuses one that is malformed or impossible', () => {
      expect(parseHttpDate('Thu, 29 Feb 2024 23:59:59 GMT')).to.equal(Date.UTC(2024, 1, 29, 23, 59, 59) / 1000)
      expect(parseHttpDate('Wed, 31 Dec 1969 00:00:00 GMT')).to.equal(-86_400)
      expect(parseHttpDate('Xyz, 01 Jan 2007 01:54:21 GMT')).to.equal(1167616461) // the day name is not checked, as Django
      for (const bad of [
        'Fri, 30 Feb 2024 10:00:00 GMT', // no 30 February
        'Mon, 01 Jan 2007 24:00:00 GMT', // hour 24
        'Mon, 01 Jan 2007 01:54:60 GMT', // second 60
        'Mon, 01 jan 2007 01:54:21 GMT', // month names are capitalised
        'Mon, 0x Jan 2007 01:54:21 GMT',
        'Mon, 01 Jan 2007 01:54:21 UTC',
        'Mon; 01 Jan 2007 01:54:21 GMT',
        'Mon, 01 Jan 2007 01-54-21 GMT',
        'M n, 01 Jan 2007 01:54:21 GMT',
        'Mon, 01 Jan 2007 01:54:21 GMT ',
        'Mon, 1 Jan 2007 01:54:21 GMT',
      ]) {
        expect(parseHttpDate(bad), bad).to.equal(undefined)
      }
    })

    it('formats HTTP dates', () => {
      expect(httpDate(1167616461)).to.equal('Mon, 01 Jan 2007 01:54:21 GMT')
    })
  })
})
