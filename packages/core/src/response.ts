import { type CookieOptions, type DeleteCookieOptions, deleteCookieOptions, setCookieLine } from './cookies.js'
import { errors } from './errors.js'
import { type HeadersInit, ResponseHeaders } from './headers.js'

/** What a response is built with besides its content. */
export interface ResponseInit {
  status?: number
  headers?: HeadersInit
  /** The `Content-Type`; default `text/html; charset=utf-8`. */
  contentType?: string
}

/** The body of a response. */
export type Content = string | Buffer

const DEFAULT_CONTENT_TYPE = 'text/html; charset=utf-8'

/** An HTTP response a view returns. Django: HttpResponse */
export class HttpResponse {
  /** The status code a plain instance of this class gets. */
  static defaultStatus = 200
  /** The `Content-Type` an instance of this class gets when none is given; undefined: none. */
  protected static defaultContentType: string | undefined = DEFAULT_CONTENT_TYPE
  /** The HTTP status code. */
  readonly status: number
  /** The headers, case-insensitive. */
  readonly headers: ResponseHeaders
  /**
   * True when the view asked for no `X-Frame-Options` (`@XFrameOptionsExempt()`): the default
   * header is then left out. Django: HttpResponse.xframe_options_exempt
   */
  declare xFrameOptionsExempt?: boolean
  #content: Content

  constructor(content: Content = '', init: ResponseInit = {}) {
    const cls = new.target as unknown as { defaultStatus: number; defaultContentType: string | undefined }
    const status = init.status ?? cls.defaultStatus
    if (!Number.isInteger(status) || status < 100 || status > 599) throw errors.badStatus(status)
    this.status = status
    this.headers = new ResponseHeaders(init.headers)
    const typed = init.headers !== undefined && this.headers.has('content-type')
    if (init.contentType !== undefined && typed) throw errors.contentTypeTwice()
    const type = typed ? undefined : (init.contentType ?? cls.defaultContentType)
    if (type !== undefined) this.headers.set('Content-Type', type)
    this.#content = content
  }

  /** The body. */
  get content(): Content {
    return this.#content
  }

  set content(value: Content) {
    this.#content = value
  }

  /** The body as text (UTF-8). */
  get text(): string {
    const content = this.content
    return typeof content === 'string' ? content : content.toString('utf8')
  }

  /** False while a lazy response (a `TemplateResponse`) still has to render. */
  get isRendered(): boolean {
    return true
  }

  /**
   * Set cookie `name` with a `Set-Cookie` line of its own (replacing one set before under that
   * name); `path` defaults to `/`, `maxAge` also sets `Expires`, a `Date` as `expires` becomes
   * `maxAge`. Throws a `TypeError` for an invalid name, value or `sameSite`. Django: HttpResponse.set_cookie
   */
  setCookie(name: string, value = '', options: CookieOptions = {}): this {
    const line = setCookieLine(name, value, options)
    const set = this.headers.get('set-cookie')
    const lines = set === undefined ? [] : typeof set === 'string' ? [set] : set
    this.headers.set('Set-Cookie', [...lines.filter((old) => !old.startsWith(`${name}=`)), line])
    return this
  }

  /**
   * Tell the client to drop cookie `name`: an empty value, `Max-Age=0` and an `Expires` in 1970,
   * with the `path` and `domain` it was set with. Django: HttpResponse.delete_cookie
   */
  deleteCookie(name: string, options: DeleteCookieOptions = {}): this {
    return this.setCookie(name, '', deleteCookieOptions(name, options))
  }

  /** Produce the content of a lazy response (a promise only when that must wait); a no-op for a plain one. */
  render(): this | Promise<this> {
    return this
  }
}

const REDIRECT_SCHEMES = new Set(['http', 'https', 'ftp'])
const MAX_REDIRECT_LENGTH = 16384

