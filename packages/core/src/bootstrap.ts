import type { ServerOptions } from 'node:http'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify'
import { type DependencyContainer, type InjectionToken, container as rootContainer } from 'tsyringe'
import { DEFAULT_BODY_LIMIT, installBodyParsers, MultipartBody } from './bodies.js'
import { clientErrorHandler } from './client-errors.js'
import { CsrfCheck, setCsrfCookie } from './csrf.js'
import { csrfFailurePage } from './csrf-page.js'
import type { ViewConstructor } from './decorators.js'
import {
  createTemplateEngine,
  type RenderedTemplate,
  TEMPLATE_ENGINE,
  type TemplateEngine,
  type TemplateOptions,
} from './engine.js'
import { BadRequest, errors, Http404, ImproperlyConfigured, TemplateDoesNotExist } from './errors.js'
import { AllowedHosts, DEFAULT_ALLOWED_HOSTS } from './hosts.js'
import { escapeForLog, logResponse } from './log.js'
import { decoratedViews } from './metadata.js'
import { debugErrorPage, debugNotFoundPage, type ErrorSource, errorPage, statusOf } from './pages.js'
import { type ManouchePlugin, wrapViews } from './plugins.js'
import { HttpRequest, type Kwargs } from './request.js'
import { HttpResponse, HttpResponsePermanentRedirect } from './response.js'
import { type SecurityOptions, type SecurityPolicy, securityPolicy } from './security.js'
import { TimeZone, timeZoneToken, UTC } from './time-zone.js'
import { patternsFromViews, type URLEntry, UrlConf } from './urls.js'
import type { ViewCallable } from './view-types.js'

/** What `bootstrap()` takes. */
export interface BootstrapOptions {
  /** The @View classes to serve (default: every one imported so far). */
  views?: readonly ViewConstructor[]
  /** URL patterns made with `path()` and `include()`, tried before the @View classes. */
  urlpatterns?: readonly URLEntry[]
  /** Template folders, searched in order. */
  templates?: TemplateOptions
  /** The container the application's own child container descends from (default: tsyringe's root). */
  container?: DependencyContainer
  /**
   * Fastify's own server options. Manouche's defaults: `requestTimeout` 30,000 ms (a request whose
   * headers and body have not all arrived by then gets a 408 and its connection closed) and
   * `connectionTimeout` 120,000 ms (a socket silent that long is closed); give your own to change them.
   */
  fastify?: FastifyServerOptions & { http?: ServerOptions | null }
  /**
   * The log's level: `'info'` writes one line per request (method, path, status, milliseconds)
   * besides warnings and errors; `'warn'`, `'error'` keep those only; `'silent'` writes nothing.
   * Default: the `LOG_LEVEL` environment variable, else `'info'`. Lines go to stdout as JSON.
   * Ignored when `fastify.logger` or `fastify.loggerInstance` is given: that logger is used as is.
   */
  logLevel?: LogLevel
  /** Show error details and re-read templates; never in production. */
  debug?: boolean
  /**
   * The host names this site answers to (Django's ALLOWED_HOSTS): `'example.com'`, `'.example.com'`
   * (and its subdomains) or `'*'`. Default: `localhost`, `127.0.0.1` and `[::1]`. A request for
   * another host gets a 400.
   */
  allowedHosts?: readonly string[]
  /**
   * Trust the proxy in front: the host checked is `X-Forwarded-Host`, and the scheme
   * `X-Forwarded-Proto` (passed on to Fastify's own `trustProxy`). Default: off, those headers ignored.
   */
  trustProxy?: boolean
  /**
   * The largest request body accepted, in bytes, files included (default 1 MiB); a larger one is
   * answered 413 before any view runs.
   */
  bodyLimit?: number
  /** The security headers (Django's defaults unless told otherwise), HSTS and the HTTPS redirect; `false` for none. */
  security?: SecurityOptions | false
  /**
   * Check a CSRF token on POST, PUT, PATCH and DELETE (default `true`); `@CsrfExempt()` exempts
   * one view. Django: CsrfViewMiddleware
   */
  csrf?: boolean
  /**
   * Origins trusted for unsafe requests besides the site's own, with their scheme:
   * `'https://app.example.com'`, `'https://*.example.com'`. Django: CSRF_TRUSTED_ORIGINS
   */
  csrfTrustedOrigins?: readonly string[]
  /**
   * The IANA time zone (`'Europe/Paris'`) that decides what "today" is and where days, weeks,
   * months and years begin for the date views (Django's TIME_ZONE). Default: `'UTC'`.
   */
  timeZone?: string
  /** Extensions set up once at `bootstrap()`, in order; they may wrap the views they serve. */
  plugins?: readonly ManouchePlugin[]
}

