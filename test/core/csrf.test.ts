import { getToken, ImproperlyConfigured } from '@manouche/core'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { createTestClient, type TestClient } from 'manouche/testing'
import { CSRF_TEMPLATES, csrfPatterns, FormPage, tokenIn } from './csrf-fixtures.js'

const templates = { dirs: [CSRF_TEMPLATES] }
const SECRET = /^csrftoken=([A-Za-z0-9]{32}); Max-Age=31449600; Path=\/; SameSite=Lax; Expires=/

function client(options: Parameters<typeof createTestClient>[0] = {}): Promise<TestClient> {
  return createTestClient({ views: [], urlpatterns: csrfPatterns, templates, enforceCsrfChecks: true, ...options })
}

/** A 64-character token masking another secret than the client's: well formed, but forged. */
const FORGED = 'a'.repeat(32) + 'b'.repeat(32)

describe('CSRF', () => {
  describe('the token in templates', () => {
    let c: TestClient
    beforeEach(async () => {
      c = await client()
    })
    afterEach(() => c.close())

    it('renders it.csrfInput as a hidden input and sets the csrftoken cookie', async () => {
      const res = await c.get('/form/')
      expect(tokenIn(res.body)).to.have.length(64)
      const cookie = res.headers.get('set-cookie') as string[]
      expect(cookie).to.have.length(1)
      expect(cookie[0]).to.match(SECRET)
      expect(res.headers.get('vary')).to.equal('Cookie')
      expect(c.cookies.get('csrftoken')).to.match(/^[A-Za-z0-9]{32}$/)
    })

    it('gives one token per rendering, the same wherever the template shows it', async () => {
      const [first, second] = (await c.get('/token/')).body.trim().split('|')
      expect(first).to.match(/^[A-Za-z0-9]{64}$/)
      expect(second).to.equal(first)
      expect((await c.get('/token/')).body.trim().split('|')[0]).not.to.equal(first)
    })

    it('exposes the token in the captured context', async () => {
      const res = await c.get('/form/')
      expect(res.context?.csrfToken).to.equal(tokenIn(res.body))
    })

    it('keeps the secret of an existing cookie, masked anew on each page', async () => {
      await c.get('/form/')
      const secret = c.cookies.get('csrftoken')
      const res = await c.get('/form/')
      expect((res.headers.get('set-cookie') as string[])[0]).to.include(`csrftoken=${secret};`)
    })

    it('sets no cookie and no Vary on a page that shows no token', async () => {
      const res = await c.get('/plain/')
      expect(res.body).to.include('No form here, Ann.')
      expect(res.headers.has('set-cookie')).to.equal(false)
      expect(res.headers.has('vary')).to.equal(false)
    })

    it('works in a template with a layout and in an included partial', async () => {
      for (const url of ['/in-layout/', '/with-partial/']) {
        const res = await c.get(url)
        expect(tokenIn(res.body)).to.have.length(64)
        expect(res.headers.get('set-cookie')).to.have.length(1)
      }
    })
  })

  describe('the check (enforceCsrfChecks: true)', () => {
    let c: TestClient
    beforeEach(async () => {
      c = await client()
    })
    afterEach(() => c.close())

    async function expectRefused(res: { status: number; body: string }, reason: string): Promise<void> {
      expect(res.status).to.equal(403)
      expect(res.body).to.include('<h1>Forbidden (403)</h1>')
      expect(res.body).to.include('<p>CSRF verification failed. Request aborted.</p>')
      expect(res.body).to.include(`<pre>${reason.replace(/'/g, '&#39;')}</pre>`)
    }

    it('accepts the token of the form with the cookie', async () => {
      const token = tokenIn((await c.get('/form/')).body)
      const res = await c.post('/form/', { form: { csrfmiddlewaretoken: token, title: 'Dune' } })
      expect(res.status).to.equal(200)
      expect(res.body).to.equal('posted POST')
    })

    it('refuses a POST without the cookie, explaining why the cookie is needed', async () => {
      const res = await c.post('/form/', { form: { csrfmiddlewaretoken: FORGED } })
      await expectRefused(res, 'CSRF cookie not set.')
      expect(res.body).to.include('this site requires a CSRF cookie when submitting forms')
      expect(res.body).to.include('More information is available with debug on.')
      expect(res.body).not.to.include('Help')
    })

    it('refuses a POST with the cookie but no token', async () => {
      await c.get('/form/')
      await expectRefused(await c.post('/form/', { form: { title: 'Dune' } }), 'CSRF token missing.')
    })

    it('refuses a forged token (another secret, well formed)', async () => {
      await c.get('/form/')
      const res = await c.post('/form/', { form: { csrfmiddlewaretoken: FORGED } })
      await expectRefused(res, 'CSRF token from POST incorrect.')
    })

    it('refuses a token of the wrong length or with other characters', async () => {
      await c.get('/form/')
      await expectRefused(
        await c.post('/form/', { form: { csrfmiddlewaretoken: 'short' } }),
        'CSRF token from POST has incorrect length.',
      )
      await expectRefused(
        await c.post('/form/', { form: { csrfmiddlewaretoken: `${'a'.repeat(63)}!` } }),
        'CSRF token from POST has invalid characters.',
      )
    })

    it('refuses a malformed cookie, whatever the token', async () => {
      const token = tokenIn((await c.get('/form/')).body)
      c.cookies.set('csrftoken', 'not-a-secret')
      const res = await c.post('/form/', { form: { csrfmiddlewaretoken: token } })
      await expectRefused(res, 'CSRF cookie has incorrect length.')
    })

    it('refuses a token made stale by rotation (a login)', async () => {
      const stale = tokenIn((await c.get('/login/')).body)
      expect((await c.post('/login/', { form: { csrfmiddlewaretoken: stale } })).body).to.equal('logged in')
      const res = await c.post('/form/', { form: { csrfmiddlewaretoken: stale } })
      await expectRefused(res, 'CSRF token from POST incorrect.')
      const fresh = tokenIn((await c.get('/form/')).body)
      expect((await c.post('/form/', { form: { csrfmiddlewaretoken: fresh } })).status).to.equal(200)
    })

    it('accepts the X-CSRFToken header, masked or the bare secret, for PUT, PATCH and DELETE', async () => {
      const token = tokenIn((await c.get('/form/')).body)
      const secret = c.cookies.get('csrftoken') as string
      expect((await c.put('/form/', { headers: { 'X-CSRFToken': token } })).body).to.equal('posted PUT')
      expect((await c.patch('/form/', { headers: { 'x-csrftoken': secret } })).body).to.equal('posted PATCH')
      expect((await c.delete('/form/', { headers: { 'X-CSRFToken': token } })).body).to.equal('posted DELETE')
      expect((await c.post('/form/', { json: { a: 1 }, headers: { 'X-CSRFToken': token } })).status).to.equal(200)
    })

    it("names the header when the header's token is wrong", async () => {
      await c.get('/form/')
      const res = await c.put('/form/', { headers: { 'X-CSRFToken': FORGED } })
      await expectRefused(res, "CSRF token from the 'X-Csrftoken' HTTP header incorrect.")
    })

    it('checks PUT, PATCH and DELETE too, and never GET, HEAD or OPTIONS', async () => {
      for (const method of ['put', 'patch', 'delete'] as const) {
        expect((await c[method]('/form/')).status, method).to.equal(403)
      }
      expect((await c.head('/form/')).status).to.equal(200)
      expect((await c.options('/form/')).status).to.equal(200)
    })

    it('lets a view marked @CsrfExempt() through, its subclasses and exempt functions too', async () => {
      expect((await c.post('/hook/', { form: { event: 'x' } })).status).to.equal(200)
      expect((await c.post('/hook2/')).status).to.equal(200)
      expect((await c.post('/fn-hook/')).body).to.equal('function view')
    })

    it('answers JSON to a client that asks for JSON', async () => {
      const res = await c.post('/form/', { headers: { accept: 'application/json' } })
      expect(res.status).to.equal(403)
      expect(res.json()).to.deep.equal({
        status: 403,
        code: 'MNC_ERR_CSRF_FAILED',
        message: 'CSRF verification failed. Request aborted.',
        reason: 'CSRF cookie not set.',
      })
    })
  })

  describe('Origin and Referer', () => {
    let c: TestClient
    const https = { 'x-forwarded-proto': 'https' }
    let token: string
    beforeEach(async () => {
      c = await client({ trustProxy: true, csrfTrustedOrigins: ['https://*.example.com', 'https://partner.test'] })
      token = tokenIn((await c.get('/form/')).body)
    })
    afterEach(() => c.close())

    const post = (headers: Record<string, string>) =>
      c.post('/form/', { form: { csrfmiddlewaretoken: token }, headers })

    it("refuses an Origin that is not the site's or a trusted one", async () => {
      const res = await post({ ...https, origin: 'https://evil.example' })
      expect(res.status).to.equal(403)
      expect(res.body).to.include(
        '<pre>Origin checking failed - https://evil.example does not match any trusted origins.</pre>',
      )
      expect((await post({ origin: 'http://testserver.evil' })).status).to.equal(403)
      expect((await post({ ...https, origin: 'http://testserver' })).status).to.equal(403)
    })

    it("accepts the site's own origin and the trusted ones, subdomains by wildcard", async () => {
      expect((await post({ ...https, origin: 'https://testserver' })).status).to.equal(200)
      expect((await post({ origin: 'http://testserver' })).status).to.equal(200)
      expect((await post({ ...https, origin: 'https://app.example.com' })).status).to.equal(200)
      expect((await post({ ...https, origin: 'https://partner.test' })).status).to.equal(200)
      expect((await post({ ...https, origin: 'http://app.example.com' })).status).to.equal(403)
    })

    it('on HTTPS without Origin, wants a secure Referer of this site or a trusted one', async () => {
      const noReferer = await post(https)
      expect(noReferer.body).to.include('<pre>Referer checking failed - no Referer.</pre>')
      expect(noReferer.body).to.include('this HTTPS site requires a “Referer header”')
      expect((await post({ ...https, referer: 'http://testserver/form/' })).body).to.include(
        'Referer checking failed - Referer is insecure while host is secure.',
      )
      expect((await post({ ...https, referer: 'not a url' })).body).to.include(
        'Referer checking failed - Referer is malformed.',
      )
      expect((await post({ ...https, referer: 'https://evil.example/x' })).body).to.include(
        'Referer checking failed - https://evil.example/x does not match any trusted origins.',
      )
      expect((await post({ ...https, referer: 'https://testserver/form/' })).status).to.equal(200)
      expect((await post({ ...https, referer: 'https://shop.example.com/' })).status).to.equal(200)
    })

    it('checks no Referer on plain HTTP', async () => {
      expect((await post({})).status).to.equal(200)
    })
  })

  describe('switches', () => {
    it('lets the default test client through, as Django’s does', async () => {
      const c = await createTestClient({ views: [], urlpatterns: csrfPatterns, templates })
      expect((await c.post('/form/', { form: { a: '1' } })).status).to.equal(200)
      await c.close()
    })

    it('checks nothing with bootstrap({ csrf: false })', async () => {
      const app = await bootstrap({ views: [], urlpatterns: csrfPatterns, templates, csrf: false })
      const res = await app.inject({ method: 'POST', url: '/form/', headers: { host: 'localhost' } })
      expect(res.statusCode).to.equal(200)
      await app.close()
    })

    it('checks raw requests by default', async () => {
      const app = await bootstrap({ views: [], urlpatterns: csrfPatterns, templates })
      const res = await app.inject({ method: 'POST', url: '/form/', headers: { host: 'localhost' } })
      expect(res.statusCode).to.equal(403)
      await app.close()
    })

    it('adds Django’s advice with debug', async () => {
      const c = await client({ debug: true })
      const res = await c.post('/form/')
      expect(res.body).to.include('<h2>Help</h2>')
      expect(res.body).to.include('<code>&lt;%~ it.csrfInput %&gt;</code>')
      expect(res.body).to.include('<pre>CSRF cookie not set.</pre>')
      await c.close()
    })

    it('refuses, at bootstrap(), a trusted origin without its scheme', async () => {
      const failing = bootstrap({ views: [], csrfTrustedOrigins: ['example.com'] })
      const error = await failing.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as ImproperlyConfigured).message).to.equal(
        "bootstrap(): csrfTrustedOrigins must start with a scheme (usually http:// or https://) but found 'example.com'.",
      )
      expect((error as ImproperlyConfigured).code).to.equal('MNC_ERR_CSRF_TRUSTED_ORIGIN')
    })
  })

  describe('RequestFactory requests', () => {
    it('reach the view unchecked, as Django’s do', async () => {
      const view = FormPage.asView({ templateName: 'form.html' })
      const response = await view(new RequestFactory().post('/form/', { form: { a: '1' } }))
      expect(response.text).to.equal('posted POST')
    })

    it('get tokens from getToken(): masked anew each time, over one secret', () => {
      const request = new RequestFactory().get('/form/')
      const [a, b] = [getToken(request), getToken(request)]
      expect(a).to.match(/^[A-Za-z0-9]{64}$/)
      expect(b).not.to.equal(a)
    })
  })

  describe('through a real socket', () => {
    it('refuses a form posted without its token and accepts it with, URL-encoded or multipart', async () => {
      const app = await bootstrap({ views: [], urlpatterns: csrfPatterns, templates })
      const address = await app.listen({ port: 0, host: '127.0.0.1' })
      try {
        const page = await fetch(`${address}/form/`)
        const cookie = (page.headers.get('set-cookie') as string).split(';')[0] as string
        const token = tokenIn(await page.text())
        const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: address }
        const refused = await fetch(`${address}/form/`, { method: 'POST', headers, body: 'title=Dune' })
        expect(refused.status).to.equal(403)
        expect(await refused.text()).to.include('CSRF token missing.')
        const body = `title=Dune&csrfmiddlewaretoken=${token}`
        const accepted = await fetch(`${address}/form/`, { method: 'POST', headers, body })
        expect(accepted.status).to.equal(200)
        expect(await accepted.text()).to.equal('posted POST')
        const foreign = await fetch(`${address}/form/`, {
          method: 'POST',
          headers: { ...headers, origin: 'https://evil.example' },
          body,
        })
        expect(await foreign.text()).to.include('Origin checking failed - https://evil.example')
        const multipart = new FormData()
        multipart.append('title', 'Dune')
        multipart.append('csrfmiddlewaretoken', token)
        const posted = await fetch(`${address}/form/`, { method: 'POST', headers: { cookie }, body: multipart })
        expect(await posted.text()).to.equal('posted POST')
        const noToken = new FormData()
        noToken.append('title', 'Dune')
        const refusedMultipart = await fetch(`${address}/form/`, { method: 'POST', headers: { cookie }, body: noToken })
        expect(await refusedMultipart.text()).to.include('CSRF token missing.')
      } finally {
        await app.close()
      }
    })
  })
})
