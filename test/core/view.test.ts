import {
  BaseView,
  HttpRequest,
  HttpResponse,
  ImproperlyConfigured,
  type Kwargs,
  type ViewFunction,
} from '@manouche/core'
import { expect } from 'chai'
import { inject, injectable } from 'tsyringe'
import { makeRequest, recordingLogger } from './helpers.js'

/** A simple view with only GET. */
class SimpleView extends BaseView {
  get(_request: HttpRequest) {
    return new HttpResponse('This is a simple view')
  }
}

class SimplePostView extends SimpleView {
  post(request: HttpRequest) {
    return this.get(request)
  }
}

class PostOnlyView extends BaseView {
  post() {
    return new HttpResponse('This view only accepts POST')
  }
}

class CustomizableView extends SimpleView {
  parameter: Record<string, unknown> = {}
}

class InstanceView extends BaseView {
  get() {
    return Object.assign(new HttpResponse(''), { view: this })
  }
}

class AsyncView extends BaseView {
  async get() {
    await new Promise((resolve) => setTimeout(resolve, 1))
    return new HttpResponse('Hello async world!')
  }
}

class MixedView extends BaseView {
  get() {
    return new HttpResponse('sync')
  }
  async post() {
    return new HttpResponse('async')
  }
}

class KwargsView extends BaseView {
  get(_request: HttpRequest, kwargs: Kwargs) {
    return new HttpResponse(JSON.stringify(kwargs))
  }
}

const call = (view: ViewFunction, method: string, path = '/', kwargs?: Kwargs) =>
  view(makeRequest(method, path), kwargs) as HttpResponse

const allows = (response: HttpResponse) => new Set(String(response.headers.get('allow')).split(', '))

