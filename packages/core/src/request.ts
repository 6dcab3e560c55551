import type { FastifyRequest } from 'fastify'
import { type DependencyContainer, type InjectionToken, container as rootContainer } from 'tsyringe'
import type { ManoucheApp } from './bootstrap.js'
import { parseCookies } from './cookies.js'
import { consoleLogger, type Logger } from './log.js'
import type { UrlConf } from './urls.js'

/** Route kwargs after conversion: `<int:pk>` gives a number. */
export type Kwargs = Record<string, unknown>

/** Request headers, lower-case names. */
export type RequestHeaders = Record<string, string | string[] | undefined>

/** A file sent with a multipart form. Django: UploadedFile */
export interface UploadedFile {
  /** The file's name on the client, as it sent it. */
  readonly name: string
  readonly contentType: string
  /** In bytes. */
  readonly size: number
  readonly data: Buffer
}

/** The files of a multipart body by field name; a field sent several times holds an array. Django: request.FILES */
export type RequestFiles = Readonly<Record<string, UploadedFile | readonly UploadedFile[]>>

const NO_FILES: RequestFiles = Object.freeze({})

/** Everything an `HttpRequest` is built from; all but `method` and `path` are optional. */
export interface HttpRequestInit {
  method: string
  path: string
  /** The query, as a string without `?` or as parameters. */
  query?: string | URLSearchParams
  body?: unknown
  /** The files of a multipart body. */
  files?: RequestFiles
  headers?: RequestHeaders
  params?: Kwargs
  /** The container the request's child container descends from (default: tsyringe's root). */
  container?: DependencyContainer
  raw?: FastifyRequest
  log?: Logger
  /** The URL patterns `reverse()` uses (default: the application's). */
  urlconf?: UrlConf
  /** The application serving the request; its container is the default `container`. */
  app?: ManoucheApp
}

function lowerCaseKeys(headers: RequestHeaders): RequestHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

/** An incoming request as a view sees it. Django: HttpRequest */
export class HttpRequest {
  /** The method, upper case. */
  readonly method: string
  /** The path, percent-decoded, without the query. */
  readonly path: string
  /** The parsed body: an object for JSON and forms, a string for text, undefined when none. */
  readonly body: unknown
  /** The files of a multipart body, by field name; empty for any other body. Django: request.FILES */
  readonly files: RequestFiles
  /** The headers, lower-case names. */
  readonly headers: RequestHeaders
  /** The route kwargs, converted. */
  params: Kwargs
  /** The Fastify request, undefined in unit tests. */
  readonly raw: FastifyRequest | undefined
  /** Where this request's log lines go. */
  readonly log: Logger
  /** The URL patterns of the application serving this request, for `reverse()`. */
  readonly urlconf: UrlConf | undefined
  /** The application serving this request; undefined for a request built by hand. */
  readonly app: ManoucheApp | undefined
  #query: string | URLSearchParams
  #parent: DependencyContainer
  #child: DependencyContainer | undefined
  #cookies: Record<string, string> | undefined

  constructor(init: HttpRequestInit) {
    // Node hands Fastify the method upper case already; a request built by hand may not be.
    this.method = init.raw ? init.method : init.method.toUpperCase()
    this.path = init.path
    this.body = init.body
    this.files = init.files ?? NO_FILES
    // Fastify's headers are lower-case already; a request built by hand may not be.
    this.headers = init.raw ? (init.headers ?? {}) : lowerCaseKeys(init.headers ?? {})
    this.params = init.params ?? {}
    this.raw = init.raw
    this.log = init.log ?? consoleLogger
    this.app = init.app
    this.urlconf = init.urlconf ?? init.app?.urlconf
    this.#query = init.query ?? ''
    this.#parent = init.container ?? init.app?.container ?? rootContainer
  }

  /** The query parameters (parsed on first use). */
  get query(): URLSearchParams {
    if (typeof this.#query === 'string') this.#query = new URLSearchParams(this.#query)
    return this.#query
  }

  /** The raw query string, without `?`. Django: request.META['QUERY_STRING'] */
  get queryString(): string {
    return typeof this.#query === 'string' ? this.#query : this.#query.toString()
  }

  /** The path and query, as the client asked for it. Django: get_full_path() */
  get fullPath(): string {
    const qs = this.queryString
    return qs ? `${this.path}?${qs}` : this.path
  }

  /** The cookies the client sent, by name, values decoded (parsed on first use). Django: HttpRequest.COOKIES */
  get cookies(): Readonly<Record<string, string>> {
    this.#cookies ??= parseCookies(this.header('cookie'))
    return this.#cookies
  }

  /** This request's own tsyringe child container, made on first use. */
  get container(): DependencyContainer {
    this.#child ??= this.#parent.createChildContainer()
    return this.#child
  }

  /** Resolve `token` from the request's container, without making one when none is needed yet. */
  resolve<T>(token: InjectionToken<T>): T {
    return (this.#child ?? this.#parent).resolve(token)
  }

  /** The value of header `name` (any case); the first one when it repeats. */
  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()]
    return Array.isArray(value) ? value[0] : value
  }
}
