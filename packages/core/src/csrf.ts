// Cross-site request forgery protection, as Django's CsrfViewMiddleware: a random secret in the
// `csrftoken` cookie, a masked copy of it in each form (or the X-CSRFToken header), checked on
// every method but GET, HEAD, OPTIONS and TRACE. The cookie is written only on a response whose
// rendering asked for a token (`getToken()`), so an ordinary GET pays nothing.
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomInt, timingSafeEqual } from 'node:crypto'
import { ImproperlyConfigured } from './errors.js'
import { isCsrfExempt } from './metadata.js'
import type { HttpRequest } from './request.js'
import { type HttpResponse, varyOnCookie } from './response.js'
import type { URLPattern } from './urls.js'

/** The cookie holding the secret. Django: CSRF_COOKIE_NAME */
export const CSRF_COOKIE_NAME = 'csrftoken'
/** The form field a token is read from. Django: csrfmiddlewaretoken */
export const CSRF_FIELD_NAME = 'csrfmiddlewaretoken'
const CSRF_HEADER = 'x-csrftoken'
const COOKIE_AGE = 60 * 60 * 24 * 7 * 52 // Django: CSRF_COOKIE_AGE, a year
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_LENGTH = 32
const TOKEN_LENGTH = 2 * SECRET_LENGTH
const INVALID_CHARS = /[^a-zA-Z0-9]/

// Django's reasons, word for word.
const REASON_NO_COOKIE = 'CSRF cookie not set.'
const REASON_TOKEN_MISSING = 'CSRF token missing.'
const REASON_NO_REFERER = 'Referer checking failed - no Referer.'
const REASON_MALFORMED_REFERER = 'Referer checking failed - Referer is malformed.'
const REASON_INSECURE_REFERER = 'Referer checking failed - Referer is insecure while host is secure.'
const badOrigin = (origin: string) => `Origin checking failed - ${origin} does not match any trusted origins.`
const badReferer = (referer: string) => `Referer checking failed - ${referer} does not match any trusted origins.`

/** A request's CSRF secret and whether its response must (re)send the cookie. */
interface CsrfState {
  secret: string | undefined
  needsUpdate: boolean
}

// Kept on the request under a symbol, made only when a token is asked for or a check runs.
const STATE = Symbol('manouche:csrf')
type WithState = { [STATE]?: CsrfState }

function randomString(length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) text += CHARS[randomInt(CHARS.length)]
  return text
}

function mask(secret: string): string {
  const key = randomString(SECRET_LENGTH)
  let cipher = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    cipher += CHARS[(CHARS.indexOf(secret[i] as string) + CHARS.indexOf(key[i] as string)) % CHARS.length]
  }
  return key + cipher
}

function unmask(token: string): string {
  let secret = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const shifted = CHARS.indexOf(token[SECRET_LENGTH + i] as string) - CHARS.indexOf(token[i] as string)
    secret += CHARS[(shifted + CHARS.length) % CHARS.length]
  }
  return secret
}

/** Why `token` (masked or not) cannot be one, as Django words it; undefined when its form is right. */
function formatProblem(token: string): string | undefined {
  if (token.length !== TOKEN_LENGTH && token.length !== SECRET_LENGTH) return 'has incorrect length'
  return INVALID_CHARS.test(token) ? 'has invalid characters' : undefined
}

/** The secret the request's cookie holds (unmasked), undefined when none; a malformed one throws its reason. */
function cookieSecret(request: HttpRequest): string | undefined {
  const cookie = request.cookies[CSRF_COOKIE_NAME]
  if (cookie === undefined) return undefined
  const problem = formatProblem(cookie)
  if (problem !== undefined) throw new CsrfRejection(`CSRF cookie ${problem}.`)
  return cookie.length === TOKEN_LENGTH ? unmask(cookie) : cookie
}

function stateOf(request: HttpRequest): CsrfState {
  const holder = request as unknown as WithState
  if (holder[STATE] === undefined) {
    let secret: string | undefined
    try {
      secret = cookieSecret(request)
    } catch {
      // A malformed cookie is replaced on this response. Django: process_request
      holder[STATE] = { secret: randomString(SECRET_LENGTH), needsUpdate: true }
      return holder[STATE]
    }
    holder[STATE] = { secret, needsUpdate: false }
  }
  return holder[STATE]
}

/**
 * A masked CSRF token for a form of this request (a new mask each call), and the cookie to
 * send with its response; templates read one as `it.csrfToken`. Django: get_token
 */
export function getToken(request: HttpRequest): string {
  const state = stateOf(request)
  state.secret ??= randomString(SECRET_LENGTH)
  state.needsUpdate = true
  return mask(state.secret)
}

/** Give the request a new CSRF secret (its response sends it); call it when a user logs in. Django: rotate_token */
export function rotateToken(request: HttpRequest): void {
  const state = stateOf(request)
  state.secret = randomString(SECRET_LENGTH)
  state.needsUpdate = true
}

/**
 * Set the `csrftoken` cookie on `response` when serving `request` used a token or rotated the
 * secret, with `Vary: Cookie`. Django: CsrfViewMiddleware.process_response
 * @internal
 */
export function setCsrfCookie(request: HttpRequest, response: HttpResponse): void {
  const state = (request as unknown as WithState)[STATE]
  if (state === undefined || !state.needsUpdate || state.secret === undefined) return
  response.setCookie(CSRF_COOKIE_NAME, state.secret, { maxAge: COOKIE_AGE, path: '/', sameSite: 'Lax' })
  varyOnCookie(response)
  state.needsUpdate = false
}

/** A request refused by the CSRF check, with Django's reason. */
class CsrfRejection extends Error {}