describe('BaseView', () => {
  describe('asView()', () => {
    it('refuses each HTTP method name as an initkwarg, naming the class', () => {
      for (const method of SimpleView.httpMethodNames) {
        expect(() => SimpleView.asView({ [method]: 'value' } as never)).to.throw(
          TypeError,
          `The method name ${method} is not accepted as a keyword argument to SimpleView().`,
        )
      }
    })

    it('refuses an initkwarg that is not an attribute of the class', () => {
      expect(() => CustomizableView.asView({ foobar: 'value' } as never)).to.throw(
        TypeError,
        "CustomizableView() received an invalid keyword 'foobar'. asView only accepts arguments that are already attributes of the class.",
      )
    })

    it('accepts an initkwarg that is a field of the class and sets it on the instance', async () => {
      const view = CustomizableView.asView({ parameter: { colour: 'blue' } })
      const seen: unknown[] = []
      class Probe extends CustomizableView {
        override get(request: HttpRequest) {
          seen.push(this.parameter)
          return super.get(request)
        }
      }
      call(Probe.asView({ parameter: { colour: 'red' } }), 'GET')
      expect(seen).to.deep.equal([{ colour: 'red' }])
      expect(view.viewInitkwargs).to.deep.equal({ parameter: { colour: 'blue' } })
    })

    it('exposes viewClass and viewInitkwargs on the view function', () => {
      const initkwargs = { parameter: { a: 1 } }
      const view = CustomizableView.asView(initkwargs)
      expect(view.viewClass).to.equal(CustomizableView)
      expect(view.viewInitkwargs).to.equal(initkwargs)
    })

    it('serves each request with a new instance', () => {
      const view = InstanceView.asView()
      const first = call(view, 'GET') as HttpResponse & { view: BaseView }
      const second = call(view, 'GET') as HttpResponse & { view: BaseView }
      expect(first.view).to.be.instanceOf(InstanceView)
      expect(first.view).to.not.equal(second.view)
    })

    it('fails on handlers that mix sync and async, naming the class', () => {
      expect(() => MixedView.asView()).to.throw(
        ImproperlyConfigured,
        'MixedView HTTP handlers must either be all sync or all async.',
      )
    })

    it('complains when setup() is overridden without calling super', () => {
      class ForgetfulView extends SimpleView {
        override setup() {}
      }
      expect(() => call(ForgetfulView.asView(), 'GET')).to.throw(
        ImproperlyConfigured,
        "ForgetfulView instance has no 'request' attribute. Did you override setup() and forget to call super()?",
      )
    })

    it('sets request and kwargs on the instance only once it serves a request', () => {
      const bare = new InstanceView()
      expect(bare.request).to.equal(undefined)
      const response = call(InstanceView.asView(), 'GET', '/', { pk: 1 }) as HttpResponse & { view: BaseView }
      expect(response.view.request.path).to.equal('/')
      expect(response.view.kwargs).to.deep.equal({ pk: 1 })
    })

    it('passes the route kwargs to the handler, defaulting to request.params', () => {
      const request = makeRequest('GET', '/books/7/', { params: { pk: 7 } })
      expect((KwargsView.asView()(request) as HttpResponse).text).to.equal('{"pk":7}')
    })
  })

  describe('viewIsAsync', () => {
    it('is false for a view with no handlers and for sync handlers', () => {
      expect(BaseView.viewIsAsync).to.equal(false)
      expect(SimpleView.viewIsAsync).to.equal(false)
    })

    it('is true for async handlers', () => {
      expect(AsyncView.viewIsAsync).to.equal(true)
    })

    it('throws for mixed handlers', () => {
      expect(() => MixedView.viewIsAsync).to.throw(ImproperlyConfigured, /MixedView HTTP handlers/)
    })
  })

  describe('dispatch()', () => {
    it('answers GET with the get handler', () => {
      const response = call(SimpleView.asView(), 'GET')
      expect(response.status).to.equal(200)
      expect(response.text).to.equal('This is a simple view')
    })

    it('answers HEAD with get when there is no head handler', () => {
      const response = call(SimpleView.asView(), 'HEAD')
      expect(response.status).to.equal(200)
    })

    it('answers 405 with Allow for a method the view lacks', () => {
      const response = call(SimpleView.asView(), 'POST')
      expect(response.status).to.equal(405)
      expect(response.headers.get('Allow')).to.equal('GET, HEAD, OPTIONS')
    })

    it('answers 405 to a spoofed method named like a view attribute', () => {
      expect(call(SimpleView.asView(), 'DISPATCH').status).to.equal(405)
      expect(call(SimpleView.asView(), 'SETUP').status).to.equal(405)
      expect(call(SimpleView.asView(), 'FAKE').status).to.equal(405)
    })

    it('answers HEAD with 405 when the view has no get', () => {
      expect(call(PostOnlyView.asView(), 'HEAD').status).to.equal(405)
    })

    it('serves GET and POST from a view that has both', () => {
      expect(call(SimplePostView.asView(), 'POST').text).to.equal('This is a simple view')
      expect(call(SimplePostView.asView(), 'FAKE').status).to.equal(405)
    })

    it('dispatches a method outside the standard eight when httpMethodNames lists it', () => {
      class PurgeView extends SimpleView {
        static override httpMethodNames = [...BaseView.httpMethodNames, 'purge']
        purge() {
          return new HttpResponse('purged')
        }
      }
      expect(call(PurgeView.asView(), 'PURGE').text).to.equal('purged')
      expect(call(PurgeView.asView(), 'purge').text).to.equal('purged')
      expect(call(PurgeView.asView(), 'GET').text).to.equal('This is a simple view')
      expect(call(SimpleView.asView(), 'PURGE').status).to.equal(405)
      expect(allows(call(PurgeView.asView(), 'BREW'))).to.deep.equal(new Set(['GET', 'HEAD', 'OPTIONS', 'PURGE']))
    })

    it('answers 405 to a standard method its httpMethodNames leaves out, handler or not', () => {
      class ReadOnlyView extends SimplePostView {
        static override httpMethodNames = ['get', 'head', 'options']
      }
      expect(call(ReadOnlyView.asView(), 'POST').status).to.equal(405)
      expect(allows(call(ReadOnlyView.asView(), 'POST'))).to.deep.equal(new Set(['GET', 'HEAD', 'OPTIONS']))
      expect(call(ReadOnlyView.asView(), 'GET').text).to.equal('This is a simple view')
    })

    it('keeps the default httpMethodNames frozen: a subclass replaces the list, never edits it', () => {
      expect(() => (BaseView.httpMethodNames as string[]).pop()).to.throw(TypeError)
      expect(BaseView.httpMethodNames).to.deep.equal([
        'get',
        'post',
        'put',
        'patch',
        'delete',
        'head',
        'options',
        'trace',
      ])
    })

    it('works on an instance made without asView() (no HEAD alias then)', () => {
      const view = new PostOnlyView()
      const response = view.dispatch(makeRequest('HEAD', '/'), {}) as HttpResponse
      expect(response.status).to.equal(405)
    })

    it('logs a warning naming the method and path on 405', () => {
      const log = recordingLogger()
      SimpleView.asView()(makeRequest('POST', '/foo/', { log }))
      expect(log.lines).to.deep.equal([
        { level: 'warn', msg: 'Method Not Allowed (POST): /foo/', fields: { statusCode: 405 } },
      ])
    })

    it('escapes control characters in the logged path', () => {
      const log = recordingLogger()
      SimpleView.asView()(makeRequest('POST', '/foo\u001b[31m/', { log }))
      expect(log.lines[0]?.msg).to.equal('Method Not Allowed (POST): /foo\\x1b[31m/')
    })

    it('returns promises from an async view, 405 and OPTIONS included', async () => {
      const view = AsyncView.asView()
      const get = view(makeRequest('GET', '/'))
      const notAllowed = view(makeRequest('POST', '/'))
      const options = view(makeRequest('OPTIONS', '/'))
      expect(get).to.be.instanceOf(Promise)
      expect(notAllowed).to.be.instanceOf(Promise)
      expect(options).to.be.instanceOf(Promise)
      expect((await get).text).to.equal('Hello async world!')
      expect((await notAllowed).status).to.equal(405)
      expect((await options).status).to.equal(200)
    })
  })

  describe('options()', () => {
    it('answers 200 with Allow and Content-Length 0', () => {
      const response = call(SimpleView.asView(), 'OPTIONS')
      expect(response.status).to.equal(200)
      expect(response.headers.get('Content-Length')).to.equal('0')
      expect(response.text).to.equal('')
    })

    it('lists GET, HEAD and OPTIONS for a GET view', () => {
      expect(allows(call(SimpleView.asView(), 'OPTIONS'))).to.deep.equal(new Set(['GET', 'HEAD', 'OPTIONS']))
    })

    it('lists GET, HEAD, POST and OPTIONS for a GET and POST view, in method order', () => {
      expect(call(SimplePostView.asView(), 'OPTIONS').headers.get('Allow')).to.equal('GET, POST, HEAD, OPTIONS')
    })

    it('lists POST and OPTIONS for a POST-only view', () => {
      expect(allows(call(PostOnlyView.asView(), 'OPTIONS'))).to.deep.equal(new Set(['POST', 'OPTIONS']))
    })
  })

  describe('dependency injection', () => {
    const GREETING = Symbol('greeting')

    @injectable()
    class GreeterView extends BaseView {
      constructor(@inject(GREETING) private readonly greeting: string) {
        super()
      }
      get() {
        return new HttpResponse(this.greeting)
      }
    }

    it("resolves a view's constructor dependencies from the request's container", () => {
      const parent = new HttpRequest({ method: 'GET', path: '/' }).container
      parent.registerInstance(GREETING, 'bonjour')
      const response = GreeterView.asView()(makeRequest('GET', '/', { container: parent })) as HttpResponse
      expect(response.text).to.equal('bonjour')
    })

    it('builds a view whose parameters carry @inject tokens but no emitted types (esbuild builds)', () => {
      class Untyped extends BaseView {
        constructor(readonly greeting: string) {
          super()
        }
        get() {
          return new HttpResponse(this.greeting)
        }
      }
      inject(GREETING)(Untyped, undefined, 0)
      injectable()(Untyped)
      const app = new HttpRequest({ method: 'GET', path: '/' }).container
      app.registerInstance(GREETING, 'salut')
      expect((Untyped.asView()(makeRequest('GET', '/', { container: app })) as HttpResponse).text).to.equal('salut')
    })

    it('refuses, naming the class, a view whose constructor takes parameters tsyringe cannot know', () => {
      class Unknowable extends BaseView {
        constructor(readonly greeting: string) {
          super()
        }
      }
      expect(() => Unknowable.asView()).to.throw(
        ImproperlyConfigured,
        "Unknowable's constructor takes parameters, so tsyringe must build it: decorate Unknowable with @injectable().",
      )
    })

    it('sees a registration made on the request container only for that request', () => {
      const app = new HttpRequest({ method: 'GET', path: '/' }).container
      app.registerInstance(GREETING, 'hello')
      const special = makeRequest('GET', '/', { container: app })
      special.container.registerInstance(GREETING, 'hola')
      const view = GreeterView.asView()
      expect((view(special) as HttpResponse).text).to.equal('hola')
      expect((view(makeRequest('GET', '/', { container: app })) as HttpResponse).text).to.equal('hello')
    })
  })
})