/** What `bootstrap()` attaches to the Fastify instance as `app.manouche`. */
export interface ManoucheApp {
  /** The application's container: a child of `options.container`, holding the template engine. */
  readonly container: DependencyContainer
  readonly urlconf: UrlConf
  readonly debug: boolean
  /** The hosts requests may name; the testing kit adds `testserver`. */
  readonly allowedHosts: AllowedHosts
  /** The engine templates render with, chosen once at `bootstrap()`; the testing kit wraps it to record renders. */
  templateEngine: TemplateEngine | undefined
  /**
   * `token` resolved from the application's container on first use, the same value after: for
   * what lives as long as the application, such as a model's QuerySet (no tsyringe per request).
   */
  resolve<T>(token: InjectionToken<T>): T
  /** The CSRF check, undefined with `csrf: false`; the testing kit runs its requests unenforced. */
  readonly csrf: CsrfCheck | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    manouche: ManoucheApp
  }
}

/**
 * Build the Fastify application: the URL patterns and @View classes make one URLconf, and every
 * request, whatever its method, reaches the matching view's `dispatch`. Returns it ready, not
 * listening.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<FastifyInstance> {
  const debug = options.debug ?? false
  const views = options.views ?? (decoratedViews() as ViewConstructor[])
  const urlconf = new UrlConf([...(options.urlpatterns ?? []), ...patternsFromViews(views)])
  const container = (options.container ?? rootContainer).createChildContainer()
  const templateEngine = options.templates && createTemplateEngine(options.templates, debug)
  if (templateEngine) {
    container.registerInstance(TEMPLATE_ENGINE, templateEngine)
    if (!debug) templateEngine.prepare?.()
  }
  container.registerInstance(timeZoneToken, applicationTimeZone(options.timeZone))
  const allowedHosts = new AllowedHosts(options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS)
  const csrf = options.csrf === false ? undefined : new CsrfCheck(urlconf.patterns, options.csrfTrustedOrigins)
  const ctx = { container, urlconf, debug, allowedHosts, templateEngine, resolve: resolveOnce(container), csrf }
  const bodyLimit = options.bodyLimit ?? options.fastify?.bodyLimit ?? DEFAULT_BODY_LIMIT
  const wrapped = options.plugins && wrapViews(options.plugins, { options, app: ctx })
  const server = new Server(ctx, securityPolicy(options.security), bodyLimit, wrapped)
  const logging = loggerOptions(options)
  const app = Fastify({
    ...logging.fastify,
    frameworkErrors: (error, req, reply) => server.fail(error, req, reply),
    clientErrorHandler: clientErrorHandler(server.security),
    requestTimeout: REQUEST_TIMEOUT,
    connectionTimeout: CONNECTION_TIMEOUT,
    ...(options.trustProxy ? { trustProxy: true } : {}),
    ...options.fastify,
    bodyLimit,
  })
  // Node checks the request timeout only while the headers' own limit is not above it (its
  // constructor makes it so; Fastify sets requestTimeout after): without this, 30 s would be 60.
  if (app.server.requestTimeout > 0 && app.server.headersTimeout > app.server.requestTimeout)
    app.server.headersTimeout = app.server.requestTimeout
  app.decorate('manouche', server.ctx)
  // Only when that line is written: a quieter log costs the request nothing.
  if (logging.requestLines) app.addHook('onResponse', logRequest)
  server.install(app)
  await app.ready()
  return app
}

function applicationTimeZone(name: string | undefined): TimeZone {
  if (name === undefined) return UTC
  try {
    return new TimeZone(name)
  } catch (error) {
    throw new ImproperlyConfigured(`bootstrap(): timeZone ${(error as Error).message}`)
  }
}

/** The levels of `bootstrap({ logLevel })` and `LOG_LEVEL`, pino's. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** Fastify's logger options for `options.logLevel` (or LOG_LEVEL): its own two lines a request off, ours on. */
function loggerOptions(options: BootstrapOptions): { fastify: FastifyServerOptions; requestLines: boolean } {
  if (options.fastify?.logger !== undefined || options.fastify?.loggerInstance)
    return { fastify: {}, requestLines: false }
  const level = options.logLevel ?? process.env.LOG_LEVEL ?? 'info'
  if (!LOG_LEVELS.includes(level)) {
    const where = options.logLevel === undefined ? 'the LOG_LEVEL environment variable' : 'bootstrap(): logLevel'
    throw new ImproperlyConfigured(`${where} must be one of ${LOG_LEVELS.join(', ')}; not '${level}'.`)
  }
  if (level === 'silent') return { fastify: { logger: false }, requestLines: false }
  const requestLines = LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf('info') // info, debug, trace
  return {
    fastify: { logger: { level }, logController: new LogController({ disableRequestLogging: true }) },
    requestLines,
  }
}

