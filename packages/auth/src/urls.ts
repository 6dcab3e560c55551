// Where the login redirect goes, and which `next` values are safe to follow. Django:
// django/utils/http.py (url_has_allowed_host_and_scheme) and contrib/auth/views.py (redirect_to_login)
import { type HttpRequest, HttpResponseRedirect, reverse } from '@manouche/core'

// Django's MAX_URL_LENGTH: longer URLs are refused before parsing.
const MAX_URL_LENGTH = 2048
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/
// What a URL parser drops before reading a URL: C0 controls and spaces in front, tabs and newlines anywhere.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const LEADING_CONTROL_OR_SPACE = /^[\x00-\x20]+/
const TAB_OR_NEWLINE = /[\t\r\n]/g
const CONTROL = /^\p{C}/u

/** A URL split as Python's `urlsplit()` does: the scheme (lower case), the network location and the rest. */
interface SplitUrl {
  scheme: string
  netloc: string
}

function splitUrl(url: string): SplitUrl | undefined {
  let rest = url.replace(LEADING_CONTROL_OR_SPACE, '').replace(TAB_OR_NEWLINE, '')
  const scheme = SCHEME.exec(rest)?.[1]?.toLowerCase() ?? ''
  if (scheme) rest = rest.slice(scheme.length + 1)
  if (!rest.startsWith('//')) return { scheme, netloc: '' }
  const end = rest.slice(2).search(/[/?#]/)
  const netloc = end === -1 ? rest.slice(2) : rest.slice(2, end + 2)
  // An unbalanced IPv6 bracket is a ValueError in Python: the URL is refused.
  if (netloc.includes('[') !== netloc.includes(']')) return undefined
  return { scheme, netloc }
}

function hasAllowedHostAndScheme(url: string, allowedHosts: ReadonlySet<string>, requireHttps: boolean): boolean {
  // Browsers read three slashes and more as an absolute URL, which a parser may not.
  if (url.startsWith('///') || url.length > MAX_URL_LENGTH) return false
  const split = splitUrl(url)
  if (split === undefined) return false
  // A scheme without a host (`http:///evil.example`) is read by browsers as that host.
  if (!split.netloc && split.scheme) return false
  // Browsers ignore some control characters at the start and may then see `//host`.
  if (CONTROL.test(url)) return false
  const scheme = !split.scheme && split.netloc ? 'http' : split.scheme
  const schemes = requireHttps ? ['https'] : ['http', 'https']
  return (!split.netloc || allowedHosts.has(split.netloc)) && (!scheme || schemes.includes(scheme))
}

/**
 * Whether `url` is safe to redirect to: a path, or an http(s) URL on one of `allowedHosts`
 * (`https` only when `requireHttps`). Empty, scheme-relative to another host, `\\`-tricks,
 * `javascript:` and the like are not. Django: url_has_allowed_host_and_scheme
 */
export function urlHasAllowedHostAndScheme(
  url: string | null | undefined,
  allowedHosts: string | Iterable<string> | null | undefined,
  requireHttps = false,
): boolean {
  const trimmed = typeof url === 'string' ? url.trim() : ''
  if (!trimmed) return false
  const hosts = new Set(typeof allowedHosts === 'string' ? [allowedHosts] : (allowedHosts ?? []))
  // Browsers read `\` as `/` in URLs, but it may belong to credentials: both readings must pass.
  return (
    hasAllowedHostAndScheme(trimmed, hosts, requireHttps) &&
    hasAllowedHostAndScheme(trimmed.replaceAll('\\', '/'), hosts, requireHttps)
  )
}

/** Python's `quote(value, safe='/')`: what `redirect_to_login()` writes `next` with. */
function quote(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%2F', '/')
}

/** A URL, or the name of a route to reverse (anything without `/` or `.`). Django: resolve_url */
export function resolveUrl(request: HttpRequest, to: string): string {
  if (to.includes('/') || to.includes('.')) return to
  return reverse(to, {}, { urlconf: request.urlconf })
}

/** The scheme and host of `url`, as Python's `urlsplit()` reads them. */
export function urlOrigin(url: string): SplitUrl {
  return splitUrl(url) ?? { scheme: '', netloc: '' }
}

/** A 302 to `loginUrl` with `next` in its query under `redirectFieldName` (none when null). Django: redirect_to_login */
export function redirectToLogin(
  next: string,
  loginUrl: string,
  redirectFieldName: string | null,
): HttpResponseRedirect {
  if (!redirectFieldName) return new HttpResponseRedirect(loginUrl)
  const [beforeFragment = '', fragment] = splitOnce(loginUrl, '#')
  const [base = '', query = ''] = splitOnce(beforeFragment, '?')
  const pairs = [...new URLSearchParams(query)].filter(([name]) => name !== redirectFieldName)
  pairs.push([redirectFieldName, next])
  const encoded = pairs.map(([name, value]) => `${quote(name)}=${quote(value)}`).join('&')
  return new HttpResponseRedirect(`${base}?${encoded}${fragment === undefined ? '' : `#${fragment}`}`)
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}
