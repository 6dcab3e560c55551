import { dispatchWithConditions, hasConditions, type Validators } from './conditional.js'
import { errors } from './errors.js'
import { escapeForLog, logResponse } from './log.js'
import { type FrameOptions, getAttributeDefaults, getFrameOptions, hasInjectionInfo } from './metadata.js'
import type { HttpRequest, Kwargs } from './request.js'
import { HttpResponse, HttpResponseNotAllowed } from './response.js'
import type { ViewCallable, ViewResult } from './view-types.js'

/** A method handler: `get(request, kwargs)` and its siblings. */
export type Handler = (request: HttpRequest, kwargs: Kwargs) => ViewResult

/** The view function `asView()` returns. */
export interface ViewFunction<V extends BaseView = BaseView> extends ViewCallable {
  readonly viewClass: ViewClass<V>
  readonly viewInitkwargs: Readonly<Initkwargs<V>>
}

/** The attributes `asView()` may override on a view class `V`. */
export type Initkwargs<V> = { [K in keyof V]?: V[K] }

/** A concrete view class. */
export type ViewClass<V extends BaseView = BaseView> = (new (
  ...args: never[]
) => V) &
  Omit<typeof BaseView, 'prototype'>

/** The handlers and hooks a view may define; BaseView declares none, so defining one is no override. */
interface Handlers {
  get?: Handler
  head?: Handler
}

// The handler name of each standard method, so that dispatch() neither lower-cases the method
// nor looks a handler up by a string made for the request; any other method is lower-cased.
const HANDLER_NAMES = new Map(
  ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'].map((m) => [m, m.toLowerCase()]),
)
// The default httpMethodNames: the eight standard methods, frozen, so that dispatch() knows a
// standard method is listed without searching a class that keeps the default.
const STANDARD_METHOD_NAMES: readonly string[] = Object.freeze([...HANDLER_NAMES.values()])
const isAsyncFunction = (fn: unknown) => typeof fn === 'function' && fn.constructor.name === 'AsyncFunction'

// Marks a handler the framework defines (TemplateView.get, ListView.get, …): it answers
// synchronously or with a promise as the user's hooks do, so it takes no side in the
// "all sync or all async" check, which is about the user's own handlers.
const FRAMEWORK_HANDLER = Symbol('manouche:framework-handler')

/**
 * Mark the handlers `names` of `cls` as the framework's: they follow the hooks they call
 * (sync or async) and take no side in `viewIsAsync`'s check. For the packages built on core.
 * @internal
 */
export function frameworkHandlers(cls: Function, ...names: string[]): void {
  const proto = cls.prototype as Record<string, unknown>
  for (const name of names) Object.defineProperty(proto[name], FRAMEWORK_HANDLER, { value: true })
}

const isUserHandler = (fn: unknown) =>
  typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[FRAMEWORK_HANDLER] !== true

/**
 * The base of every class-based view: a fresh instance per request, dispatching on the HTTP
 * method to the handler of the same name, 405 for the rest. Django: View
 */
export class BaseView {
  /** The methods a view may answer; anything else is 405. */
  static httpMethodNames: readonly string[] = STANDARD_METHOD_NAMES

  /** The request being served, set by `setup()`. */
  declare request: HttpRequest
  /** The route kwargs, set by `setup()`. */
  declare kwargs: Kwargs
  /**
   * What `lastModified()` and `etag()` gave for this request, set before the handler runs when
   * the view defines either: a handler reads the newest date here instead of querying again.
   */
  declare validators: Validators | undefined

  /**
   * Whether the view's own handlers are async (those the framework defines, which follow the
   * hooks they call, count for neither); throws when they mix sync and async. Django: View.view_is_async
   */
  static get viewIsAsync(): boolean {
    return handlersAreAsync(this)
  }

  /**
   * Build the view function for this class: checks `initkwargs` and the handlers once, then
   * serves each request with a new instance. Django: View.as_view
   */
  static asView<V extends BaseView>(this: ViewClass<V>, initkwargs: Initkwargs<V> = {}): ViewFunction<V> {
    checkInitkwargs(this, initkwargs)
    void this.viewIsAsync
    if (configurationCheck in this.prototype) checkConfiguration(this, initkwargs)
    const create = instanceFactory(this, initkwargs as Record<string, unknown>)
    const view = (request: HttpRequest, kwargs: Kwargs = request.params) => {
      const self = create(request)
      self.setup(request, kwargs)
      if (self.request === undefined) throw errors.noRequest(this.name)
      return self.dispatch(request, kwargs)
    }
    const frame = getFrameOptions(this)
    const served = frame === undefined ? view : withFrameOptions(view, frame)
    return Object.assign(served, { viewClass: this, viewInitkwargs: initkwargs })
  }

  /** Store the request and kwargs; give HEAD the GET handler when there is no `head`. Django: View.setup */
  setup(request: HttpRequest, kwargs: Kwargs): void {
    const self = this as Handlers
    if (self.get && !self.head) self.head = self.get
    this.request = request
    this.kwargs = kwargs
  }

