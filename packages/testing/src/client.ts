import { type LoginUser, login, logout } from '@manouche/auth'
import { AUTH_SETTINGS } from '@manouche/auth/internal'
import { type BootstrapOptions, bootstrap, HttpRequest, HttpResponse, iriToUri } from '@manouche/core'
import { setCsrfCookie } from '@manouche/core/internal'
import type { FastifyInstance } from 'fastify'
import { type DependencyContainer, container as rootContainer } from 'tsyringe'
import { captureRenders, instrumentTemplates } from './capture.js'
import { CookieJar } from './cookies.js'
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
import { type Overrides, overrideContainer } from './overrides.js'
import { TestResponse } from './test-response.js'

/** `bootstrap()`'s options, plus the DI overrides of this client. */
export interface TestClientOptions<O extends readonly unknown[] = unknown[]> extends BootstrapOptions {
  /** Registrations that replace the application's for this client only. */
  overrides?: Overrides<O>
  /**
   * Check CSRF tokens on this client's requests as on a browser's (default `false`: they pass,
   * as Django's test client's do). Django: Client(enforce_csrf_checks=True)
   */
  enforceCsrfChecks?: boolean
}

/** What one client request takes besides its path. */
export interface ClientRequestInit {
  /** Query parameters, added after any `?query` in the path. */
  query?: QueryInit
  /** Headers, any case; a `cookie` header is sent after the client's own cookies. */
  headers?: TestHeaders
}

/** A client request with a body: `body` as text or bytes, `json` as JSON, `form` URL-encoded. */
export interface ClientBodyInit extends ClientRequestInit, BodyFields<string | Buffer> {}

type Payload = { payload?: string | Buffer; contentType?: string }

const METHOD = /^[A-Za-z][A-Za-z-]*$/

/**
 * A browser stand-in over one application, without a port: requests go through Fastify's
 * `inject()`, cookies persist between them, and each response tells which templates were
 * rendered and with what context. Django: django.test.Client
 */
export class TestClient {
  /** The Fastify application this client talks to. */
  readonly app: FastifyInstance
  /** The cookies this client sends back; set or delete entries to change them. */
  readonly cookies = new CookieJar()
  /** Whether this client's unsafe requests must carry a CSRF token. */
  readonly enforceCsrfChecks: boolean
  #closed = false

  constructor(app: FastifyInstance, options: { enforceCsrfChecks?: boolean } = {}) {
    this.app = app
    this.enforceCsrfChecks = options.enforceCsrfChecks ?? false
    // Requests name the host `testserver`, which every application allows under test, as Django's
    // test environment adds it to ALLOWED_HOSTS.
    app.manouche.allowedHosts.add('testserver')
  }

  /** The container the application resolves from: below the overrides, so it sees them. */
  get container(): DependencyContainer {
    return this.app.manouche.container
  }

  /** Send a GET request. Django: Client.get */
  get(path: string, init: ClientRequestInit = {}): Promise<TestResponse> {
    return this.generic('GET', path, init)
  }

  /** Send a POST request. Django: Client.post */
  post(path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    return this.generic('POST', path, init)
  }

  /** Send a PUT request. Django: Client.put */
  put(path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    return this.generic('PUT', path, init)
  }

  /** Send a PATCH request. Django: Client.patch */
  patch(path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    return this.generic('PATCH', path, init)
  }

  /** Send a DELETE request. Django: Client.delete */
  delete(path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    return this.generic('DELETE', path, init)
  }

  /** Send a HEAD request. Django: Client.head */
  head(path: string, init: ClientRequestInit = {}): Promise<TestResponse> {
    return this.generic('HEAD', path, init)
  }

  /** Send an OPTIONS request. Django: Client.options */
  options(path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    return this.generic('OPTIONS', path, init)
  }

  /** Send a TRACE request. Django: Client.trace */
  trace(path: string, init: ClientRequestInit = {}): Promise<TestResponse> {
    return this.generic('TRACE', path, init)
  }

