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
 * A Content-Security-Policy as Django 6's `SECURE_CSP` writes it: each directive with its sources
 * (`{ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] }`), `true` for a directive that
 * takes none (`'upgrade-insecure-requests': true`). Keywords keep their quotes: `"'self'"`.
 */
export type CspPolicy = Readonly<Record<string, string | readonly string[] | true>>

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
  /** `Content-Security-Policy`: a policy, or its header value as written (default: none). Django: SECURE_CSP */
  contentSecurityPolicy?: CspPolicy | string | false
  /**
   * `Content-Security-Policy-Report-Only`: the browser reports what the policy would block and
   * blocks nothing, to try a policy out (default: none). Django: SECURE_CSP_REPORT_ONLY
   */
  contentSecurityPolicyReportOnly?: CspPolicy | string | false
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
  'contentSecurityPolicyReportOnly',
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
  const csp = cspValue('contentSecurityPolicy', options.contentSecurityPolicy)
  if (csp) headers['content-security-policy'] = csp
  const cspReportOnly = cspValue('contentSecurityPolicyReportOnly', options.contentSecurityPolicyReportOnly)
  if (cspReportOnly) headers['content-security-policy-report-only'] = cspReportOnly
  const { 'x-frame-options': _, ...framelessHeaders } = headers
  return { headers, framelessHeaders, hsts: hstsValue(options.hsts), sslRedirect: options.sslRedirect ?? false }
}

const DIRECTIVE = /^[a-z][a-z0-9-]*$/
// A source may not end its directive (`;`), start another policy (`,`) or break the header line.
const BAD_SOURCE = /[;,\s]/

/** The header value of the policy `option` gives, '' for none; a malformed one fails, naming the option. */
function cspValue(option: string, policy: CspPolicy | string | false | undefined): string {
  if (!policy) return ''
  if (typeof policy === 'string') {
    if (/[\r\n]/.test(policy)) throw new ImproperlyConfigured(`bootstrap(): security.${option} contains a line break.`)
    return policy.trim()
  }
  const directives: string[] = []
  for (const [name, sources] of Object.entries(policy)) {
    if (!DIRECTIVE.test(name)) {
      throw new ImproperlyConfigured(`bootstrap(): security.${option} has an invalid directive name '${name}'.`)
    }
    if (sources === true) {
      directives.push(name)
      continue
    }
    const list = typeof sources === 'string' ? [sources] : sources
    for (const source of list) {
      if (typeof source !== 'string' || source === '' || BAD_SOURCE.test(source)) {
        throw new ImproperlyConfigured(
          `bootstrap(): security.${option}['${name}'] has an invalid source '${String(source)}': give one source per list item, without ';', ',' or spaces.`,
        )
      }
    }
    directives.push(list.length > 0 ? `${name} ${list.join(' ')}` : name)
  }
  return directives.join('; ')
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