  /** Call the handler named like the method, or `httpMethodNotAllowed`. Django: View.dispatch */
  dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
    const standard = HANDLER_NAMES.get(request.method)
    const method = standard ?? request.method.toLowerCase()
    const names = (this.constructor as typeof BaseView).httpMethodNames
    const listed = (standard !== undefined && names === STANDARD_METHOD_NAMES) || names.includes(method)
    const own = listed ? (this as unknown as Record<string, Handler | undefined>)[method] : undefined
    const handler = typeof own === 'function' ? own : this.httpMethodNotAllowed
    if (hasConditions(this)) return dispatchWithConditions(this, handler, request, kwargs)
    return handler.call(this, request, kwargs)
  }

  /** Answer 405 with `Allow`, logging a warning. Django: View.http_method_not_allowed */
  httpMethodNotAllowed(request: HttpRequest, _kwargs?: Kwargs): ViewResult {
    const response = new HttpResponseNotAllowed(this.allowedMethods())
    logResponse(request.log, 405, `Method Not Allowed (${escapeForLog(request.method)}): ${escapeForLog(request.path)}`)
    return this.#settle(response)
  }

  /** Answer OPTIONS: 200, `Allow`, `Content-Length: 0`. Django: View.options */
  options(_request: HttpRequest, _kwargs?: Kwargs): ViewResult {
    const response = new HttpResponse()
    response.headers.set('Allow', this.allowedMethods().join(', '))
    response.headers.set('Content-Length', '0')
    return this.#settle(response)
  }

  /** The methods this instance answers, upper case, in `httpMethodNames` order. Django: View._allowed_methods */
  allowedMethods(): string[] {
    const self = this as unknown as Record<string, unknown>
    const names = (this.constructor as typeof BaseView).httpMethodNames
    return names.filter((m) => typeof self[m] === 'function').map((m) => m.toUpperCase())
  }

  #settle(response: HttpResponse): ViewResult {
    return (this.constructor as typeof BaseView).viewIsAsync ? Promise.resolve(response) : response
  }
}

/**
 * `view`, its responses marked with the class's `X-Frame-Options` (set when the response has
 * none) or exemption; only views decorated with `@XFrameOptions…` pay for this.
 */
function withFrameOptions(view: ViewCallable, frame: FrameOptions): ViewCallable {
  const mark = (response: unknown): unknown => {
    if (!(response instanceof HttpResponse)) return response
    if (frame === 'exempt') response.xFrameOptionsExempt = true
    else if (!response.headers.has('x-frame-options')) response.headers.set('X-Frame-Options', frame)
    return response
  }
  return (request: HttpRequest, kwargs?: Kwargs) => {
    const result = view(request, kwargs)
    return (result instanceof Promise ? result.then(mark) : mark(result)) as ViewResult
  }
}

function handlersAreAsync(cls: typeof BaseView): boolean {
  const proto = cls.prototype as unknown as Record<string, unknown>
  const handlers = cls.httpMethodNames.filter((m) => m !== 'options' && isUserHandler(proto[m]))
  if (handlers.length === 0) return false
  const first = isAsyncFunction(proto[handlers[0] as string])
  if (handlers.some((m) => isAsyncFunction(proto[m]) !== first)) throw errors.mixedAsync(cls.name)
  return first
}

function checkInitkwargs(cls: ViewClass, initkwargs: object): void {
  const keys = Object.keys(initkwargs)
  if (keys.length === 0) return
  const probe = probeInstance(cls)
  for (const key of keys) {
    if (cls.httpMethodNames.includes(key)) throw errors.methodKwarg(key, cls.name)
    if (!(key in cls.prototype) && !(probe && key in probe)) throw errors.invalidKwarg(key, cls.name)
  }
}

// Class fields exist only on instances, so one is built (without its dependencies) to learn them.
function probeInstance(cls: ViewClass): object | undefined {
  try {
    return new (cls as unknown as new () => object)()
  } catch {
    return undefined
  }
}

/**
 * The method a view class (of Manouche's own packages) defines to check, at `asView()`, what its
 * attributes and `asView()` arguments already fix, throwing `ImproperlyConfigured`: a date view's
 * `dateField` against its model. It runs on an instance built without a request.
 */
export const configurationCheck: unique symbol = Symbol('manouche.configurationCheck')

function checkConfiguration(cls: ViewClass, initkwargs: object): void {
  if (cls.length > 0) return // built by the container: its attributes are known at the first request
  const probe = probeInstance(cls) as Record<PropertyKey, unknown> | undefined
  if (!probe) return
  for (const [key, value] of Object.entries(getAttributeDefaults(cls))) probe[key] ??= value
  Object.assign(probe, initkwargs)
  ;(probe[configurationCheck] as () => void).call(probe)
}

/** How `asView()` makes each request's instance: `new`, or tsyringe when the constructor injects. */
function instanceFactory<V extends BaseView>(cls: ViewClass<V>, initkwargs: Record<string, unknown>) {
  const injects = cls.length > 0
  if (injects && !hasInjectionInfo(cls)) throw errors.notInjectable(cls.name)
  const defaults = Object.entries(getAttributeDefaults(cls))
  const overrides = Object.keys(initkwargs).length > 0 ? initkwargs : undefined
  return (request: HttpRequest): V => {
    const self = injects
      ? request.container.resolve(cls as unknown as new () => V)
      : new (cls as unknown as new () => V)()
    const fields = self as unknown as Record<string, unknown>
    for (const [key, value] of defaults) if (fields[key] === undefined) fields[key] = value
    if (overrides) Object.assign(self, overrides)
    return self
  }
}
