import {
  BaseView,
  type HttpRequest,
  HttpResponse,
  ImproperlyConfigured,
  type Kwargs,
  path,
  Template,
  TemplateDoesNotExist,
  UrlConf,
} from '@manouche/core'
import { type Context, TemplateResponse, TemplateView } from '@manouche/generic'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { bootstrap } from 'manouche'
import { BASE_DIRS, fixedEngine, makeRequest, recordingEngine } from './base-helpers.js'

const ABOUT_TEMPLATE = 'generic_views/about.html'
const NO_TEMPLATE =
  "TemplateResponseMixin requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'"

class AboutTemplateView extends TemplateView {
  override async get(): Promise<HttpResponse> {
    return this.renderToResponse({})
  }

  override getTemplateNames(): string[] {
    return ['generic_views/about.html']
  }
}

class AboutTemplateAttributeView extends TemplateView {
  override templateName = 'generic_views/about.html'

  override async get(): Promise<HttpResponse> {
    return this.renderToResponse({})
  }
}

class CustomTemplateView extends TemplateView {
  override templateName = 'generic_views/about.html'

  override async getContextData(kwargs?: Context): Promise<Context> {
    const context = await super.getContextData(kwargs)
    return { ...context, key: 'value' }
  }
}

@Template('generic_views/about.html')
class DecoratedAboutView extends TemplateView {}

const urlpatterns = [
  path('template/no_template/', TemplateView.asView()),
  path('template/simple/<foo>/', TemplateView.asView({ templateName: 'generic_views/about.html' })),
  path('template/custom/<foo>/', CustomTemplateView.asView()),
  path(
    'template/content_type/',
    TemplateView.asView({ templateName: 'generic_views/robots.txt', contentType: 'text/plain' }),
  ),
  path(
    'template/extra_context/',
    TemplateView.asView({ templateName: 'generic_views/about.html', extraContext: { title: 'Title' } }),
  ),
  path('template/decorated/', DecoratedAboutView.asView()),
  path('template/empty_name/', TemplateView.asView({ templateName: '' })),
]

async function rendered(response: HttpResponse | Promise<HttpResponse>): Promise<string> {
  const resolved = await response
  return (await resolved.render()).text
}

