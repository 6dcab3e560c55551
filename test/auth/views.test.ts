// LoginView and LogoutView, through the test client and directly.
import { fileURLToPath } from 'node:url'
import {
  LoginRequiredMixin,
  LoginView,
  LogoutView,
  makePassword,
  Session,
  SignedCookieSessionStore,
  User,
  UserLoader,
} from '@manouche/auth'
import { BaseView, type HttpRequest, HttpResponse, path } from '@manouche/core'
import type { TemplateResponse } from '@manouche/generic'
import { RequestFactory, type TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { createTestClient, type TestClientOptions } from 'manouche/testing'
import { container } from 'tsyringe'
import { fixedLoader, makeUser } from './fixtures.js'

const templates = { dirs: [fileURLToPath(new URL('../../fixtures/templates/auth', import.meta.url))] }
const secretKey = 'a test key, long enough and random enough for a test'
const INVALID = 'Please enter a correct username and password. Note that both fields may be case-sensitive.'

let ada: User
let gone: User

class Profile extends LoginRequiredMixin(BaseView) {
  get(request: HttpRequest) {
    return new HttpResponse(`profile of ${(request.user as User).username}`)
  }
}

const urlpatterns = [
  path('accounts/login/', LoginView.asView(), { name: 'login' }),
  path('accounts/again/', LoginView.asView({ redirectAuthenticatedUser: true, nextPage: '/books/' })),
  path('accounts/logout/', LogoutView.asView()),
  path('accounts/logout-next/', LogoutView.asView({ nextPage: 'login' })),
  path('accounts/profile/', Profile.asView()),
]

async function client(options: TestClientOptions = {}): Promise<TestClient> {
  return createTestClient({
    views: [],
    urlpatterns,
    templates,
    secretKey,
    overrides: [[UserLoader, { useValue: fixedLoader([ada, gone]) }]],
    ...options,
  })
}

/** The errors of the form a response's template was given. */
function formErrors(res: { context: Record<string, unknown> | undefined }): Record<string, string[]> {
  const form = res.context?.form as { errors: Record<string, string[]> } | undefined
  if (form === undefined) throw new Error('the response has no form in its context')
  return form.errors
}

before(async () => {
  const password = await makePassword('correct horse')
  ada = makeUser({ password })
  gone = makeUser({ id: 3, username: 'gone', password, isActive: false })
})

describe('LoginView', () => {
  let c: TestClient
  beforeEach(async () => {
    c = await client()
  })
  afterEach(() => c.close())

  it('shows the form, never cached, with the safe next in the context', async () => {
    const res = await c.get('/accounts/login/', { query: { next: '/books/?page=2' } })
    expect(res.status).to.equal(200)
    expect(res.headers.get('cache-control')).to.equal('max-age=0, no-cache, no-store, must-revalidate, private')
    expect(res.templateName).to.equal('registration/login.html')
    expect(res.context?.next).to.equal('/books/?page=2')
    expect(res.body).to.include('name="password"').and.include('type="password"')
    expect(res.body).to.include('value="/books/?page=2"')
  })

  it('logs the user in and goes to loginRedirectUrl by default', async () => {
    const res = await c.post('/accounts/login/', { form: { username: 'ada', password: 'correct horse' } })
    expect([res.status, res.headers.get('location')]).to.deep.equal([302, '/accounts/profile/'])
    expect(res.headers.get('cache-control')).to.include('no-store')
    expect((await c.get('/accounts/profile/')).body).to.equal('profile of ada')
  })

  it('goes to the next of the form, else of the query', async () => {
    const form = { username: 'ada', password: 'correct horse' }
    const posted = await c.post('/accounts/login/?next=/query/', { form: { ...form, next: '/books/1/' } })
    expect(posted.headers.get('location')).to.equal('/books/1/')
    const queried = await c.post('/accounts/login/?next=/query/', { form })
    expect(queried.headers.get('location')).to.equal('/query/')
  })

  for (const next of [
    '//evil.example',
    'https://evil.example/',
    '\\\\evil.example',
    '/\\evil.example',
    '///evil.example',
    'javascript:alert(1)',
    'ftp://testserver/file',
  ]) {
    it(`drops a next that leaves the site: ${next}`, async () => {
      const res = await c.post('/accounts/login/', { form: { username: 'ada', password: 'correct horse', next } })
      expect(res.headers.get('location')).to.equal('/accounts/profile/')
      const shown = await c.get('/accounts/login/', { query: { next } })
      expect(shown.context?.next).to.equal('')
    })
  }

  it('keeps a next on this very host, absolute', async () => {
    const next = 'http://testserver/books/'
    const res = await c.post('/accounts/login/', { form: { username: 'ada', password: 'correct horse', next } })
    expect(res.headers.get('location')).to.equal(next)
  })

  for (const [who, username, password] of [
    ['a wrong password', 'ada', 'wrong horse'],
    ['an unknown username', 'nobody', 'correct horse'],
    ['an inactive user', 'gone', 'correct horse'],
  ]) {
    it(`answers ${who} with the same whole-form error`, async () => {
      const res = await c.post('/accounts/login/', { form: { username, password } })
      expect(res.status).to.equal(200)
      expect(formErrors(res)).to.deep.equal({ __all__: [INVALID] })
      expect(res.headers.get('set-cookie') ?? '').not.to.include('sessionid=')
    })
  }

  it('answers a 1 MB username with a field error, not a 500', async () => {
    const username = 'a'.repeat(1_000_000)
    const res = await c.post('/accounts/login/', { form: { username, password: 'x' } })
    expect(res.status).to.equal(200)
    expect(formErrors(res).username).to.deep.equal(['Ensure this value has at most 150 characters (it has 1000000).'])
  })

  it('requires both fields', async () => {
    const res = await c.post('/accounts/login/', { form: {} })
    expect(formErrors(res)).to.deep.equal({
      username: ['This field is required.'],
      password: ['This field is required.'],
    })
  })

  it('sends a logged-in user on when redirectAuthenticatedUser is set', async () => {
    await c.forceLogin(ada)
    const res = await c.get('/accounts/again/')
    expect([res.status, res.headers.get('location')]).to.deep.equal([302, '/books/'])
    expect((await c.get('/accounts/login/')).status).to.equal(200)
  })

  it('refuses a login POST without a CSRF token', async () => {
    const strict = await client({ enforceCsrfChecks: true })
    try {
      const res = await strict.post('/accounts/login/', { form: { username: 'ada', password: 'correct horse' } })
      expect(res.status).to.equal(403)
      expect(res.headers.get('set-cookie') ?? '').not.to.include('sessionid=')
    } finally {
      await strict.close()
    }
  })

  it('goes to bootstrap({ loginRedirectUrl })', async () => {
    const other = await client({ loginRedirectUrl: '/welcome/' })
    try {
      const res = await other.post('/accounts/login/', { form: { username: 'ada', password: 'correct horse' } })
      expect(res.headers.get('location')).to.equal('/welcome/')
    } finally {
      await other.close()
    }
  })

  it('renders directly from a RequestFactory request', async () => {
    const request = new RequestFactory({ container }).get('/accounts/login/?next=/books/')
    request.session = new Session(new SignedCookieSessionStore({ secretKey }))
    const res = (await LoginView.asView({ templateName: 'registration/login.html' })(request)) as TemplateResponse
    expect(res.contextData.next).to.equal('/books/')
    expect(res.headers.get('cache-control')).to.include('no-store')
  })

  it('is a reason for bootstrap() to want a secretKey', async () => {
    const error = await bootstrap({ views: [], urlpatterns }).catch((e: unknown) => e)
    expect((error as Error).message).to.include("(LoginView is routed at 'accounts/login/')")
  })
})

describe('LogoutView', () => {
  let c: TestClient
  beforeEach(async () => {
    c = await client()
    await c.forceLogin(ada)
  })
  afterEach(() => c.close())

  it('refuses GET (405) and answers OPTIONS', async () => {
    const get = await c.get('/accounts/logout/')
    expect([get.status, get.headers.get('allow')]).to.deep.equal([405, 'POST, OPTIONS'])
    expect((await c.options('/accounts/logout/')).headers.get('allow')).to.equal('POST, OPTIONS')
    expect((await c.get('/accounts/profile/')).status).to.equal(200)
  })

  it('logs out on POST and renders logged_out.html when nothing says where to go', async () => {
    const res = await c.post('/accounts/logout/')
    expect([res.status, res.templateName]).to.deep.equal([200, 'registration/logged_out.html'])
    expect(res.body).to.include('<h1>Logged out</h1>')
    expect(res.headers.get('cache-control')).to.include('no-store')
    expect((await c.get('/accounts/profile/')).status).to.equal(302)
  })

  it('goes to a safe next, else nextPage', async () => {
    const safe = await c.post('/accounts/logout-next/', { form: { next: '/bye/' } })
    expect(safe.headers.get('location')).to.equal('/bye/')
    await c.forceLogin(ada)
    const unsafe = await c.post('/accounts/logout-next/', { form: { next: '//evil.example/' } })
    expect(unsafe.headers.get('location')).to.equal('/accounts/login/')
  })

  it('goes to bootstrap({ logoutRedirectUrl })', async () => {
    const other = await client({ logoutRedirectUrl: '/see-you/' })
    try {
      const res = await other.post('/accounts/logout/')
      expect(res.headers.get('location')).to.equal('/see-you/')
    } finally {
      await other.close()
    }
  })
})