/** Percent-encode what may not stand in a URI, leaving what is already encoded. Django: iri_to_uri */
export function iriToUri(iri: string): string {
  return iri.replace(/[^\x21-\x7e]|[<>"{}|\\^`]/g, (c) => encodeURIComponent(c))
}

abstract class HttpResponseRedirectBase extends HttpResponse {
  constructor(url: string, init: ResponseInit = {}) {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase()
    if (scheme !== undefined && !REDIRECT_SCHEMES.has(scheme)) throw errors.unsafeScheme(scheme)
    if (url.length > MAX_REDIRECT_LENGTH) throw errors.redirectTooLong()
    super('', init)
    this.headers.set('Location', iriToUri(url))
  }

  /** The target, as the `Location` header holds it. */
  get url(): string {
    return this.headers.get('location') as string
  }
}

/** 302 Found to `url`. Django: HttpResponseRedirect */
export class HttpResponseRedirect extends HttpResponseRedirectBase {
  static override defaultStatus = 302
}

/** 301 Moved Permanently to `url`. Django: HttpResponsePermanentRedirect */
export class HttpResponsePermanentRedirect extends HttpResponseRedirectBase {
  static override defaultStatus = 301
}

/** 304 Not Modified, with no body and no `Content-Type`. Django: HttpResponseNotModified */
export class HttpResponseNotModified extends HttpResponse {
  static override defaultStatus = 304
  protected static override defaultContentType: string | undefined = undefined

  constructor(init: ResponseInit = {}) {
    super('', init)
    // Django deletes even a Content-Type given on purpose.
    if (init.headers !== undefined || init.contentType !== undefined) this.headers.delete('content-type')
  }

  override get content(): Content {
    return ''
  }

  override set content(value: Content) {
    if (value.length > 0) throw errors.notModifiedContent()
  }
}

/** 400 Bad Request. Django: HttpResponseBadRequest */
export class HttpResponseBadRequest extends HttpResponse {
  static override defaultStatus = 400
}

/** 403 Forbidden. Django: HttpResponseForbidden */
export class HttpResponseForbidden extends HttpResponse {
  static override defaultStatus = 403
}

/** 404 Not Found. Django: HttpResponseNotFound */
export class HttpResponseNotFound extends HttpResponse {
  static override defaultStatus = 404
}

/** 405 Method Not Allowed, with `Allow` listing `permittedMethods`. Django: HttpResponseNotAllowed */
export class HttpResponseNotAllowed extends HttpResponse {
  static override defaultStatus = 405

  constructor(permittedMethods: readonly string[], init: ResponseInit = {}) {
    super('', init)
    this.headers.set('Allow', permittedMethods.join(', '))
  }
}

/** 410 Gone. Django: HttpResponseGone */
export class HttpResponseGone extends HttpResponse {
  static override defaultStatus = 410
}

/** 500 Internal Server Error. Django: HttpResponseServerError */
export class HttpResponseServerError extends HttpResponse {
  static override defaultStatus = 500
}

/** Options of a `JsonResponse`: `safe: false` allows data that is not a plain object. */
export interface JsonResponseInit extends ResponseInit {
  safe?: boolean
}

/** `data` serialized as JSON, `Content-Type: application/json`. Django: JsonResponse */
export class JsonResponse extends HttpResponse {
  constructor(data: unknown, init: JsonResponseInit = {}) {
    const { safe = true, ...rest } = init
    if (safe && (data === null || typeof data !== 'object' || Array.isArray(data))) throw errors.jsonNotSafe()
    super(JSON.stringify(data), { contentType: 'application/json', ...rest })
  }
}

/**
 * Add `Cookie` to the response's `Vary` header unless it is there (or `*` is). Django:
 * patch_vary_headers(response, ('Cookie',))
 * @internal
 */
export function varyOnCookie(response: HttpResponse): void {
  const vary = response.headers.get('vary')
  const varies = typeof vary === 'string' ? vary.split(',').map((v) => v.trim().toLowerCase()) : []
  if (!varies.includes('cookie') && !varies.includes('*'))
    response.headers.set('Vary', vary ? `${vary}, Cookie` : 'Cookie')
}