describe('TemplateView', () => {
  describe('called directly', () => {
    it('renders a template on GET', async () => {
      const content = await rendered(AboutTemplateView.asView()(makeRequest('GET', '/about/')))
      expect(content).to.contain('<h1>About</h1>')
    })

    it('answers HEAD with 200', async () => {
      const response = await AboutTemplateView.asView()(makeRequest('HEAD', '/about/'))
      expect(response.status).to.equal(200)
    })

    it('renders the templateName attribute of the class', async () => {
      const content = await rendered(AboutTemplateAttributeView.asView()(makeRequest('GET', '/about/')))
      expect(content).to.contain('<h1>About</h1>')
    })

    it('renders the templateName given to asView()', async () => {
      const view = TemplateView.asView({ templateName: 'generic_views/about.html' })
      expect(await rendered(view(makeRequest('GET', '/about/')))).to.contain('<h1>About</h1>')
    })

    it('renders the templateName set by @Template, which asView() may still override', async () => {
      const decorated = await DecoratedAboutView.asView()(makeRequest('GET', '/about/'))
      expect((decorated as TemplateResponse).templateName).to.deep.equal(['generic_views/about.html'])
      const overridden = DecoratedAboutView.asView({ templateName: 'generic_views/robots.txt' })
      expect(((await overridden(makeRequest('GET', '/'))) as TemplateResponse).templateName).to.deep.equal([
        'generic_views/robots.txt',
      ])
    })

    it('requires a template name, with Django’s message', () => {
      expect(() => TemplateView.asView()(makeRequest('GET', '/'))).to.throw(ImproperlyConfigured, NO_TEMPLATE)
    })

    it('answers synchronously when getContextData() is sync, and renders synchronously', () => {
      const response = TemplateView.asView({ templateName: ABOUT_TEMPLATE })(makeRequest('GET', '/'))
      expect(response).to.be.instanceOf(TemplateResponse)
      const rendered = (response as TemplateResponse).render()
      expect(rendered).to.equal(response)
      expect((response as TemplateResponse).text).to.contain('<h1>About</h1>')
    })

    it('answers with a promise when an overridden getContextData() is async', async () => {
      class LateView extends TemplateView {
        override templateName = ABOUT_TEMPLATE
        override async getContextData(kwargs?: Context): Promise<Context> {
          return { ...(await super.getContextData(kwargs)), foo: 'late' }
        }
      }
      const pending = LateView.asView()(makeRequest('GET', '/'))
      expect(pending).to.be.instanceOf(Promise)
      expect(((await pending) as TemplateResponse).contextData.foo).to.equal('late')
    })

    it('still refuses the user’s own handlers mixing sync and async', () => {
      class MixedTemplateView extends TemplateView {
        override async get(request: HttpRequest, kwargs: Kwargs) {
          return super.get(request, kwargs)
        }
        post() {
          return new HttpResponse('posted')
        }
      }
      expect(() => MixedTemplateView.asView()).to.throw(
        ImproperlyConfigured,
        'MixedTemplateView HTTP handlers must either be all sync or all async.',
      )
    })

    it('lets the user add an async handler beside the framework’s get()', async () => {
      class PostingView extends TemplateView {
        override templateName = ABOUT_TEMPLATE
        async post() {
          return new HttpResponse('posted')
        }
      }
      expect(PostingView.viewIsAsync).to.equal(true)
      const view = PostingView.asView()
      expect(((await view(makeRequest('POST', '/'))) as HttpResponse).text).to.equal('posted')
      expect(view(makeRequest('GET', '/'))).to.be.instanceOf(TemplateResponse)
    })

    it("lets '' through getTemplateNames(), to fail at lookup", async () => {
      const response = await TemplateView.asView({ templateName: '' })(makeRequest('GET', '/'))
      expect((response as TemplateResponse).templateName).to.deep.equal([''])
      let error: unknown
      try {
        await response.render()
      } catch (e) {
        error = e
      }
      expect(error).to.be.instanceOf(TemplateDoesNotExist)
    })

    it('renders with the templateEngine given, else the request’s engine', async () => {
      const request = makeRequest('GET', '/using/', { engine: fixedEngine('DTL\n') })
      const view = TemplateView.asView({ templateName: 'generic_views/using.html' })
      expect(await rendered(view(request))).to.equal('DTL\n')
      const other = TemplateView.asView({
        templateName: 'generic_views/using.html',
        templateEngine: fixedEngine('Eta\n'),
      })
      expect(await rendered(other(request))).to.equal('Eta\n')
    })

    it('passes the route kwargs and the view as context', async () => {
      const response = (await TemplateView.asView({ templateName: 'x.html' })(makeRequest('GET', '/'), {
        foo: 'bar',
      })) as TemplateResponse
      expect(response.contextData.foo).to.equal('bar')
      expect(response.contextData.view).to.be.instanceOf(TemplateView)
    })

    it('lets extraContext override the kwargs and the view', async () => {
      const view = TemplateView.asView({ templateName: 'x.html', extraContext: { foo: 'extra', view: 'mine' } })
      const response = (await view(makeRequest('GET', '/'), { foo: 'kwarg' })) as TemplateResponse
      expect(response.contextData).to.deep.equal({ foo: 'extra', view: 'mine' })
    })

    it('gives each request a new instance', async () => {
      const view = TemplateView.asView({ templateName: 'x.html' })
      const first = (await view(makeRequest('GET', '/'))) as TemplateResponse
      const second = (await view(makeRequest('GET', '/'))) as TemplateResponse
      expect(first.contextData.view).to.not.equal(second.contextData.view)
    })

    it('answers OPTIONS with Allow: GET, HEAD, OPTIONS and POST with 405', async () => {
      const view = TemplateView.asView({ templateName: 'x.html' })
      const options = await view(makeRequest('OPTIONS', '/'))
      expect(options.headers.get('allow')).to.equal('GET, HEAD, OPTIONS')
      const post = await view(makeRequest('POST', '/'))
      expect(post.status).to.equal(405)
      expect(post.headers.get('allow')).to.equal('GET, HEAD, OPTIONS')
    })

    it('is resolvable: the URL pattern’s view carries viewClass and viewInitkwargs', () => {
      const match = new UrlConf(urlpatterns).resolve('/template/content_type/')
      expect(match?.pattern.view.viewClass).to.equal(TemplateView)
      expect(match?.pattern.view.viewInitkwargs?.contentType).to.equal('text/plain')
    })
  })

  describe('over HTTP', () => {
    let app: FastifyInstance
    let engine: ReturnType<typeof recordingEngine>

    beforeEach(async () => {
      engine = recordingEngine()
      app = await bootstrap({ views: [], urlpatterns, templates: { dirs: BASE_DIRS, engine } })
    })
    afterEach(() => app.close())

    it('passes the route kwargs as context', async () => {
      const res = await app.inject({ url: '/template/simple/bar/' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.contain('foo=bar')
      expect(engine.calls[0]?.context.foo).to.equal('bar')
      expect(engine.calls[0]?.context.view).to.be.instanceOf(BaseView)
    })

    it('takes extra context from an overridden getContextData()', async () => {
      const res = await app.inject({ url: '/template/custom/bar/' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.contain('foo=bar key=value')
      expect(engine.calls[0]?.context.view).to.be.instanceOf(CustomTemplateView)
    })

    it('takes extraContext from asView()', async () => {
      const res = await app.inject({ url: '/template/extra_context/' })
      expect(res.body).to.contain('title=Title')
      expect(engine.calls[0]?.context.title).to.equal('Title')
    })

    it('sends the contentType', async () => {
      const res = await app.inject({ url: '/template/content_type/' })
      expect(res.headers['content-type']).to.equal('text/plain')
      expect(res.body).to.equal('User-agent: *\nDisallow: /')
    })

    it('sends text/html; charset=utf-8 by default', async () => {
      const res = await app.inject({ url: '/template/decorated/' })
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8')
      expect(res.body).to.contain('<h1>About</h1>')
    })

    it('answers HEAD with 200 and no body', async () => {
      const res = await app.inject({ method: 'HEAD', url: '/template/simple/bar/' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.equal('')
    })

    it('answers a view without a template name with a generic 500', async () => {
      const res = await app.inject({ url: '/template/no_template/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.not.contain('templateName')
    })

    it('names the missing templateName in debug', async () => {
      const debugApp = await bootstrap({ views: [], urlpatterns, debug: true, templates: { dirs: BASE_DIRS } })
      const res = await debugApp.inject({ url: '/template/no_template/' })
      await debugApp.close()
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.contain(NO_TEMPLATE.replaceAll("'", '&#39;'))
    })

    it("answers templateName '' with a 500: no template has that name", async () => {
      const res = await app.inject({ url: '/template/empty_name/' })
      expect(res.statusCode).to.equal(500)
      expect(engine.calls[0]?.names).to.deep.equal([''])
    })
  })
})