/** The one line a request writes: `GET /books/?page=2 200 1.3 ms`, and those as fields. */
function logRequest(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const ms = Math.round(reply.elapsedTime * 10) / 10
  reply.log.info(
    { method: req.method, url: req.url, statusCode: reply.statusCode, ms },
    `${req.method} ${escapeForLog(req.url)} ${reply.statusCode} ${ms} ms`,
  )
  done()
}

// No limit (Fastify's defaults) lets a client that never sends its body hold a socket forever.
// The idle limit stays above Fastify's keepAliveTimeout (72 s), itself above a load balancer's usual 60 s.
const REQUEST_TIMEOUT = 30_000
const CONNECTION_TIMEOUT = 120_000

function resolveOnce(container: DependencyContainer): ManoucheApp['resolve'] {
  const resolved = new Map<unknown, unknown>()
  return <T>(token: InjectionToken<T>): T => {
    if (!resolved.has(token)) resolved.set(token, container.resolve(token))
    return resolved.get(token) as T
  }
}

// The methods Django's views know; any other (PROPFIND, …) reaches the not-found handler, which
// still resolves the path and lets the view answer 405.
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']

/** Splits a raw URL into its decoded path and raw query; a malformed escape is a 400. */
interface SplitUrl {
  path: string
  query: string
  rawPath: string
}

/** The 400 of a path whose percent-escapes do not decode (Fastify's router finds most first). */
function malformedEscape(cause: unknown): BadRequest {
  return new BadRequest('The request path holds a malformed percent-escape.', { cause })
}

function splitUrl(url: string): SplitUrl {
  const q = url.indexOf('?')
  const rawPath = q === -1 ? url : url.slice(0, q)
  try {
    const path = rawPath.includes('%') ? decodeURIComponent(rawPath) : rawPath
    return { path, query: q === -1 ? '' : url.slice(q + 1), rawPath }
  } catch (cause) {
    throw malformedEscape(cause)
  }
}

/** The per-request side of an application: the route handler and the error handler. */
class Server {
  constructor(
    readonly ctx: ManoucheApp,
    readonly security: SecurityPolicy,
    readonly bodyLimit: number,
    // The views plugins wrap, by the view they wrap; undefined when no plugin wraps any.
    readonly wrapped?: ReadonlyMap<ViewCallable, ViewCallable>,
  ) {}

  install(app: FastifyInstance): void {
    installBodyParsers(app, this.bodyLimit)
    // One Fastify route takes every path and method; the URLconf's own router picks the view,
    // in Django's order. (1,000 Fastify routes x 8 methods took 450 ms to register.)
    const handler = (req: FastifyRequest, reply: FastifyReply) => this.handle(req, reply)
    app.route({ method: HTTP_METHODS, url: '/*', exposeHeadRoute: false, handler })
    // Methods outside HTTP_METHODS land here and are routed the same way (the view answers 405).
    app.setNotFoundHandler(handler)
    app.setErrorHandler((error, req, reply) => this.fail(error, req, reply))
  }

