// The pages Manouche answers with when a view fails: short and generic in production, detailed
// (message, stack, URL patterns tried) only when `debug` is on.
import { ManoucheError } from './errors.js'
import { DisallowedHost } from './hosts.js'
import type { HttpRequest } from './request.js'
import { HttpResponse, JsonResponse } from './response.js'
import type { URLPattern } from './urls.js'

const TITLES: Record<number, string> = {
  400: 'Bad Request (400)',
  403: '403 Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed (405)',
  408: 'Request Timeout (408)',
  413: 'Payload Too Large (413)',
  414: 'URI Too Long (414)',
  415: 'Unsupported Media Type (415)',
  431: 'Request Header Fields Too Large (431)',
  500: 'Server Error (500)',
  503: 'Service Unavailable (503)',
}

/** Escape `text` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A short HTML page: `title` as its title and heading, then `body` (HTML, already escaped). */
export function page(status: number, title: string, body: string, error?: unknown): HttpResponse {
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`
  return withRetryAfter(new HttpResponse(html, { status }), error)
}

/** A Manouche error that knows when to come back (the database is down: 503) says so. */
function withRetryAfter(response: HttpResponse, error: unknown): HttpResponse {
  const retryAfter = error instanceof ManoucheError ? error.retryAfter : undefined
  if (retryAfter !== undefined) response.headers.set('Retry-After', String(retryAfter))
  return response
}

/** Where an error was raised: in a view (or what it called), or by the server around it. */
export type ErrorSource = 'view' | 'server'

/**
 * Whether `error` may choose its status and show its message: Manouche's own errors, and, only
 * when raised by the server around the views, Fastify's (`FST_ERR_*`: a body it cannot parse, a
 * media type it has no parser for). Any other error, whatever `statusCode` or `code` it
 * carries, is a 500 whose message stays in the log.
 */
function isTrusted(error: unknown, source: ErrorSource): error is Error & { statusCode: number } {
  if (error instanceof ManoucheError) return true
  if (source !== 'server') return false
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown }
  return typeof code === 'string' && code.startsWith('FST_ERR_') && typeof statusCode === 'number'
}

/** The HTTP status an error becomes: a trusted error's own 4xx/5xx, else 500. */
export function statusOf(error: unknown, source: ErrorSource = 'view'): number {
  const status = isTrusted(error, source) ? error.statusCode : 500
  return status >= 400 && status <= 599 ? status : 500
}

/** The message a client may read: a trusted client error's own words; never a server error's ('' for none). */
function clientMessage(error: unknown, status: number, source: ErrorSource): string {
  // The Host a client forged is not echoed back outside debug. Django: DisallowedHost's plain 400
  if (
    status >= 500 ||
    !isTrusted(error, source) ||
    error instanceof DisallowedHost ||
    !error.message ||
    error.message === TITLES[status]
  )
    return ''
  return error.message
}

/**
 * The production page for `error`: its status, a title, and a client error's message; as JSON
 * (`{ status, error, message? }`) when `accept` (the client's Accept header) prefers JSON to HTML.
 */
export function errorPage(error: unknown, source: ErrorSource = 'view', accept?: string): HttpResponse {
  const status = statusOf(error, source)
  const message = clientMessage(error, status, source)
  const title = TITLES[status] ?? `Error (${status})`
  if (accept && prefersJson(accept))
    return withRetryAfter(new JsonResponse(jsonBody(status, title, message), { status }), error)
  return page(status, title, message && `<p>${escapeHtml(message)}</p>`, error)
}

/** The production page of a bare status, for an error the server met before any request existed. */
export function statusPage(status: number, accept?: string): HttpResponse {
  const title = TITLES[status] ?? `Error (${status})`
  if (accept && prefersJson(accept)) return new JsonResponse(jsonBody(status, title, ''), { status })
  return page(status, title, '')
}

function jsonBody(status: number, error: string, message: string): object {
  return message ? { status, error, message } : { status, error }
}

/**
 * Whether an Accept header ranks JSON (`application/json`, `…+json`) above HTML. `*\/*` and
 * `text/*` count for HTML, so a browser, curl and a client that names nothing get the page.
 */
export function prefersJson(accept: string): boolean {
  let json = 0
  let html = 0
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';')
    const media = type.trim().toLowerCase()
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='))
    const weight = q ? Number(q.slice(2)) || 0 : 1
    if (media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json')))
      json = Math.max(json, weight)
    else if (media === 'text/html' || media === 'text/*' || media === '*/*') html = Math.max(html, weight)
  }
  return json > html
}

/** The debug page for `error`: its class, message, code, causes and stack. */
export function debugErrorPage(error: unknown, request: HttpRequest, source: ErrorSource = 'view'): HttpResponse {
  const status = statusOf(error, source)
  const parts = [`<p>${escapeHtml(`${request.method} ${request.fullPath}`)}</p>`]
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = (e as Error).cause, depth++) {
    const err = e instanceof Error ? e : new Error(String(e))
    const code = (err as { code?: unknown }).code
    parts.push(`<h2>${escapeHtml(err.name)}${code ? ` [${escapeHtml(String(code))}]` : ''}</h2>`)
    parts.push(`<pre class="message">${escapeHtml(err.message)}</pre>`)
    parts.push(`<pre class="stack">${escapeHtml(err.stack ?? '')}</pre>`)
  }
  parts.push('<p>You see this page because <code>debug</code> is on. Turn it off in production.</p>')
  return page(status, `${error instanceof Error ? error.name : 'Error'} at ${request.path}`, parts.join('\n'), error)
}

/** The debug 404 page: why, and the URL patterns tried in order. Django: technical_404_response */
export function debugNotFoundPage(path: string, reason: string, patterns: readonly URLPattern[]): HttpResponse {
  const items = patterns.map(
    (p) => `<li><code>/${escapeHtml(p.route)}</code>${p.name ? ` [name='${escapeHtml(p.name)}']` : ''}</li>`,
  )
  const body = [
    `<p>Request path: <code>${escapeHtml(path)}</code></p>`,
    `<p>${escapeHtml(reason)}</p>`,
    `<p>Manouche tried these URL patterns, in this order:</p>`,
    `<ol>${items.join('')}</ol>`,
    '<p>You see this page because <code>debug</code> is on. Turn it off in production.</p>',
  ]
  return page(404, 'Page not found (404)', body.join('\n'))
}
