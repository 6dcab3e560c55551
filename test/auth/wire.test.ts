// Sessions, users and messages over HTTP: the auth plugin that manouche's bootstrap() adds.
import {
  DatabaseSessionStore,
  LoginRequiredMixin,
  login,
  logout,
  messages,
  SessionRecord,
  UserLoader,
} from '@manouche/auth'
import { BaseView, type HttpRequest, HttpResponse, ImproperlyConfigured, path } from '@manouche/core'
import { MemoryQuerySet } from '@manouche/data'
import type { TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { createTestClient } from 'manouche/testing'
import { fixedLoader, makeUser } from './fixtures.js'

const ada = makeUser()
const bob = makeUser({ id: 2, username: 'bob' })
const secretKey = 'a test key, long enough and random enough for a test'

class Remember extends BaseView {
  async post(request: HttpRequest) {
    await request.session?.set('colour', String((request.body as Record<string, string>).colour))
    return new HttpResponse('kept')
  }
}

class Recall extends BaseView {
  async get(request: HttpRequest) {
    return new HttpResponse(`colour: ${await request.session?.get('colour', 'none')}`)
  }
}

class Plain extends BaseView {
  get(request: HttpRequest) {
    return new HttpResponse(request.session === undefined ? 'no session' : 'a session')
  }
}

class Who extends LoginRequiredMixin(BaseView) {
  get(request: HttpRequest) {
    return new HttpResponse(`hello ${(request.user as { username?: string }).username}`)
  }
}

class LogIn extends BaseView {
  async post(request: HttpRequest) {
    const name = (request.body as Record<string, string>).username
    await login(request, name === 'bob' ? bob : ada)
    return new HttpResponse('in')
  }
}

class LogOut extends BaseView {
  async post(request: HttpRequest) {
    await logout(request)
    return new HttpResponse('out')
  }
}

const urlpatterns = [
  path('remember/', Remember.asView()),
  path('recall/', Recall.asView()),
  path('plain/', Plain.asView()),
  path('who/', Who.asView()),
  path('login/', LogIn.asView()),
  path('logout/', LogOut.asView()),
]

/** The `Set-Cookie` line of `name` in `lines`, if any. */
function cookieLine(lines: string | string[] | undefined, name: string): string | undefined {
  const all = lines === undefined ? [] : Array.isArray(lines) ? lines : [lines]
  return all.find((line) => line.startsWith(`${name}=`))
}

describe('sessions over HTTP', () => {
  let client: TestClient
  beforeEach(async () => {
    client = await createTestClient({
      views: [],
      urlpatterns,
      secretKey,
      overrides: [[UserLoader, { useValue: fixedLoader([ada, bob]) }]],
    })
  })
  afterEach(() => client.close())

  it('reads in one request the session written in the one before', async () => {
    const kept = await client.post('/remember/', { form: { colour: 'teal' } })
    const line = cookieLine(kept.headers.get('set-cookie') as string[], 'sessionid')
    expect(line)
      .to.match(/; HttpOnly/)
      .and.match(/; SameSite=Lax/)
      .and.match(/Max-Age=1209600/)
    expect(line).not.to.match(/Secure/)
    expect(kept.headers.get('vary')).to.equal('Cookie')
    expect((await client.get('/recall/')).body).to.equal('colour: teal')
  })

  it('sets no cookie and no Vary on a response whose view did not touch the session', async () => {
    const res = await client.get('/plain/')
    expect([res.status, res.body]).to.deep.equal([200, 'a session'])
    expect(res.headers.get('set-cookie')).to.equal(undefined)
    expect(res.headers.get('vary')).to.equal(undefined)
  })

  it('reading the session varies on Cookie but sets no cookie', async () => {
    const res = await client.get('/recall/')
    expect(res.body).to.equal('colour: none')
    expect(res.headers.get('vary')).to.equal('Cookie')
    expect(res.headers.get('set-cookie')).to.equal(undefined)
  })

  for (const [what, value] of [
    ['a forged', 'eyJjb2xvdXIiOiJyZWQifQ.forged'],
    ['a malformed', '%%%;;'],
    ['a huge', 'x'.repeat(8000)],
  ]) {
    it(`answers ${what} cookie as an empty session, not a 500`, async () => {
      client.cookies.set('sessionid', value as string)
      const res = await client.get('/recall/')
      expect([res.status, res.body]).to.deep.equal([200, 'colour: none'])
      const who = await client.get('/who/')
      expect(who.status).to.equal(302)
    })
  }

  it('answers a tampered cookie as an empty session', async () => {
    await client.post('/remember/', { form: { colour: 'teal' } })
    const good = client.cookies.get('sessionid') as string
    const [data, signature] = good.split('.') as [string, string]
    const forged = Buffer.from(Buffer.from(data, 'base64url').toString().replace('teal', 'pink')).toString('base64url')
    client.cookies.set('sessionid', `${forged}.${signature}`)
    expect((await client.get('/recall/')).body).to.equal('colour: none')
  })

  it('logs a user in through forceLogin(), for a view that requires a login', async () => {
    expect((await client.get('/who/')).status).to.equal(302)
    await client.forceLogin(ada)
    const res = await client.get('/who/')
    expect([res.status, res.body]).to.deep.equal([200, 'hello ada'])
    await client.logout()
    expect((await client.get('/who/')).status).to.equal(302)
  })

  it('rotates the CSRF token on login', async () => {
    const res = await client.post('/login/', { form: { username: 'ada' } })
    expect(cookieLine(res.headers.get('set-cookie') as string[], 'csrftoken')).to.match(/^csrftoken=[a-zA-Z0-9]{32};/)
  })

  it('deletes the cookie on logout', async () => {
    await client.post('/login/', { form: { username: 'ada' } })
    const res = await client.post('/logout/')
    expect(cookieLine(res.headers.get('set-cookie') as string[], 'sessionid')).to.match(/^sessionid=; Max-Age=0;/)
    expect((await client.get('/who/')).status).to.equal(302)
  })
})

describe('session fixation', () => {
  it('never lets the key a client held before logging in carry the login', async () => {
    const store = memoryStore()
    const client = await createTestClient({
      views: [],
      urlpatterns,
      secretKey,
      sessionStore: store,
      overrides: [[UserLoader, { useValue: fixedLoader([ada, bob]) }]],
    })
    try {
      await client.post('/remember/', { form: { colour: 'teal' } })
      const before = client.cookies.get('sessionid') as string
      expect(await store.exists(before)).to.equal(true)
      await client.post('/login/', { form: { username: 'ada' } })
      const after = client.cookies.get('sessionid') as string
      expect(after).not.to.equal(before)
      expect(await store.exists(before)).to.equal(false)
      expect((await client.get('/who/')).body).to.equal('hello ada')
      expect((await client.get('/recall/')).body).to.equal('colour: teal')
      client.cookies.set('sessionid', before)
      expect((await client.get('/who/')).status).to.equal(302)
    } finally {
      await client.close()
    }
  })
})

describe('the auth plugin at bootstrap()', () => {
  it('refuses sessions without a secretKey outside debug, naming it', async () => {
    const store = memoryStore()
    const error = await bootstrap({ views: [], urlpatterns, sessionStore: store }).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as ImproperlyConfigured).code).to.equal('MNC_ERR_AUTH_NO_SECRET_KEY')
    expect((error as Error).message).to.equal(
      'bootstrap(): this application uses sessions (a sessionStore is configured) and has no secretKey to sign them. Give bootstrap({ secretKey }) a long random string kept out of the source (debug makes one up for the process).',
    )
  })

  it('makes a key up in debug', async () => {
    const app = await bootstrap({
      views: [],
      urlpatterns,
      debug: true,
      csrf: false,
      sessionStore: memoryStore(),
    })
    const res = await app.inject({
      method: 'POST',
      url: '/remember/',
      headers: { host: 'localhost' },
      payload: { colour: 'red' },
    })
    expect(res.statusCode).to.equal(200)
    expect(cookieLine(res.headers['set-cookie'], 'sessionid')).to.match(/^sessionid=[a-z0-9]{32};/)
    await app.close()
  })

  it('leaves an application without sessions as it is: no session on its requests', async () => {
    const app = await bootstrap({ views: [], urlpatterns })
    const res = await app.inject({ method: 'GET', url: '/plain/', headers: { host: 'localhost' } })
    expect([res.statusCode, res.body]).to.deep.equal([200, 'no session'])
    await app.close()
  })

  it('sends an anonymous visitor to bootstrap({ loginUrl })', async () => {
    const app = await bootstrap({ views: [], urlpatterns, secretKey, loginUrl: '/sign-in/' })
    const res = await app.inject({ method: 'GET', url: '/who/?page=2', headers: { host: 'localhost' } })
    expect([res.statusCode, res.headers.location]).to.deep.equal([302, '/sign-in/?next=/who/%3Fpage%3D2'])
    await app.close()
  })

  it('carries a session between two app.inject() calls, Secure over HTTPS', async () => {
    const app = await bootstrap({ views: [], urlpatterns, secretKey, trustProxy: true, csrf: false })
    const headers = { host: 'localhost', 'x-forwarded-proto': 'https' }
    const kept = await app.inject({ method: 'POST', url: '/remember/', headers, payload: { colour: 'ochre' } })
    const line = cookieLine(kept.headers['set-cookie'], 'sessionid') as string
    expect(line).to.match(/; Secure/)
    const cookie = line.split(';')[0] as string
    const res = await app.inject({ method: 'GET', url: '/recall/', headers: { ...headers, cookie } })
    expect(res.body).to.equal('colour: ochre')
    await app.close()
  })
})

/** A session store over an empty in-memory table. */
function memoryStore(): DatabaseSessionStore {
  return new DatabaseSessionStore(new MemoryQuerySet<SessionRecord>([], { model: SessionRecord }))
}
