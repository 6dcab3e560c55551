import {
  DatabaseSessionStore,
  getUser,
  LoginRequiredMixin,
  login,
  logout,
  SESSION_USER_KEY,
  Session,
  SessionRecord,
  type SessionStore,
  UserLoader,
} from '@manouche/auth'
import { BaseView, type HttpRequest, type HttpResponse, ImproperlyConfigured } from '@manouche/core'
import { MemoryQuerySet } from '@manouche/data'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { container } from 'tsyringe'
import { fixedLoader, makeUser, secret } from './fixtures.js'

const ada = makeUser()
const bob = makeUser({ id: 2, username: 'bob' })
const gone = makeUser({ id: 3, username: 'gone', isActive: false })

describe('login(), logout() and getUser()', () => {
  let store: SessionStore
  let factory: RequestFactory
  beforeEach(() => {
    store = new DatabaseSessionStore(new MemoryQuerySet<SessionRecord>([], { model: SessionRecord }))
    const app = container.createChildContainer()
    app.register(UserLoader, { useValue: fixedLoader([ada, bob, gone]) })
    factory = new RequestFactory({ container: app })
  })

  /** A request carrying the session stored under `key`. */
  function withSession(key?: string): HttpRequest {
    const request = factory.get('/')
    request.session = new Session(store, key)
    return request
  }

  async function savedSession(data: Record<string, unknown>): Promise<string> {
    const session = new Session(store)
    for (const [name, value] of Object.entries(data)) await session.set(name, value)
    return (await session.save()) as string
  }

  it('remembers the user under a new key; the key from before the login never carries it', async () => {
    const fixed = await savedSession({ cart: [1] })
    const request = withSession(fixed)
    await login(request, ada)
    const key = (await request.session?.save()) as string
    expect(key).to.not.equal(fixed)
    expect(request.user).to.equal(ada)
    expect(await store.load(fixed)).to.equal(null)
    expect(await store.load(key)).to.deep.equal({ cart: [1], [SESSION_USER_KEY]: 1 })
    expect(await getUser(withSession(key))).to.equal(ada)
  })

  it("empties another user's session before logging a new one in", async () => {
    const request = withSession(await savedSession({ [SESSION_USER_KEY]: 2, secret: 'bob' }))
    await login(request, ada)
    expect(await request.session?.keys()).to.deep.equal([SESSION_USER_KEY])
  })

  it('empties the session and makes the request anonymous on logout', async () => {
    const key = await savedSession({ [SESSION_USER_KEY]: 1, cart: [1] })
    const request = withSession(key)
    request.user = ada
    await logout(request)
    expect([request.user?.isAuthenticated, await request.session?.isEmpty()]).to.deep.equal([false, true])
    expect(await store.load(key)).to.equal(null)
    expect((await getUser(withSession(key))).isAuthenticated).to.equal(false)
  })

  it('finds nobody without a session, without a user id, or for an inactive or unknown user', async () => {
    const cases = [
      factory.get('/'),
      withSession(),
      withSession(await savedSession({ [SESSION_USER_KEY]: 3 })),
      withSession(await savedSession({ [SESSION_USER_KEY]: 99 })),
    ]
    for (const request of cases) expect((await getUser(request)).isAuthenticated).to.equal(false)
  })

  it('lets the user it found through LoginRequiredMixin', async () => {
    class Secret extends LoginRequiredMixin(BaseView) {
      get() {
        return secret()
      }
    }
    const request = withSession(await savedSession({ [SESSION_USER_KEY]: 2 }))
    request.user = await getUser(request)
    expect(((await Secret.asView()(request)) as HttpResponse).status).to.equal(200)
  })

  it('needs a session to log in or out', async () => {
    for (const [action, call] of [
      ['login', () => login(factory.get('/'), ada)],
      ['logout', () => logout(factory.get('/'))],
    ] as const) {
      const error = await call().catch((e: unknown) => e)
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect((error as Error).message).to.equal(
        `${action}() needs the request's session (request.session), and this request has none.`,
      )
    }
  })
})
