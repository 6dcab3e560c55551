import {
  AccessMixin,
  LoginRequiredMixin,
  PermissionRequiredMixin,
  User,
  type UserLike,
  UserLoader,
  UserPassesTestMixin,
} from '@manouche/auth'
import {
  BaseView,
  type HttpRequest,
  type HttpResponse,
  ImproperlyConfigured,
  PermissionDenied,
  path,
} from '@manouche/core'
import { RequestFactory, type TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { createTestClient } from 'manouche/testing'
import { fixedLoader, makeUser, secret, WithTestUser } from './fixtures.js'

const factory = new RequestFactory()
const ada = makeUser({ permissions: ['books.add_book', 'books.change_book'] })
const root = makeUser({ id: 2, username: 'root', isSuperuser: true })

class Secret extends LoginRequiredMixin(BaseView) {
  get() {
    return secret()
  }
}

class Editor extends PermissionRequiredMixin(BaseView) {
  override permissionRequired: string | readonly string[] | undefined = 'books.change_book'
  get() {
    return secret()
  }
}

class AdaOnly extends UserPassesTestMixin(BaseView) {
  override testFunc(): boolean | Promise<boolean> {
    return (this.request.user as User | undefined)?.username === 'ada'
  }
  get() {
    return secret()
  }
}

function as(user: UserLike | undefined, method = 'get', url = '/secret/?page=2'): HttpRequest {
  const request = factory.generic(method, url)
  if (user) request.user = user
  return request
}

/** The response of the view, or the error it threw. */
async function answer(view: (request: HttpRequest) => unknown, request: HttpRequest): Promise<HttpResponse | Error> {
  try {
    return (await view(request)) as HttpResponse
  } catch (error) {
    return error as Error
  }
}

describe('LoginRequiredMixin', () => {
  it('redirects an anonymous visitor to the login page with next = the full path', async () => {
    const res = (await answer(Secret.asView(), as(undefined))) as HttpResponse
    expect(res.status).to.equal(302)
    expect(res.headers.get('location')).to.equal('/accounts/login/?next=/secret/%3Fpage%3D2')
  })

  it('lets a logged-in user in', async () => {
    const res = (await answer(Secret.asView(), as(ada))) as HttpResponse
    expect([res.status, String(res.content)]).to.deep.equal([200, 'the secret'])
  })

  it('checks before the 405 of a method the view does not answer', async () => {
    expect(((await answer(Secret.asView(), as(undefined, 'POST'))) as HttpResponse).status).to.equal(302)
    expect(((await answer(Secret.asView(), as(ada, 'POST'))) as HttpResponse).status).to.equal(405)
  })

  it('raises PermissionDenied with permissionDeniedMessage when raiseException is set', async () => {
    const error = await answer(
      Secret.asView({ raiseException: true, permissionDeniedMessage: 'Members only.' }),
      as(undefined),
    )
    expect(error).to.be.instanceOf(PermissionDenied)
    expect((error as PermissionDenied).message).to.equal('Members only.')
  })

  it('keeps the login URL query, and names the field redirectFieldName (none when null)', async () => {
    const location = async (init: object) =>
      ((await answer(Secret.asView(init), as(undefined, 'GET', "/a b/?x=1&y='!"))) as HttpResponse).headers.get(
        'location',
      )
    expect(await location({ loginUrl: '/login/?lang=fr&next=/old/#top' })).to.equal(
      '/login/?lang=fr&next=/a%20b/%3Fx%3D1%26y%3D%27%21#top',
    )
    expect(await location({ redirectFieldName: 'back' })).to.equal('/accounts/login/?back=/a%20b/%3Fx%3D1%26y%3D%27%21')
    expect(await location({ redirectFieldName: null })).to.equal('/accounts/login/')
  })

  it('gives the absolute URL as next when the login page is on another site', async () => {
    const res = (await answer(Secret.asView({ loginUrl: 'https://sso.example/login/' }), as(undefined))) as HttpResponse
    expect(res.headers.get('location')).to.equal(
      'https://sso.example/login/?next=http%3A//testserver/secret/%3Fpage%3D2',
    )
  })

  it('names the class and attribute when the login URL is empty', async () => {
    const error = await answer(Secret.asView({ loginUrl: '' }), as(undefined))
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as Error).message).to.equal(
      'Secret is missing the loginUrl attribute. Define Secret.loginUrl, or override Secret.getLoginUrl().',
    )
  })
})

describe('PermissionRequiredMixin', () => {
  it('lets in a user with every permission required, one string or a list', async () => {
    expect(((await answer(Editor.asView(), as(ada))) as HttpResponse).status).to.equal(200)
    const both = Editor.asView({ permissionRequired: ['books.add_book', 'books.change_book'] })
    expect(((await answer(both, as(ada))) as HttpResponse).status).to.equal(200)
  })

  it('refuses a logged-in user missing one with 403, not a redirect loop', async () => {
    const view = Editor.asView({ permissionRequired: ['books.add_book', 'books.delete_book'] })
    expect(await answer(view, as(ada))).to.be.instanceOf(PermissionDenied)
    expect(
      await answer(view, as(makeUser({ isActive: false, permissions: ['books.add_book', 'books.delete_book'] }))),
    ).to.be.instanceOf(PermissionDenied)
  })

  it('lets an active superuser in, and sends an anonymous visitor to log in', async () => {
    const view = Editor.asView({ permissionRequired: 'x.anything' })
    expect(((await answer(view, as(root))) as HttpResponse).status).to.equal(200)
    const res = (await answer(view, as(undefined, 'GET', '/edit/'))) as HttpResponse
    expect([res.status, res.headers.get('location')]).to.deep.equal([302, '/accounts/login/?next=/edit/'])
  })

  it('awaits an async hasPermission() and a user whose hasPerms() is async', async () => {
    class Async extends Editor {
      override async hasPermission() {
        return (await super.hasPermission()) && this.request.query.get('ok') === '1'
      }
    }
    expect(((await answer(Async.asView(), as(ada, 'GET', '/?ok=1'))) as HttpResponse).status).to.equal(200)
    expect(await answer(Async.asView(), as(ada, 'GET', '/?ok=0'))).to.be.instanceOf(PermissionDenied)
    const remote: UserLike = {
      isAuthenticated: true,
      isActive: true,
      hasPerms: async (perms) => perms.includes('books.change_book'),
    }
    expect(((await answer(Editor.asView(), as(remote))) as HttpResponse).status).to.equal(200)
  })

  it("names the class when permissionRequired is missing, in Django's words", async () => {
    class Bare extends PermissionRequiredMixin(BaseView) {
      get() {
        return secret()
      }
    }
    const error = await answer(Bare.asView(), as(ada))
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as Error).message).to.equal(
      'Bare is missing the permissionRequired attribute. Define Bare.permissionRequired, or override Bare.getPermissionRequired().',
    )
  })
})

