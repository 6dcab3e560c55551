import { BaseView, HttpResponse, ImproperlyConfigured, isTemplateResponse, TEMPLATE_ENGINE } from '@manouche/core'
import {
  ContentNotRenderedError,
  ContextMixin,
  TemplateResponse,
  TemplateResponseMixin,
  TemplateView,
} from '@manouche/generic'
import { expect } from 'chai'
import { container } from 'tsyringe'
import { makeRequest, recordingEngine } from './base-helpers.js'

const NOT_RENDERED = 'The response content must be rendered before it can be accessed.'
const ABOUT = 'generic_views/about.html'

function throwsNotRendered(read: () => unknown): void {
  expect(read).to.throw(ContentNotRenderedError, NOT_RENDERED)
}

describe('TemplateResponse', () => {
  describe('before render()', () => {
    it('refuses to give its content, with Django’s message', () => {
      const response = new TemplateResponse(makeRequest('GET', '/'), ABOUT, {})
      expect(response.isRendered).to.equal(false)
      throwsNotRendered(() => response.content)
      throwsNotRendered(() => response.text)
    })

    it('shows its template names, context, status and headers', () => {
      const context = { foo: 'bar' }
      const response = new TemplateResponse(makeRequest('GET', '/'), ['a.html', ABOUT], context, {
        status: 201,
        headers: { 'X-Mark': 'yes' },
      })
      expect(response.templateName).to.deep.equal(['a.html', ABOUT])
      expect(response.contextData).to.equal(context)
      expect(response.status).to.equal(201)
      expect(response.headers.get('x-mark')).to.equal('yes')
      expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8')
      expect(response.renderedTemplate).to.equal(undefined)
      expect(isTemplateResponse(response)).to.equal(true)
    })

    it('renders the template name and context as changed before rendering', async () => {
      const response = new TemplateResponse(makeRequest('GET', '/'), 'nothing.html', {})
      response.templateName = ABOUT
      response.contextData = { foo: 'late' }
      await response.render()
      expect(response.text).to.contain('foo=late')
    })

    it('counts content set by hand as rendered', () => {
      const response = new TemplateResponse(makeRequest('GET', '/'), ABOUT, {})
      response.content = 'by hand'
      expect(response.isRendered).to.equal(true)
      expect(response.text).to.equal('by hand')
    })
  })

  describe('render()', () => {
    it('renders the first template that exists, keeping what was asked for', async () => {
      const context = { foo: 'bar' }
      const response = new TemplateResponse(makeRequest('GET', '/'), ['missing.html', ABOUT], context)
      expect(await response.render()).to.equal(response)
      expect(response.isRendered).to.equal(true)
      expect(response.text).to.contain('<h1>About</h1>')
      expect(response.renderedTemplate).to.equal(ABOUT)
      expect(response.templateName).to.deep.equal(['missing.html', ABOUT])
      expect(response.contextData).to.equal(context)
    })

    it('renders once: a second call changes nothing', async () => {
      const engine = recordingEngine()
      const response = new TemplateResponse(makeRequest('GET', '/', { engine }), ABOUT, { foo: 1 })
      await response.render()
      response.templateName = 'generic_views/robots.txt'
      await response.render()
      expect(engine.calls).to.have.length(1)
      expect(response.renderedTemplate).to.equal(ABOUT)
    })

    it('gives the engine the request, for url()', async () => {
      const engine = recordingEngine()
      const request = makeRequest('GET', '/', { engine })
      await new TemplateResponse(request, ABOUT, {}).render()
      expect(engine.calls[0]?.options?.request).to.equal(request)
    })

    it('prefers the engine it was given to the request’s', async () => {
      const mine = recordingEngine()
      const theirs = recordingEngine()
      await new TemplateResponse(makeRequest('GET', '/', { engine: theirs }), ABOUT, {}, { engine: mine }).render()
      expect(mine.calls).to.have.length(1)
      expect(theirs.calls).to.have.length(0)
    })

    it('explains how to install an engine when none is registered', async () => {
      const request = makeRequest('GET', '/', { container: container.createChildContainer() })
      let error: unknown
      try {
        await new TemplateResponse(request, ABOUT, {}).render()
      } catch (e) {
        error = e
      }
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error).to.have.property('code', 'MNC_ERR_GENERIC_NO_TEMPLATE_ENGINE')
      expect((error as Error).message).to.contain("give bootstrap() 'templates: { dirs }'")
    })
  })
})

describe('ContextMixin', () => {
  class Plain extends ContextMixin(BaseView) {}

  it('adds the view to the kwargs', async () => {
    const view = new Plain()
    expect(await view.getContextData({ a: 1 })).to.deep.equal({ view, a: 1 })
  })

  it('keeps a view passed in the kwargs', async () => {
    expect(await new Plain().getContextData({ view: 'given' })).to.deep.equal({ view: 'given' })
  })

  it('lets extraContext have the last word', async () => {
    const view = new Plain()
    view.extraContext = { a: 'extra', view: 'extra view' }
    expect(await view.getContextData({ a: 1, b: 2 })).to.deep.equal({ view: 'extra view', a: 'extra', b: 2 })
  })
})

describe('TemplateResponseMixin', () => {
  class Rendering extends TemplateResponseMixin(BaseView) {
    async get(): Promise<HttpResponse> {
      return this.renderToResponse({ x: 1 }, { status: 202 })
    }
  }

  class MarkedResponse extends TemplateResponse {}

  it('requires templateName, with Django’s message', () => {
    expect(() => new Rendering().getTemplateNames()).to.throw(
      ImproperlyConfigured,
      "TemplateResponseMixin requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'",
    )
  })

  it('builds a lazy response of responseClass with the view’s names, contentType and engine', async () => {
    const engine = recordingEngine()
    const view = Rendering.asView({
      templateName: ABOUT,
      contentType: 'text/plain',
      responseClass: MarkedResponse,
      templateEngine: engine,
    })
    const response = (await view(makeRequest('GET', '/'))) as TemplateResponse
    expect(response).to.be.instanceOf(MarkedResponse)
    expect(response.isRendered).to.equal(false)
    expect(response.status).to.equal(202)
    expect(response.headers.get('content-type')).to.equal('text/plain')
    expect(response.templateName).to.deep.equal([ABOUT])
    await response.render()
    expect(engine.calls[0]?.context).to.deep.equal({ x: 1 })
  })

  it('lets renderToResponse() init override the view’s contentType', async () => {
    class XmlView extends TemplateView {
      override templateName = ABOUT
      override contentType = 'text/plain'
      override renderToResponse(context: Record<string, unknown>): TemplateResponse {
        return super.renderToResponse(context, { contentType: 'application/xml' })
      }
    }
    const response = await XmlView.asView()(makeRequest('GET', '/'))
    expect(response.headers.get('content-type')).to.equal('application/xml')
  })

  it('finds the application engine under TEMPLATE_ENGINE', async () => {
    const engine = recordingEngine()
    const app = container.createChildContainer()
    app.registerInstance(TEMPLATE_ENGINE, engine)
    const response = await Rendering.asView({ templateName: ABOUT })(makeRequest('GET', '/', { container: app }))
    expect(response).to.be.instanceOf(HttpResponse)
    await response.render()
    expect(engine.calls).to.have.length(1)
  })
})
