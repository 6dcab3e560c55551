// Django's django/views/generic/base.py family: the context and template-response mixins, and the
// two concrete views built from them, TemplateView and RedirectView.
import {
  BaseView,
  type HttpRequest,
  type HttpResponse,
  HttpResponseGone,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  type Kwargs,
  reverse,
  type TemplateEngine,
} from '@manouche/core'
import { andThen, escapeForLog, frameworkHandlers, logResponse } from '@manouche/core/internal'
import { baseErrors } from './errors.js'
import type { Constructor } from './mixins.js'
import { fillPlaceholders } from './placeholders.js'
import { type Context, TemplateResponse, type TemplateResponseClass, type TemplateResponseInit } from './response.js'

/** What `ContextMixin` adds to a view. */
export interface ContextMixin {
  /** Entries added to every context; they override the view's own. */
  extraContext: Context | undefined
  /** The template context: `kwargs`, `view`, then `extraContext` on top; a subclass may make it async. */
  getContextData(kwargs?: Context): Context | Promise<Context>
}

/**
 * Pass the view, the given kwargs and `extraContext` to the template; `extraContext` has the
 * last word. Override `getContextData()` and `await super.getContextData(kwargs)` to add more.
 * Django: ContextMixin
 */
export function ContextMixin<TBase extends Constructor<BaseView>>(Base: TBase): TBase & Constructor<ContextMixin> {
  abstract class ContextMixinImpl extends Base implements ContextMixin {
    extraContext: Context | undefined = undefined

    getContextData(kwargs: Context = {}): Context | Promise<Context> {
      return { view: this, ...kwargs, ...this.extraContext }
    }
  }
  return ContextMixinImpl
}

/** What `TemplateResponseMixin` adds to a view. */
export interface TemplateResponseMixin {
  /** The template to render; `@Template(name)` sets it on a class. */
  templateName: string | undefined
  /** Render with this engine rather than the application's. Django: template_engine */
  templateEngine: TemplateEngine | undefined
  /** The class `renderToResponse()` builds. */
  responseClass: TemplateResponseClass
  /** The response's `Content-Type`; undefined means `text/html; charset=utf-8`. */
  contentType: string | undefined
  /** A lazy response rendering `getTemplateNames()` with `context`. */
  renderToResponse(context: Context, init?: TemplateResponseInit): TemplateResponse
  /** The template names to try, in order. */
  getTemplateNames(): string[]
}

/**
 * Answer with a `TemplateResponse`: rendered lazily, with the view's `templateName`,
 * `contentType` and optional `templateEngine`. Django: TemplateResponseMixin
 */
export function TemplateResponseMixin<TBase extends Constructor<BaseView>>(
  Base: TBase,
): TBase & Constructor<TemplateResponseMixin> {
  abstract class TemplateResponseMixinImpl extends Base implements TemplateResponseMixin {
    templateName: string | undefined = undefined
    templateEngine: TemplateEngine | undefined = undefined
    responseClass: TemplateResponseClass = TemplateResponse
    contentType: string | undefined = undefined

    renderToResponse(context: Context, init?: TemplateResponseInit): TemplateResponse {
      const options = { contentType: this.contentType, engine: this.templateEngine, ...init }
      return new this.responseClass(this.request, this.getTemplateNames(), context, options)
    }

    getTemplateNames(): string[] {
      if (this.templateName === undefined || this.templateName === null) throw baseErrors.noTemplateName()
      return [this.templateName]
    }
  }
  return TemplateResponseMixinImpl
}

/** Render `templateName` with the route kwargs (and `extraContext`) as context. Django: TemplateView */
export class TemplateView extends TemplateResponseMixin(ContextMixin(BaseView)) {
  /**
   * Render the template with the route kwargs in the context; synchronous unless
   * `getContextData()` is async. Django: TemplateView.get
   */
  get(_request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return andThen(this.getContextData(kwargs), (context) => this.renderToResponse(context))
  }
}
frameworkHandlers(TemplateView, 'get')

/** Fill `{name}` placeholders of RedirectView's `url` from the route kwargs. */
function fillKwargs(url: string, kwargs: Kwargs, cls: string): string {
  return fillPlaceholders(url, kwargs, {
    brace: () => baseErrors.redirectBrace(cls, url),
    missing: (name) => baseErrors.redirectPlaceholder(cls, url, name, kwargs),
  })
}

/** Append `query` to `url` with `&` when the url has a query already, else with `?`. */
function appendQuery(url: string, query: string): string {
  const [beforeFragment = ''] = url.split('#', 1)
  const mark = beforeFragment.indexOf('?')
  const hasQuery = mark !== -1 && mark < beforeFragment.length - 1
  return `${url}${hasQuery ? '&' : '?'}${query}`
}

/**
 * Redirect every method (OPTIONS included) to `url` (with `{name}` placeholders from the route
 * kwargs) or to the route named `patternName`; 301 when `permanent`, else 302; 410 Gone when
 * there is nowhere to go. Django: RedirectView
 */
export class RedirectView extends BaseView {
  /** Answer 301 rather than 302. */
  permanent = false
  /** The target; `{name}` is replaced by the route kwarg `name`. */
  url: string | undefined = undefined
  /** The name of a route to reverse with the route kwargs, when `url` is not set. */
  patternName: string | undefined = undefined
  /** Pass the request's query string on to the target. */
  queryString = false

  /** The target URL, or undefined for 410 Gone; may be overridden sync or async. Django: RedirectView.get_redirect_url */
  getRedirectUrl(kwargs: Kwargs): string | undefined | Promise<string | undefined> {
    let url: string
    if (this.url) url = fillKwargs(this.url, kwargs, this.constructor.name)
    else if (this.patternName) url = reverse(this.patternName, kwargs, { urlconf: this.request.urlconf })
    else return undefined
    const query = this.request.queryString
    return query && this.queryString ? appendQuery(url, query) : url
  }

  /** Redirect, or answer 410 Gone with a warning logged. Django: RedirectView.get */
  get(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return andThen(this.getRedirectUrl(kwargs), (url) => {
      if (url) return this.permanent ? new HttpResponsePermanentRedirect(url) : new HttpResponseRedirect(url)
      const response = new HttpResponseGone()
      logResponse(request.log, 410, `Gone: ${escapeForLog(request.path)}`)
      return response
    })
  }

  /** Same as `get()`. */
  head(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }

  /** Same as `get()`. */
  post(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }

  /** Same as `get()`: a redirect, not the `Allow` list. */
  override options(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }

  /** Same as `get()`. */
  delete(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }

  /** Same as `get()`. */
  put(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }

  /** Same as `get()`. */
  patch(request: HttpRequest, kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return this.get(request, kwargs)
  }
}
frameworkHandlers(RedirectView, 'get', 'head', 'post', 'options', 'delete', 'put', 'patch')
