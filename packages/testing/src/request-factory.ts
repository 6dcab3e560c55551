import { HttpRequest, type Kwargs, type Logger, type UrlConf } from '@manouche/core'
import type { DependencyContainer } from 'tsyringe'
import {
  type BodyFields,
  bodyKind,
  joinQuery,
  lowerHeaders,
  type QueryInit,
  splitPath,
  type TestHeaders,
  toSearchParams,
} from './encode.js'
import { errors } from './errors.js'
import { type LogRecord, LogRecorder } from './log-recorder.js'

/** What every request of a `RequestFactory` starts from. */
export interface RequestFactoryDefaults {
  /** Headers every request carries (a request's own headers win). */
  headers?: TestHeaders
  /** The container each request's child container descends from (default: tsyringe's root). */
  container?: DependencyContainer
  /** Where the requests log (default: a `LogRecorder`, read through `factory.logs`). */
  log?: Logger
  /** The URL patterns `reverse()` uses for these requests. */
  urlconf?: UrlConf
}

/** What one factory request takes besides its path. */
export interface FactoryRequestInit {
  /** Query parameters, added after any `?query` in the path. */
  query?: QueryInit
  headers?: TestHeaders
  /** The container this request's child container descends from. */
  container?: DependencyContainer
  /** The route kwargs the view is called with, already converted. */
  params?: Kwargs
}

/** A factory request with a body: `body` is handed to the view as it is; `json` and `form` as a server would parse them. */
export interface FactoryBodyInit extends FactoryRequestInit, BodyFields<unknown> {}

const METHOD = /^[A-Za-z][A-Za-z-]*$/
const FORM = 'application/x-www-form-urlencoded'

/**
 * Build `HttpRequest`s to hand straight to a view function or a view's methods, no server
 * involved. Its requests log to a `LogRecorder` whose lines `logs` holds. Django: RequestFactory
 */
export class RequestFactory {
  /** The logger every request of this factory writes to. */
  readonly log: Logger
  readonly #defaults: RequestFactoryDefaults

  constructor(defaults: RequestFactoryDefaults = {}) {
    this.#defaults = defaults
    this.log = defaults.log ?? new LogRecorder()
  }

  /** The lines this factory's requests logged: those of its `LogRecorder` (none when `defaults.log` is another logger). */
  get logs(): LogRecord[] {
    return this.log instanceof LogRecorder ? this.log.records : []
  }

  /** A GET request. Django: RequestFactory.get */
  get(path: string, init: FactoryRequestInit = {}): HttpRequest {
    return this.generic('GET', path, init)
  }

  /** A POST request. Django: RequestFactory.post */
  post(path: string, init: FactoryBodyInit = {}): HttpRequest {
    return this.generic('POST', path, init)
  }

  /** A PUT request. Django: RequestFactory.put */
  put(path: string, init: FactoryBodyInit = {}): HttpRequest {
    return this.generic('PUT', path, init)
  }

  /** A PATCH request. Django: RequestFactory.patch */
  patch(path: string, init: FactoryBodyInit = {}): HttpRequest {
    return this.generic('PATCH', path, init)
  }

  /** A DELETE request. Django: RequestFactory.delete */
  delete(path: string, init: FactoryBodyInit = {}): HttpRequest {
    return this.generic('DELETE', path, init)
  }

  /** A HEAD request. Django: RequestFactory.head */
  head(path: string, init: FactoryRequestInit = {}): HttpRequest {
    return this.generic('HEAD', path, init)
  }

  /** An OPTIONS request. Django: RequestFactory.options */
  options(path: string, init: FactoryBodyInit = {}): HttpRequest {
    return this.generic('OPTIONS', path, init)
  }

  /** A TRACE request. Django: RequestFactory.trace */
  trace(path: string, init: FactoryRequestInit = {}): HttpRequest {
    return this.generic('TRACE', path, init)
  }

  /** A request of any method; the path may carry a `?query` and percent-escapes. Django: RequestFactory.generic */
  generic(method: string, path: string, init: FactoryBodyInit = {}): HttpRequest {
    if (!METHOD.test(method)) throw errors.badMethod(method)
    const url = splitPath(path)
    const { body, contentType } = parsedBody(init)
    const implied = { host: 'testserver', 'content-type': contentType }
    const headers = lowerHeaders(implied, this.#defaults.headers, init.headers, { 'content-type': init.contentType })
    return new HttpRequest({
      method,
      path: decodePath(url.path),
      query: joinQuery(url.query, init.query),
      body,
      headers,
      params: init.params,
      container: init.container ?? this.#defaults.container,
      log: this.log,
      urlconf: this.#defaults.urlconf,
    })
  }
}

/** The body a view would see from a server, and the `Content-Type` it implies. */
function parsedBody(init: FactoryBodyInit): { body: unknown; contentType?: string } {
  switch (bodyKind(init)) {
    case 'json':
      return { body: JSON.parse(JSON.stringify(init.json)), contentType: 'application/json' }
    case 'form':
      return { body: formObject(toSearchParams(init.form ?? {})), contentType: FORM }
    case 'body':
      return { body: init.body }
    default:
      return { body: undefined }
  }
}

/** A form as the server parses one: a repeated key keeps every value, in an array. */
function formObject(params: URLSearchParams): Record<string, string | string[]> {
  const data: Record<string, string | string[]> = Object.create(null)
  for (const [key, value] of params) {
    const seen = data[key]
    data[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return data
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    throw errors.badPath(path)
  }
}