  /** Send a request of any method; the path may carry a `?query`. Django: Client.generic */
  async generic(method: string, path: string, init: ClientBodyInit = {}): Promise<TestResponse> {
    if (this.#closed) throw errors.clientClosed()
    if (!METHOD.test(method)) throw errors.badMethod(method)
    const split = splitPath(path)
    const query = joinQuery(split.query, init.query)
    const url = iriToUri(query ? `${split.path}?${query}` : split.path)
    const { payload, contentType } = payloadOf(init)
    const headers = lowerHeaders({ host: 'testserver', 'content-type': contentType }, init.headers, {
      'content-type': init.contentType,
    })
    const cookie = this.cookies.header(headers.cookie)
    if (cookie !== undefined) headers.cookie = cookie
    const upper = method.toUpperCase()
    // inject() gives a thenable that starts when first awaited: an async function awaits it
    // inside runUnenforced(), where the check must see it.
    const send = async () => this.app.inject({ method: upper as 'GET', url, headers, payload })
    const csrf = this.app.manouche.csrf
    const inject = csrf === undefined || this.enforceCsrfChecks ? send : () => csrf.runUnenforced(send)
    const [injected, capture] = await captureRenders(async () => inject())
    this.cookies.store(injected.headers['set-cookie'])
    return new TestResponse(injected, { method: upper, url }, capture)
  }

  /**
   * Log `user` in for this client's next requests, without a password: a session holding them,
   * its cookie in `cookies`. The user must be one the application's `UserLoader` finds by id.
   * Django: Client.force_login
   */
  forceLogin(user: LoginUser): Promise<void> {
    return this.#inSession('forceLogin', (request) => login(request, user))
  }

  /** Log this client out: its session emptied and its cookie dropped. Django: Client.logout */
  logout(): Promise<void> {
    return this.#inSession('logout', (request) => logout(request))
  }

  /** Run `fn` on a request carrying this client's session, and keep the cookies its response sets. */
  async #inSession(action: string, fn: (request: HttpRequest) => Promise<void>): Promise<void> {
    const app = this.app.manouche
    const sessions = app.container.isRegistered(AUTH_SETTINGS, true) ? app.resolve(AUTH_SETTINGS).sessions : undefined
    if (sessions === undefined) throw errors.noSessions(action)
    const headers = { host: 'testserver', cookie: this.cookies.header() }
    const request = new HttpRequest({ method: 'GET', path: '/', headers, app })
    const storage = sessions.open(request)
    await fn(request)
    const response = await sessions.finish(request, storage, new HttpResponse())
    setCsrfCookie(request, response)
    this.cookies.store(response.headers.get('set-cookie'))
  }

  /** Close the application; the client takes no more requests. */
  async close(): Promise<void> {
    this.#closed = true
    await this.app.close()
  }
}

/**
 * Bootstrap the application described by `options` for one client: `overrides` are registered
 * on a child of `options.container` (tsyringe's root by default) that the application descends
 * from, so they shadow its registrations for this client alone and leave the parent untouched.
 */
export async function createTestClient<const O extends readonly unknown[] = []>(
  options: TestClientOptions<O> = {},
): Promise<TestClient> {
  const { overrides, enforceCsrfChecks, ...bootstrapOptions } = options
  const container = overrideContainer(options.container ?? rootContainer, overrides as Overrides | undefined)
  // A test run prints no request lines unless asked to (logLevel, or LOG_LEVEL in the environment).
  const logLevel = bootstrapOptions.logLevel ?? (process.env.LOG_LEVEL === undefined ? 'silent' : undefined)
  const app = await bootstrap({ ...bootstrapOptions, logLevel, container })
  instrumentTemplates(app.manouche)
  return new TestClient(app, { enforceCsrfChecks })
}

/** The bytes to send and the `Content-Type` they imply. */
function payloadOf(init: ClientBodyInit): Payload {
  switch (bodyKind(init)) {
    case 'json':
      return { payload: JSON.stringify(init.json), contentType: 'application/json' }
    case 'form':
      return { payload: toSearchParams(init.form ?? {}).toString(), contentType: 'application/x-www-form-urlencoded' }
    case 'body':
      return {
        payload: init.body,
        contentType: typeof init.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      }
    default:
      return {}
  }
}
