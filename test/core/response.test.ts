import {
  DisallowedRedirect,
  HttpRequest,
  HttpResponse,
  HttpResponseGone,
  HttpResponseNotAllowed,
  HttpResponseNotModified,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  JsonResponse,
  ResponseHeaders,
} from '@manouche/core'
import { expect } from 'chai'

describe('HttpResponse', () => {
  it('defaults to 200, text/html and an empty body', () => {
    const response = new HttpResponse()
    expect(response.status).to.equal(200)
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8')
    expect(response.text).to.equal('')
  })

  it('refuses a status that is no integer or out of range', () => {
    expect(() => new HttpResponse('', { status: 20.5 })).to.throw(TypeError, 'HTTP status code must be an integer.')
    expect(() => new HttpResponse('', { status: 600 })).to.throw(
      RangeError,
      'HTTP status code must be an integer from 100 to 599.',
    )
  })

  it('refuses contentType together with a Content-Type header', () => {
    expect(() => new HttpResponse('', { contentType: 'text/plain', headers: { 'content-type': 'text/csv' } })).to.throw(
      TypeError,
      "'headers' must not contain 'Content-Type' when the 'contentType' parameter is provided.",
    )
  })

  it('has case-insensitive headers, named lower case as they are sent', () => {
    const response = new HttpResponse('', { headers: { 'Last-Modified': 'x' } })
    expect(response.headers.get('last-modified')).to.equal('x')
    expect(response.headers.has('LAST-MODIFIED')).to.equal(true)
    expect([...response.headers].map(([name]) => name)).to.include('last-modified')
    expect(response.headers.delete('last-MODIFIED')).to.equal(true)
    expect(response.headers.has('Last-Modified')).to.equal(false)
  })
})

describe('redirects', () => {
  it('answers 302 and 301 with Location', () => {
    expect(new HttpResponseRedirect('/bar/').status).to.equal(302)
    expect(new HttpResponsePermanentRedirect('/bar/').status).to.equal(301)
    expect(new HttpResponseRedirect('/bar/').url).to.equal('/bar/')
  })

  it('percent-encodes non-ASCII characters of the target', () => {
    expect(new HttpResponseRedirect('/café/?q=ü').url).to.equal('/caf%C3%A9/?q=%C3%BC')
  })

  it('refuses unsafe schemes and overlong URLs', () => {
    expect(() => new HttpResponseRedirect('javascript:alert(1)')).to.throw(
      DisallowedRedirect,
      "Unsafe redirect to URL with protocol 'javascript'",
    )
    expect(() => new HttpResponseRedirect(`/${'a'.repeat(16384)}`)).to.throw(
      DisallowedRedirect,
      'Unsafe redirect exceeding 16384 characters',
    )
    expect(new HttpResponseRedirect('https://example.com/').url).to.equal('https://example.com/')
  })
})

describe('other responses', () => {
  it('gives 304 no Content-Type and refuses content', () => {
    const response = new HttpResponseNotModified()
    expect(response.status).to.equal(304)
    expect(response.headers.has('content-type')).to.equal(false)
    expect(() => {
      response.content = 'x'
    }).to.throw(TypeError, 'You cannot set content to a 304 (Not Modified) response')
  })

  it('drops from a 304 even a Content-Type given on purpose, as Django does', () => {
    expect(new HttpResponseNotModified({ contentType: 'text/plain' }).headers.has('content-type')).to.equal(false)
    const response = new HttpResponseNotModified({ headers: { 'Content-Type': 'text/csv', ETag: '"v1"' } })
    expect(response.headers.toJSON()).to.deep.equal({ etag: '"v1"' })
  })

  it('lets a subclass choose the Content-Type its instances get by default', () => {
    class CsvResponse extends HttpResponse {
      protected static override defaultContentType: string | undefined = 'text/csv; charset=utf-8'
    }
    expect(new CsvResponse('a,b').headers.get('Content-Type')).to.equal('text/csv; charset=utf-8')
    expect(new CsvResponse('a,b', { contentType: 'text/plain' }).headers.get('Content-Type')).to.equal('text/plain')
  })

  it('gives 405 an Allow header and 410 its status', () => {
    expect(new HttpResponseNotAllowed(['GET', 'HEAD']).headers.get('Allow')).to.equal('GET, HEAD')
    expect(new HttpResponseGone().status).to.equal(410)
  })

  it('serializes JSON and refuses non-objects unless safe is false', () => {
    const response = new JsonResponse({ a: [1, 2] })
    expect(response.text).to.equal('{"a":[1,2]}')
    expect(response.headers.get('content-type')).to.equal('application/json')
    expect(() => new JsonResponse([1])).to.throw(TypeError, /non-object data/)
    expect(new JsonResponse([1], { safe: false }).text).to.equal('[1]')
  })
})

describe('ResponseHeaders', () => {
  it('refuses values that would split the response, and names that are no token', () => {
    const headers = new ResponseHeaders()
    expect(() => headers.set('ETag', 'a"b\r\nX-Injected: 1')).to.throw(
      TypeError,
      'Header values can\'t contain newlines (got "a\\"b\\r\\nX-Injected: 1")',
    )
    expect(() => headers.set('Bad Name', 'x')).to.throw(TypeError, '"Bad Name" is not a valid header name')
    expect(() => new HttpResponse('', { headers: { Location: '/a\n' } })).to.throw(TypeError, /newlines/)
  })

  it('checks a name every time it is set, however often it was set before', () => {
    const headers = new ResponseHeaders()
    for (let round = 0; round < 3; round++) {
      headers.set('X-Round', String(round))
      expect(() => headers.set('X Round', 'x')).to.throw(TypeError, '"X Round" is not a valid header name')
      expect(() => headers.set('X-Round', ['ok', 'split\r\n'])).to.throw(TypeError, /newlines/)
    }
    expect(headers.toJSON()).to.deep.equal({ 'x-round': '2' })
    expect(headers.get('x-round')).to.equal('2')
    expect(headers.get('X Round')).to.equal(undefined)
  })

  it('sets a default only when absent', () => {
    const headers = new ResponseHeaders({ ETag: '"a"' })
    headers.setDefault('etag', '"b"').setDefault('Vary', 'Cookie')
    expect(headers.toJSON()).to.deep.equal({ etag: '"a"', vary: 'Cookie' })
  })
})

describe('HttpRequest', () => {
  it('upper-cases the method and parses the query lazily', () => {
    const request = new HttpRequest({ method: 'get', path: '/a/', query: 'x=1&x=2&y=%E2%9C%93' })
    expect(request.method).to.equal('GET')
    expect(request.query.getAll('x')).to.deep.equal(['1', '2'])
    expect(request.query.get('y')).to.equal('✓')
    expect(request.fullPath).to.equal('/a/?x=1&x=2&y=%E2%9C%93')
  })

  it('lower-cases header names given by hand', () => {
    const request = new HttpRequest({ method: 'GET', path: '/', headers: { 'If-Modified-Since': 'x' } })
    expect(request.header('if-modified-since')).to.equal('x')
    expect(request.headers).to.deep.equal({ 'if-modified-since': 'x' })
  })

  it('makes its child container only when asked', () => {
    const request = new HttpRequest({ method: 'GET', path: '/' })
    const child = request.container
    expect(request.container).to.equal(child)
  })
})