/** Where the request came from, as the server knows it. */
export interface RequestOrigin {
  /** `https` or `http`. */
  scheme: string
  /** The `Host` (with its port), already checked against allowedHosts. */
  host: string
}

/** Whether `host` is `pattern`, or, for a pattern starting with a dot, under it. Django: is_same_domain */
function isSameDomain(host: string, pattern: string): boolean {
  const h = host.toLowerCase()
  const p = pattern.toLowerCase()
  if (p === '') return false
  return p.startsWith('.') ? h.endsWith(p) || h === p.slice(1) : h === p
}

/**
 * The check of one application, settled at `bootstrap()`: its trusted origins and its exempt
 * views. Django: CsrfViewMiddleware.process_view
 * @internal
 */
export class CsrfCheck {
  readonly #exact: ReadonlySet<string>
  readonly #wildcards: readonly { scheme: string; host: string }[]
  readonly #hosts: readonly string[]
  readonly #exempt: ReadonlySet<Function>
  // The test client's requests run in here: the check lets them pass, as Django's test client
  // does, and no header or cookie a real client sends can put a request in it.
  readonly #unenforced = new AsyncLocalStorage<true>()

  constructor(patterns: readonly URLPattern[], trustedOrigins: readonly string[] = []) {
    const parsed = trustedOrigins.map(parseTrustedOrigin)
    this.#exact = new Set(trustedOrigins.filter((origin) => !origin.includes('*')))
    this.#wildcards = parsed.filter((p) => p.host.startsWith('.'))
    this.#hosts = parsed.map((p) => p.host)
    const exempt = (view: URLPattern['view']) =>
      isCsrfExempt(view) || (view.viewClass !== undefined && isCsrfExempt(view.viewClass))
    this.#exempt = new Set(patterns.filter((p) => exempt(p.view)).map((p) => p.view))
  }

  /** Run `fn` with this application's CSRF check off for the requests it makes (the test client's). */
  runUnenforced<T>(fn: () => T): T {
    return this.#unenforced.run(true, fn)
  }

  /**
   * Django's reason for refusing `request` to `view`, or undefined when it passes: an exempt
   * view and the test client's requests always do. Call it for unsafe methods only.
   */
  reason(request: HttpRequest, view: Function, from: RequestOrigin): string | undefined {
    if (this.#exempt.has(view) || this.#unenforced.getStore() === true) return undefined
    try {
      const origin = request.header('origin')
      if (origin !== undefined) {
        if (!this.#originVerified(origin, from)) return badOrigin(origin)
      } else if (from.scheme === 'https') {
        this.#checkReferer(request.header('referer'), from)
      }
      checkToken(request)
      return undefined
    } catch (error) {
      if (error instanceof CsrfRejection) return error.message
      throw error
    }
  }

  #originVerified(origin: string, from: RequestOrigin): boolean {
    if (origin === `${from.scheme}://${from.host}` || this.#exact.has(origin)) return true
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      return false
    }
    const scheme = url.protocol.slice(0, -1)
    return this.#wildcards.some((w) => w.scheme === scheme && isSameDomain(url.host, w.host))
  }

  #checkReferer(referer: string | undefined, from: RequestOrigin): void {
    if (referer === undefined) throw new CsrfRejection(REASON_NO_REFERER)
    let url: URL
    try {
      url = new URL(referer)
    } catch {
      throw new CsrfRejection(REASON_MALFORMED_REFERER)
    }
    if (url.host === '') throw new CsrfRejection(REASON_MALFORMED_REFERER)
    if (url.protocol !== 'https:') throw new CsrfRejection(REASON_INSECURE_REFERER)
    if (this.#hosts.some((host) => isSameDomain(url.host, host))) return
    if (!isSameDomain(url.host, from.host)) throw new CsrfRejection(badReferer(url.href))
  }
}

function parseTrustedOrigin(origin: string): { scheme: string; host: string } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/i.exec(origin)
  if (!match) {
    throw new ImproperlyConfigured(
      `bootstrap(): csrfTrustedOrigins must start with a scheme (usually http:// or https://) but found '${origin}'.`,
      { code: 'MNC_ERR_CSRF_TRUSTED_ORIGIN' },
    )
  }
  return { scheme: (match[1] as string).toLowerCase(), host: (match[2] as string).replace(/^\*/, '') }
}

/** The token the request sends: the POST field first, else the X-CSRFToken header. */
function sentToken(request: HttpRequest): { token: string; source: string } | undefined {
  if (request.method === 'POST') {
    const field = fieldOf(request.body)
    if (field !== undefined && field !== '') return { token: field, source: 'POST' }
  }
  const header = request.header(CSRF_HEADER)
  return header === undefined ? undefined : { token: header, source: "the 'X-Csrftoken' HTTP header" }
}

/** The `csrfmiddlewaretoken` of a parsed form body (the last, when repeated), if any. */
function fieldOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return undefined
  const value = (body as Record<string, unknown>)[CSRF_FIELD_NAME]
  const last = Array.isArray(value) ? value[value.length - 1] : value
  return typeof last === 'string' ? last : undefined
}

function checkToken(request: HttpRequest): void {
  const secret = cookieSecret(request)
  if (secret === undefined) throw new CsrfRejection(REASON_NO_COOKIE)
  const sent = sentToken(request)
  if (sent === undefined) throw new CsrfRejection(REASON_TOKEN_MISSING)
  const problem = formatProblem(sent.token)
  if (problem !== undefined) throw new CsrfRejection(`CSRF token from ${sent.source} ${problem}.`)
  const plain = sent.token.length === TOKEN_LENGTH ? unmask(sent.token) : sent.token
  if (!timingSafeEqual(Buffer.from(plain), Buffer.from(secret))) {
    throw new CsrfRejection(`CSRF token from ${sent.source} incorrect.`)
  }
}