  /**
   * Find the view, let it answer, render a lazy response and send it; anything thrown on the
   * way is answered with our error page. A view whose work is all synchronous is answered in
   * the same turn; otherwise `sendLater` awaits what is pending. Fastify is handed no promise
   * either way: `sendLater` answers every failure itself, so there is nothing for it to watch.
   */
  handle(req: FastifyRequest, reply: FastifyReply): void {
    let request: HttpRequest | undefined
    try {
      const host = req.host
      if (host) this.ctx.allowedHosts.check(host)
      if (this.security.sslRedirect && host && req.protocol !== 'https') {
        this.send(reply, new HttpResponsePermanentRedirect(`https://${host}${req.url}`))
        return
      }
      const url = splitUrl(req.url)
      const match = this.ctx.urlconf.resolve(url.path)
      if (!match) {
        this.sendError(reply, this.notFound(req, url), req)
        return
      }
      const { pattern, kwargs } = match
      request = this.request(req, url, kwargs)
      if (this.ctx.csrf !== undefined && isUnsafe(req.method)) {
        const refusal = this.csrfRefusal(this.ctx.csrf, request, pattern.view, req)
        if (refusal !== undefined) {
          this.send(reply, refusal, request)
          return
        }
      }
      const view = this.wrapped?.get(pattern.view) ?? pattern.view
      const result = view(request, kwargs)
      const response = result instanceof HttpResponse ? rendered(result) : result
      if (response instanceof HttpResponse) this.send(reply, response, request)
      else void this.sendLater(response, pattern.viewName, request, reply)
    } catch (error) {
      this.answerError(error, request, req, reply)
    }
  }

  /** Send the view's response once it settles and renders, or the error page for what fails; never rejects. */
  async sendLater(pending: unknown, viewName: string, request: HttpRequest, reply: FastifyReply): Promise<void> {
    try {
      const response = await pending
      if (!(response instanceof HttpResponse)) throw errors.notAResponse(viewName, response)
      const done = rendered(response)
      this.send(reply, done instanceof Promise ? await done : done, request) // no turn when rendering is synchronous
    } catch (error) {
      this.answerError(error, request, reply.request, reply)
    }
  }

  /** Answer an error raised outside a view (a bad URL, an unparsable body) with our pages. */
  fail(error: unknown, req: FastifyRequest, reply: FastifyReply): void {
    if ((error as { code?: unknown }).code === 'FST_ERR_BAD_URL') error = malformedEscape(error)
    const request = this.bareRequest(req)
    this.sendError(reply, this.failure(error, request, 'server', req.headers.accept), req, request)
  }

  /** The error page for `error`; when even that fails, a bare 500, or the socket closed. */
  answerError(error: unknown, request: HttpRequest | undefined, req: FastifyRequest, reply: FastifyReply): void {
    try {
      if (reply.sent) return
      if (request) this.sendError(reply, this.failure(error, request), req, request)
      else this.fail(error, req, reply)
    } catch (failure) {
      try {
        req.log.error({ err: failure }, 'Manouche could not answer a request')
        if (!reply.raw.headersSent) reply.raw.writeHead(500, this.security.headers)
        reply.raw.end()
      } catch {
        reply.raw.destroy()
      }
    }
  }

  /** The 403 for a request the CSRF check refuses, logged with Django's reason; undefined when it passes. */
  csrfRefusal(check: CsrfCheck, request: HttpRequest, view: Function, req: FastifyRequest): HttpResponse | undefined {
    const reason = check.reason(request, view, { scheme: req.protocol, host: req.host })
    if (reason === undefined) return undefined
    logResponse(request.log, 403, `Forbidden (${reason}): ${escapeForLog(request.path)}`)
    return csrfFailurePage(request, reason, this.ctx.debug)
  }

  request(req: FastifyRequest, url: SplitUrl, kwargs: Kwargs): HttpRequest {
    const body = req.body
    const multipart = body instanceof MultipartBody
    return new HttpRequest({
      method: req.method,
      path: url.path,
      query: url.query,
      body: multipart ? body.data : body,
      files: multipart ? body.files : undefined,
      headers: req.headers,
      params: kwargs,
      raw: req,
      log: req.log,
      app: this.ctx,
    })
  }

  /** No pattern matched: redirect to the slashed path when that one exists (APPEND_SLASH), else 404. */
  notFound(req: FastifyRequest, url: SplitUrl): HttpResponse {
    const slashed = !url.path.endsWith('/') && this.ctx.urlconf.resolve(`${url.path}/`)
    if (slashed && (req.method === 'GET' || req.method === 'HEAD')) {
      // `//host/` would be a redirect to another site: escape the second slash, keep the rest.
      // Django: escape_leading_slashes
      const target = `${url.rawPath.replace(/^\/\//, '/%2F')}/${url.query ? `?${url.query}` : ''}`
      return new HttpResponsePermanentRedirect(target)
    }
    logResponse(req.log, 404, `Not Found: ${escapeForLog(url.path)}`)
    if (this.ctx.debug) return debugNotFoundPage(url.path, 'No URL pattern matched.', this.ctx.urlconf.patterns)
    return errorPage(new Http404())
  }

