import { BaseView, bootstrap, HttpResponse, HttpResponseNotModified, path } from '@manouche/core'
import { notModifiedFrom } from '@manouche/core/internal'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { makeRequest } from './helpers.js'

function lines(response: HttpResponse): string[] {
  const set = response.headers.get('set-cookie')
  return set === undefined ? [] : typeof set === 'string' ? [set] : set
}

describe('request.cookies', () => {
  it('parses the Cookie header on first use, values decoded', () => {
    const request = makeRequest('GET', '/', { headers: { Cookie: 'csrftoken=abc; name=J%C3%BCrgen%20K' } })
    expect(request.cookies).to.deep.equal({ csrftoken: 'abc', name: 'Jürgen K' })
    expect(request.cookies).to.equal(request.cookies)
  })

  it('is empty without a Cookie header', () => {
    expect(Object.keys(makeRequest('GET', '/').cookies)).to.deep.equal([])
  })

  it('works for RequestFactory requests', () => {
    const request = new RequestFactory().get('/', { headers: { cookie: 'a=1; b=2' } })
    expect(request.cookies.b).to.equal('2')
  })

  it('skips a pair without an equals sign rather than failing', () => {
    expect(makeRequest('GET', '/', { headers: { cookie: 'junk; a=1' } }).cookies).to.deep.equal({ a: '1' })
  })
})

describe('HttpResponse.setCookie()', () => {
  it('sets one Set-Cookie line per cookie, with path / by default', () => {
    const response = new HttpResponse().setCookie('a', '1').setCookie('b', 'x y')
    expect(lines(response)).to.deep.equal(['a=1; Path=/', 'b=x%20y; Path=/'])
  })

  it('replaces a cookie set earlier under the same name', () => {
    const response = new HttpResponse().setCookie('a', '1').setCookie('b', '2').setCookie('a', '3')
    expect(lines(response)).to.deep.equal(['b=2; Path=/', 'a=3; Path=/'])
  })

  it('writes every attribute', () => {
    const line = lines(
      new HttpResponse().setCookie('s', 'v', {
        maxAge: 60,
        path: '/app/',
        domain: 'example.com',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
      }),
    )[0] as string
    expect(line).to.match(/^s=v; Max-Age=60; Domain=example\.com; Path=\/app\/; HttpOnly; Secure; SameSite=Lax; /)
    const expires = Date.parse(line.split('Expires=')[1] as string)
    expect(Math.abs(expires - (Date.now() + 60_000))).to.be.below(2000)
  })

  it('turns a Date expires into Max-Age, as Django does', () => {
    const line = lines(new HttpResponse().setCookie('s', 'v', { expires: new Date(Date.now() + 3_600_000) }))[0]
    expect(line).to.match(/Max-Age=(3599|3600);/)
  })

  it('sends a string expires as it is', () => {
    const line = lines(new HttpResponse().setCookie('s', 'v', { expires: 'Wed, 21 Oct 2037 07:28:00 GMT' }))[0]
    expect(line).to.equal('s=v; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT')
  })

  it('refuses both a Date expires and maxAge', () => {
    expect(() => new HttpResponse().setCookie('s', 'v', { expires: new Date(), maxAge: 1 }))
      .to.throw(TypeError, "'expires' and 'maxAge' can't be used together.")
      .with.property('code', 'MNC_ERR_HTTP_BAD_COOKIE')
  })

  it('refuses a sameSite other than Lax, Strict or None', () => {
    expect(() => new HttpResponse().setCookie('s', 'v', { sameSite: 'sometimes' })).to.throw(
      TypeError,
      'sameSite must be "Lax", "None", or "Strict".',
    )
  })

  it('refuses a name that would split the header', () => {
    expect(() => new HttpResponse().setCookie('a;b', 'v'))
      .to.throw(TypeError, 'Cookie "a;b": ')
      .with.property('code', 'MNC_ERR_HTTP_BAD_COOKIE')
  })

  it('refuses an expires string holding a semicolon', () => {
    expect(() => new HttpResponse().setCookie('s', 'v', { expires: 'x; Domain=evil' })).to.throw(
      TypeError,
      "'expires' is no HTTP date",
    )
  })
})

describe('HttpResponse.deleteCookie()', () => {
  it('empties the cookie with Max-Age=0 and an Expires in 1970', () => {
    expect(lines(new HttpResponse().deleteCookie('a', { path: '/x/' }))).to.deep.equal([
      'a=; Max-Age=0; Path=/x/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ])
  })

  it('keeps Secure for __Secure- and __Host- names and SameSite=None', () => {
    expect(lines(new HttpResponse().deleteCookie('__Host-a'))[0]).to.include('; Secure')
    expect(lines(new HttpResponse().deleteCookie('b', { sameSite: 'None' }))[0]).to.include('; Secure; SameSite=None')
    expect(lines(new HttpResponse().deleteCookie('c'))[0]).not.to.include('Secure')
  })
})

describe('cookies on 304 responses', () => {
  it('copies every Set-Cookie line onto the 304 made from a response', () => {
    const response = new HttpResponse('body').setCookie('a', '1').setCookie('b', '2')
    expect(lines(notModifiedFrom(response))).to.deep.equal(['a=1; Path=/', 'b=2; Path=/'])
  })

  describe('over HTTP', () => {
    class CookieView extends BaseView {
      get(): HttpResponse {
        return new HttpResponse('hi').setCookie('a', '1').setCookie('b', '2', { httpOnly: true })
      }
    }
    class NotModifiedView extends BaseView {
      get(): HttpResponse {
        return new HttpResponseNotModified().setCookie('seen', 'yes')
      }
    }
    let app: FastifyInstance

    before(async () => {
      app = await bootstrap({
        views: [],
        urlpatterns: [path('c/', CookieView.asView()), path('nm/', NotModifiedView.asView())],
      })
    })
    after(() => app.close())

    it('sends several Set-Cookie headers on one response', async () => {
      const res = await app.inject({ url: '/c/', headers: { cookie: 'x=1' } })
      expect(res.headers['set-cookie']).to.deep.equal(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
      expect(res.body).to.equal('hi')
    })

    it('sends the cookies of a 304', async () => {
      const res = await app.inject({ url: '/nm/' })
      expect(res.statusCode).to.equal(304)
      expect(res.headers['set-cookie']).to.deep.equal(['seen=yes; Path=/'])
    })
  })
})
