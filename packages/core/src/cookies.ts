// Cookies on requests and responses, on @fastify/cookie's parse() and serialize() (the `cookie`
// package's grammar, which Fastify's own plugin uses), with Django's set_cookie() rules on top.
import { fastifyCookie } from '@fastify/cookie'
import { errors } from './errors.js'

/** How a cookie is set. Django: HttpResponse.set_cookie */
export interface CookieOptions {
  /** Seconds the cookie lives; also sets `Expires` when that is not given. */
  maxAge?: number
  /** When the cookie expires: a `Date` (turned into `maxAge`), or an HTTP date string sent as it is. */
  expires?: Date | string
  /** Default `/`. */
  path?: string
  domain?: string
  secure?: boolean
  httpOnly?: boolean
  /** `'Lax'`, `'Strict'` or `'None'`, any case. */
  sameSite?: string
}

const SAME_SITE = new Set(['lax', 'strict', 'none'])
const EPOCH = 'Thu, 01 Jan 1970 00:00:00 GMT'

/** The cookies of a `Cookie` header, by name; values percent-decoded. Undefined header: none. */
export function parseCookies(header: string | undefined): Record<string, string> {
  if (header === undefined || header === '') return Object.create(null)
  return fastifyCookie.parse(header) as Record<string, string>
}

/** One `Set-Cookie` line. Django: HttpResponse.set_cookie */
export function setCookieLine(name: string, value: string, options: CookieOptions = {}): string {
  let { maxAge, expires } = options
  if (expires instanceof Date) {
    if (maxAge !== undefined) throw errors.badCookie("'expires' and 'maxAge' can't be used together.")
    maxAge = Math.max(0, Math.floor((expires.getTime() - Date.now()) / 1000))
    expires = undefined
  }
  if (maxAge !== undefined && !Number.isFinite(maxAge)) throw errors.badCookie("'maxAge' must be a number of seconds.")
  const sameSite = options.sameSite?.toLowerCase()
  if (sameSite !== undefined && !SAME_SITE.has(sameSite)) {
    throw errors.badCookie('sameSite must be "Lax", "None", or "Strict".')
  }
  const seconds = maxAge === undefined ? undefined : Math.floor(maxAge)
  const line = serialize(name, value, {
    maxAge: seconds,
    path: options.path ?? '/',
    domain: options.domain,
    secure: options.secure || undefined,
    httpOnly: options.httpOnly || undefined,
    sameSite: sameSite as 'lax' | 'strict' | 'none' | undefined,
  })
  const until = expires ?? (seconds === undefined ? undefined : new Date(Date.now() + seconds * 1000).toUTCString())
  return until === undefined ? line : `${line}; Expires=${checkedDate(until)}`
}

/** The options that delete a cookie: `Max-Age=0`, an `Expires` in 1970. Django: HttpResponse.delete_cookie */
export function deleteCookieOptions(name: string, options: DeleteCookieOptions = {}): CookieOptions {
  const secure = /^__(Secure|Host)-/.test(name) || options.sameSite?.toLowerCase() === 'none'
  return { ...options, maxAge: 0, expires: EPOCH, secure }
}

/** What `deleteCookie()` needs to name the cookie it deletes. */
export type DeleteCookieOptions = Pick<CookieOptions, 'path' | 'domain' | 'sameSite'>

function serialize(name: string, value: string, options: Parameters<typeof fastifyCookie.serialize>[2]): string {
  try {
    return fastifyCookie.serialize(name, value, options)
  } catch (cause) {
    throw errors.badCookie(`Cookie ${JSON.stringify(name)}: ${(cause as Error).message}.`, cause)
  }
}

function checkedDate(date: string): string {
  if (/[;\r\n]/.test(date)) throw errors.badCookie(`'expires' is no HTTP date: ${JSON.stringify(date)}.`)
  return date
}