  /**
   * The page for `error`, logged: raised by a view (`source: 'view'`) or around it (`'server'`);
   * given the client's `accept`, the production page is JSON for a client that prefers it.
   */
  failure(error: unknown, request: HttpRequest, source: ErrorSource = 'view', accept?: string): HttpResponse {
    const status = statusOf(error, source)
    if (status >= 500) request.log.error({ err: error }, `Internal Server Error: ${escapeForLog(request.path)}`)
    else logResponse(request.log, status, `${(error as Error).message ?? 'Error'}: ${escapeForLog(request.path)}`)
    if (!this.ctx.debug) return errorPage(error, source, accept)
    if (status === 404) return debugNotFoundPage(request.path, (error as Error).message, this.ctx.urlconf.patterns)
    return debugErrorPage(error, request, source)
  }

  /** Write `response` on `reply`, with the CSRF cookie when serving `request` used a token. */
  send(reply: FastifyReply, response: HttpResponse, request?: HttpRequest): void {
    if (request !== undefined) setCsrfCookie(request, response)
    reply.code(response.status)
    // Written first, so that a view's own header (X-Frame-Options: SAMEORIGIN, …) replaces the default.
    reply.headers(response.xFrameOptionsExempt === true ? this.security.framelessHeaders : this.security.headers)
    if (this.security.hsts && reply.request.protocol === 'https')
      reply.header('strict-transport-security', this.security.hsts)
    for (const [name, value] of response.headers) reply.header(name, value)
    const content = response.content
    if (content.length > 0) {
      reply.send(content)
      return
    }
    // An empty string would get Fastify's text/plain (a 304 has no type) and, on HEAD, a
    // Content-Length of 0 where RFC 9110 wants GET's length or none: send no payload then.
    const bare = !response.headers.has('content-type') || reply.request.method === 'HEAD'
    reply.send(bare ? undefined : content)
  }

  /**
   * Send an error `page`, its body replaced by the application's `<status>.html` template when
   * there is one (Django's 400.html, 403.html, 404.html, 500.html), outside debug and for HTML
   * only. Without the template, or when it fails to render, the default page goes out.
   */
  sendError(reply: FastifyReply, page: HttpResponse, req: FastifyRequest, request?: HttpRequest): void {
    const engine = this.ctx.templateEngine
    const type = page.headers.get('content-type')
    if (
      engine === undefined ||
      this.ctx.debug ||
      !ERROR_TEMPLATES.has(page.status) ||
      typeof type !== 'string' ||
      !type.startsWith('text/html')
    ) {
      this.send(reply, page, request)
      return
    }
    const served = request ?? this.bareRequest(req)
    const use = (template: RenderedTemplate) => {
      page.content = template.content
      this.send(reply, page, request)
    }
    const fallBack = (error: unknown) => {
      if (!(error instanceof TemplateDoesNotExist))
        req.log.error({ err: error }, `${page.status}.html failed to render`)
      this.send(reply, page, request)
    }
    try {
      const context = page.status === 404 ? { requestPath: served.path } : {}
      const template = engine.render([`${page.status}.html`], context, { request: served })
      // A send that throws leaves only the socket to close: nothing else could answer.
      if (template instanceof Promise) template.then(use, fallBack).catch(() => reply.raw.destroy())
      else use(template)
    } catch (error) {
      fallBack(error)
    }
  }

  bareRequest(req: FastifyRequest): HttpRequest {
    let url: { path: string; query: string }
    try {
      url = splitUrl(req.url)
    } catch {
      url = { path: req.url.split('?')[0] as string, query: '' }
    }
    return new HttpRequest({ method: req.method, ...url, headers: req.headers, raw: req, log: req.log, app: this.ctx })
  }
}

/** The statuses an application's template may give its page (`404.html`), as Django's default error views. */
const ERROR_TEMPLATES = new Set([400, 403, 404, 500])

/** Whether `method` changes state, so that Django's CSRF check applies (RFC 9110's safe methods do not). */
function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && method !== 'TRACE'
}

/** `response` rendered: itself, or a promise when a lazy response's rendering waits. */
function rendered(response: HttpResponse): HttpResponse | Promise<HttpResponse> {
  return response.isRendered ? response : response.render()
}