describe('UserPassesTestMixin', () => {
  it('lets in the requests testFunc() passes; refuses the rest as AccessMixin does', async () => {
    expect(((await answer(AdaOnly.asView(), as(ada))) as HttpResponse).status).to.equal(200)
    expect(await answer(AdaOnly.asView(), as(root))).to.be.instanceOf(PermissionDenied)
    expect(((await answer(AdaOnly.asView(), as(undefined))) as HttpResponse).status).to.equal(302)
  })

  it('awaits an async testFunc(), and runs the one getTestFunc() gives', async () => {
    class Later extends AdaOnly {
      override async testFunc() {
        return super.testFunc()
      }
    }
    class Other extends AdaOnly {
      override getTestFunc() {
        return () => true
      }
    }
    expect(((await answer(Later.asView(), as(ada))) as HttpResponse).status).to.equal(200)
    expect(await answer(Later.asView(), as(root))).to.be.instanceOf(PermissionDenied)
    expect(((await answer(Other.asView(), as(root))) as HttpResponse).status).to.equal(200)
  })

  it('names the class when testFunc() is not implemented', async () => {
    class Bare extends UserPassesTestMixin(BaseView) {}
    const error = await answer(Bare.asView(), as(ada))
    expect((error as Error).message).to.equal('Bare is missing the implementation of the testFunc() method.')
  })
})

describe('stacked access mixins', () => {
  const order: string[] = []
  class Both extends UserPassesTestMixin(PermissionRequiredMixin(LoginRequiredMixin(BaseView))) {
    override permissionRequired = 'books.add_book'
    override testFunc() {
      order.push('test')
      return true
    }
    override hasPermission() {
      order.push('permission')
      return super.hasPermission()
    }
    get() {
      return secret()
    }
  }

  it('share one AccessMixin and check outer mixin first', async () => {
    const chain: string[] = []
    for (let p = Object.getPrototypeOf(Both); p !== BaseView; p = Object.getPrototypeOf(p)) chain.push(p.name)
    expect(chain.filter((name) => name === 'AccessMixinImpl')).to.have.length(1)
    expect(AccessMixin(Both)).to.equal(Both)
    order.length = 0
    expect(((await answer(Both.asView(), as(ada))) as HttpResponse).status).to.equal(200)
    expect(order).to.deep.equal(['test', 'permission'])
  })
})

describe('access mixins over HTTP', () => {
  class HttpSecret extends WithTestUser(LoginRequiredMixin(BaseView)) {
    override loginUrl = 'login'
    get() {
      return secret()
    }
  }

  class HttpDelete extends WithTestUser(LoginRequiredMixin(PermissionRequiredMixin(BaseView))) {
    override permissionRequired = 'books.delete_book'
    override permissionDeniedMessage = 'You may not delete books.'
    post() {
      return secret()
    }
  }

  let client: TestClient
  before(async () => {
    client = await createTestClient({
      views: [],
      urlpatterns: [
        path('secret/', HttpSecret.asView()),
        path('delete/', HttpDelete.asView()),
        path('accounts/sign-in/', HttpSecret.asView(), { name: 'login' }),
      ],
      overrides: [[UserLoader, { useValue: fixedLoader([ada, root]) }]],
    })
  })
  after(() => client.close())

  it('redirects an anonymous visitor to the login route, named by loginUrl', async () => {
    const res = await client.get('/secret/?page=2')
    expect(res.status).to.equal(302)
    expect(res.headers.get('location')).to.equal('/accounts/sign-in/?next=/secret/%3Fpage%3D2')
  })

  it('serves a logged-in user', async () => {
    const res = await client.get('/secret/', { headers: { 'x-test-user': 'ada' } })
    expect([res.status, res.body]).to.deep.equal([200, 'the secret'])
  })

  it('answers 403 with the message to a user without the permission, 405 comes after', async () => {
    const refused = await client.post('/delete/', { headers: { 'x-test-user': 'ada' } })
    expect(refused.status).to.equal(403)
    expect(refused.body).to.include('You may not delete books.')
    expect((await client.get('/delete/', { headers: { 'x-test-user': 'ada' } })).status).to.equal(403)
    expect((await client.get('/delete/', { headers: { 'x-test-user': 'root' } })).status).to.equal(405)
    expect((await client.post('/delete/', { headers: { 'x-test-user': 'root' } })).status).to.equal(200)
  })

  it('sends an anonymous visitor to log in before answering 405', async () => {
    const res = await client.get('/delete/')
    expect([res.status, res.headers.get('location')]).to.deep.equal([302, '/accounts/login/?next=/delete/'])
  })
})
