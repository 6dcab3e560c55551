// tsyringe and the decorators need the Reflect polyfill before anything else is evaluated.
import 'reflect-metadata'

export { type BootstrapOptions, bootstrap, type LogLevel, type ManoucheApp } from './bootstrap.js'
export { type Clock, clockOf, clockToken, systemClock } from './clock.js'
export {
  httpDate,
  parseEtags,
  parseHttpDate,
  quoteEtag,
  type Validators,
} from './conditional.js'
export { type Converter, getConverter, registerConverter } from './converters.js'
export type { CookieOptions, DeleteCookieOptions } from './cookies.js'
export { getToken, rotateToken } from './csrf.js'
export {
  CsrfExempt,
  Template,
  View,
  type ViewConstructor,
  type ViewOptions,
  XFrameOptions,
  XFrameOptionsExempt,
} from './decorators.js'
export {
  isTemplateResponse,
  type RenderedTemplate,
  type RenderOptions,
  TEMPLATE_ENGINE,
  type TemplateEngine,
  type TemplateEngineFactory,
  type TemplateOptions,
  type TemplateResponseInfo,
  type TemplateSettings,
} from './engine.js'
export {
  BadRequest,
  coreErrorCodes,
  DisallowedRedirect,
  Http404,
  ImproperlyConfigured,
  ManoucheError,
  type ManoucheErrorOptions,
  NoReverseMatch,
  PermissionDenied,
  RequestDataTooBig,
  TemplateDoesNotExist,
} from './errors.js'
export { type HeadersInit, type HeaderValue, ResponseHeaders } from './headers.js'
export { AllowedHosts, DEFAULT_ALLOWED_HOSTS, DisallowedHost, splitDomainPort } from './hosts.js'
export { consoleLogger, type LogFn, type Logger } from './log.js'
export { escapeHtml } from './pages.js'
export type { ManouchePlugin, PluginHooks, PluginSetup } from './plugins.js'
export {
  HttpRequest,
  type HttpRequestInit,
  type Kwargs,
  type RequestFiles,
  type RequestHeaders,
  type UploadedFile,
} from './request.js'
export {
  type Content,
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseForbidden,
  HttpResponseGone,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseNotModified,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  HttpResponseServerError,
  iriToUri,
  JsonResponse,
  type JsonResponseInit,
  type ResponseInit,
} from './response.js'
export type { CspPolicy, HstsOptions, SecurityOptions } from './security.js'
export { type ServeOptions, serve } from './serve.js'
export { TimeZone, timeZoneOf, timeZoneToken } from './time-zone.js'
export {
  include,
  type PathOptions,
  path,
  patternsFromViews,
  type ResolverMatch,
  reverse,
  type URLEntry,
  type URLInclude,
  URLPattern,
  UrlConf,
} from './urls.js'
export { BaseView, type Handler, type Initkwargs, type ViewClass, type ViewFunction } from './view.js'
export type { ViewCallable, ViewResult } from './view-types.js'
