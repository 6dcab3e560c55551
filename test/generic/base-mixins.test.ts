// The mixin example of docs/mixins.md, compiled and run: a user's LoginRequiredMixin applied to
// TemplateView keeps every attribute typed, asView() included.
import {
  BaseView,
  type HttpRequest,
  type HttpResponse,
  HttpResponseRedirect,
  type Kwargs,
  path,
  type ViewResult,
} from '@manouche/core'
import { type Constructor, type Context, type ContextMixin, TemplateResponse, TemplateView } from '@manouche/generic'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { BASE_DIRS, makeRequest } from './base-helpers.js'

/** What LoginRequiredMixin adds to a view. */
interface LoginRequiredMixin {
  loginUrl: string
  redirectFieldName: string
  handleNoPermission(request: HttpRequest): HttpResponse
}

/** Send anonymous visitors to `loginUrl?next=<path>`. Django: LoginRequiredMixin */
function LoginRequiredMixin<TBase extends Constructor<BaseView>>(Base: TBase): TBase & Constructor<LoginRequiredMixin> {
  abstract class LoginRequiredMixinImpl extends Base implements LoginRequiredMixin {
    loginUrl = '/accounts/login/'
    redirectFieldName = 'next'

    override dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
      if (request.header('x-user') === undefined) return this.handleNoPermission(request)
      return super.dispatch(request, kwargs)
    }

    handleNoPermission(request: HttpRequest): HttpResponse {
      const next = encodeURIComponent(request.fullPath)
      return new HttpResponseRedirect(`${this.loginUrl}?${this.redirectFieldName}=${next}`)
    }
  }
  return LoginRequiredMixinImpl
}

/** A mixin that needs ContextMixin below it: it says so in its constraint and never applies it. */
function UserContextMixin<TBase extends Constructor<BaseView & ContextMixin>>(Base: TBase): TBase {
  abstract class UserContextMixinImpl extends Base {
    override async getContextData(kwargs?: Context): Promise<Context> {
      const context = await super.getContextData(kwargs)
      return { ...context, user: this.request.header('x-user') }
    }
  }
  return UserContextMixinImpl
}

class SecretView extends LoginRequiredMixin(UserContextMixin(TemplateView)) {
  override templateName = 'generic_views/about.html'
  override loginUrl = '/login/'
}

// Type checks: these lines compile only while the composed class keeps its typing.
const typed = SecretView.asView({ loginUrl: '/in/', extraContext: { title: 'Secret' }, contentType: 'text/plain' })
const asTemplateView: TemplateView = new SecretView()
const loginUrl: string = new SecretView().loginUrl
// @ts-expect-error: UserContextMixin needs ContextMixin below it
UserContextMixin(BaseView)

describe('A user mixin on TemplateView', () => {
  it('keeps asView() typed and checked', () => {
    expect(typed.viewClass).to.equal(SecretView)
    expect(asTemplateView).to.be.instanceOf(TemplateView)
    expect(loginUrl).to.equal('/login/')
    // @ts-expect-error: not an attribute of SecretView
    expect(() => SecretView.asView({ loginUrll: '/x/' })).to.throw(
      TypeError,
      "SecretView() received an invalid keyword 'loginUrll'. asView only accepts arguments that are already attributes of the class.",
    )
  })

  it('redirects an anonymous visitor to the login URL given to asView()', async () => {
    const response = await typed(makeRequest('GET', '/secret/?a=1'))
    expect(response.status).to.equal(302)
    expect(response.headers.get('location')).to.equal('/in/?next=%2Fsecret%2F%3Fa%3D1')
  })

  it('renders for a signed-in visitor, with every layer’s context', async () => {
    const response = (await typed(makeRequest('GET', '/secret/', { headers: { 'x-user': 'ann' } }), {
      foo: 'bar',
    })) as TemplateResponse
    expect(response).to.be.instanceOf(TemplateResponse)
    expect(response.contextData).to.include({ foo: 'bar', user: 'ann', title: 'Secret' })
    expect(response.headers.get('content-type')).to.equal('text/plain')
  })

  it('works over HTTP', async () => {
    const app = await bootstrap({
      views: [],
      urlpatterns: [path('secret/', SecretView.asView())],
      templates: { dirs: BASE_DIRS },
    })
    const anonymous = await app.inject({ url: '/secret/' })
    const signedIn = await app.inject({ url: '/secret/', headers: { 'x-user': 'ann' } })
    await app.close()
    expect(anonymous.headers.location).to.equal('/login/?next=%2Fsecret%2F')
    expect(signedIn.statusCode).to.equal(200)
    expect(signedIn.body).to.contain('<h1>About</h1>')
  })
})
