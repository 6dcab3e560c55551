// The security headers every response carries, as Django's SecurityMiddleware and
// XFrameOptionsMiddleware set them by default. They are computed once at bootstrap() into one
// object, written on every answer before the response's own headers, so that a view's header wins.
import { ImproperlyConfigured } from './errors.js'

/** Strict-Transport-Security, sent only on secure (HTTPS) requests. Django: SECURE_HSTS_* */
export interface HstsOptions {
  /** `max-age` in seconds (Django's SECURE_HSTS_SECONDS); must be positive. */
  maxAge: number
  /** Add `includeSubDomains`. Django: SECURE_HSTS_INCLUDE_SUBDOMAINS */
  includeSubDomains?: boolean
  /** Add `preload`. Django: SECURE_HSTS_PRELOAD */
  preload?: boolean
}

/**
 * The security headers of `bootstrap({ security })`. Each header defaults to Django's value; give
 * `false` to leave one out. A view that sets the header on its response overrides the default.
 */
export interface SecurityOptions {
  /** `X-Content-Type-Options: nosniff` (default `true`). Django: SECURE_CONTENT_TYPE_NOSNIFF */
  contentTypeNosniff?: boolean
  /** `X-Frame-Options` (default `'DENY'`). Django: X_FRAME_OPTIONS */
  xFrameOptions?: 'DENY' | 'SAMEORIGIN' | false
  /** `Referrer-Policy` (default `'same-origin'`). Django: SECURE_REFERRER_POLICY */
  referrerPolicy?: string | false
  /** `Cross-Origin-Opener-Policy` (default `'same-origin'`). Django: SECURE_CROSS_ORIGIN_OPENER_POLICY */
  crossOriginOpenerPolicy?: 'same-origin' | 'same-origin-allow-popups' | 'unsafe-none' | false
  /** `Content-Security-Policy`, as written (default: none). Django: SECURE_CSP */
  contentSecurityPolicy?: string | false
  /** Strict-Transport-Security on HTTPS requests (default: off). */
  hsts?: HstsOptions | false
  /** Answer a plain-HTTP request with a 301 to its https:// URL (default: off). Django: SECURE_SSL_REDIRECT */
  sslRedirect?: boolean
}

/** The headers and HTTPS behaviour `bootstrap()` settles on, once. */
export interface SecurityPolicy {
  /** Written on every response, before the response's own headers. */
  readonly headers: Readonly<Record<string, string>>
  /** `headers` without `X-Frame-Options`, for a view exempt from it (`@XFrameOptionsExempt()`). */
  readonly framelessHeaders: Readonly<Record<string, string>>
  /** The Strict-Transport-Security value for HTTPS requests, if any. */
  readonly hsts: string | undefined
  readonly sslRedirect: boolean
}

const SECURITY_KEYS = new Set([
  'contentTypeNosniff',
  'xFrameOptions',
  'referrerPolicy',
  'crossOriginOpenerPolicy',
  'contentSecurityPolicy',
  'hsts',
  'sslRedirect',
])

/** Settle `options` into the headers to write; a mistake fails here, naming the option. */
export function securityPolicy(options: SecurityOptions | false = {}): SecurityPolicy {
  if (options === false) return { headers: {}, framelessHeaders: {}, hsts: undefined, sslRedirect: false }
  for (const key of Object.keys(options)) {
    if (!SECURITY_KEYS.has(key)) throw new ImproperlyConfigured(`bootstrap(): unknown security option '${key}'.`)
  }
  const headers: Record<string, string> = {}
  if (options.contentTypeNosniff ?? true) headers['x-content-type-options'] = 'nosniff'
  const frame = options.xFrameOptions ?? 'DENY'
  if (frame !== false) {
    if (frame !== 'DENY' && frame !== 'SAMEORIGIN') {
      throw new ImproperlyConfigured(
        `bootstrap(): security.xFrameOptions must be 'DENY', 'SAMEORIGIN' or false, not '${frame}'.`,
      )
    }
    headers['x-frame-options'] = frame
  }
  const referrer = options.referrerPolicy ?? 'same-origin'
  if (referrer !== false) headers['referrer-policy'] = referrer
  const coop = options.crossOriginOpenerPolicy ?? 'same-origin'
  if (coop !== false) headers['cross-origin-opener-policy'] = coop
  if (options.contentSecurityPolicy) headers['content-security-policy'] = options.contentSecurityPolicy
  const { 'x-frame-options': _, ...framelessHeaders } = headers
  return { headers, framelessHeaders, hsts: hstsValue(options.hsts), sslRedirect: options.sslRedirect ?? false }
}

function hstsValue(hsts: HstsOptions | false | undefined): string | undefined {
  if (!hsts) return undefined
  if (!Number.isInteger(hsts.maxAge) || hsts.maxAge <= 0) {
    throw new ImproperlyConfigured(`bootstrap(): security.hsts.maxAge must be a positive whole number of seconds.`)
  }
  let value = `max-age=${hsts.maxAge}`
  if (hsts.includeSubDomains) value += '; includeSubDomains'
  if (hsts.preload) value += '; preload'
  return value
}
