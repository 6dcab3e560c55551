// Conditional GET for views that define `lastModified()` and/or `etag()`: Django's condition()
// decorator and get_conditional_response(), evaluated before the handler runs.
import { escapeForLog, logResponse } from './log.js'
import type { HttpRequest, Kwargs } from './request.js'
import { HttpResponse, HttpResponseNotModified } from './response.js'
import { andThen, type ViewResult } from './view-types.js'

interface ConditionalView {
  lastModified?(request: HttpRequest, kwargs: Kwargs): Date | undefined | Promise<Date | undefined>
  etag?(request: HttpRequest, kwargs: Kwargs): string | undefined | Promise<string | undefined>
}

type Handler = (request: HttpRequest, kwargs: Kwargs) => ViewResult

/** What a view's `lastModified()` and `etag()` gave for the request being served. */
export interface Validators {
  /** What `lastModified()` returned; undefined when it returned none or is not defined. */
  lastModified: Date | undefined
  /** What `etag()` returned, quoted as sent; undefined when it returned none or is not defined. */
  etag: string | undefined
}

const ETAG = /^(?:W\/)?"[^"]*"$/
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const RFC1123 = /^\w{3}, (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/
const RFC850 = /^\w{6,9}, (\d{2})-(\w{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/
const ASCTIME = /^\w{3} (\w{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/
const PRECONDITIONS = ['if-match', 'if-unmodified-since', 'if-none-match', 'if-modified-since']
const COPIED_TO_304 = ['Cache-Control', 'Content-Location', 'Date', 'ETag', 'Expires', 'Last-Modified', 'Vary']

/** Whether `view` takes part in conditional GET. */
export function hasConditions(view: object): boolean {
  const v = view as ConditionalView
  return typeof v.lastModified === 'function' || typeof v.etag === 'function'
}

/** The ETags of an `If-Match` / `If-None-Match` header; malformed ones are dropped. Django: parse_etags */
export function parseEtags(header: string): string[] {
  if (header.trim() === '*') return ['*']
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => ETAG.test(part))
}

/** `etag` quoted as a strong ETag unless it already is one. Django: quote_etag */
export function quoteEtag(etag: string): string {
  return ETAG.test(etag) ? etag : `"${etag}"`
}

/** Seconds since the epoch as an HTTP date (`Mon, 02 Jan 2023 23:21:47 GMT`). Django: http_date */
export function httpDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toUTCString()
}

/** Epoch seconds of an HTTP date in any of its three formats, or undefined. Django: parse_http_date_safe */
export function parseHttpDate(text: string): number | undefined {
  const fixdate = imfFixdate(text)
  if (fixdate !== undefined) return checkedTime(...fixdate)
  const parts = dateParts(text)
  if (!parts) return undefined
  const [year, mon, day, hh, mm, ss] = parts
  return checkedTime(Number(year), MONTHS.indexOf(mon), Number(day), Number(hh), Number(mm), Number(ss))
}

/** Epoch seconds of a date's fields (month from 0, -1 unknown), undefined for an impossible date. */
function checkedTime(year: number, month: number, day: number, hh: number, mm: number, ss: number): number | undefined {
  const time = Date.UTC(year, month, day, hh, mm, ss)
  const check = new Date(time)
  // Reject impossible dates (day 32, hour 25) instead of letting Date roll them over.
  if (month < 0 || check.getUTCDate() !== day || check.getUTCHours() !== hh || ss > 59) return undefined
  return time / 1000
}

type DateFields = [year: number, month: number, day: number, hh: number, mm: number, ss: number]

/**
 * The fields of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the one format RFC 9110 lets a
 * sender write, so what browsers and caches send back in `If-Modified-Since`), read by position
 * without a regular expression or a string allocated; undefined for anything else, which the
 * three patterns below then read (the same text the RFC 1123 pattern accepts gives the same date).
 */
function imfFixdate(text: string): DateFields | undefined {
  if (text.length !== 29 || text.charCodeAt(3) !== 44 || !text.endsWith(' GMT')) return undefined
  for (let i = 0; i < 3; i++) if (!isWordChar(text.charCodeAt(i))) return undefined
  for (let i = 0; i < FIXDATE_SEPARATORS.length; i += 2) {
    if (text.charCodeAt(FIXDATE_SEPARATORS[i] as number) !== FIXDATE_SEPARATORS[i + 1]) return undefined
  }
  const month = monthAt(text, 8)
  const day = digits(text, 5, 2)
  const year = digits(text, 12, 4)
  const hh = digits(text, 17, 2)
  const mm = digits(text, 20, 2)
  const ss = digits(text, 23, 2)
  if (day < 0 || year < 0 || hh < 0 || mm < 0 || ss < 0) return undefined
  return [year, month, day, hh, mm, ss]
}

// The spaces and colons of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`): position, char code.
const FIXDATE_SEPARATORS: readonly number[] = [4, 32, 7, 32, 11, 32, 16, 32, 19, 58, 22, 58]

/** A `\w` of a regular expression: a letter, a digit or `_`. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
}

/** The number written by the `length` digits at `at`, or -1 when one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** The month (0 for `Jan`) whose three letters start at `at`, or -1. */
function monthAt(text: string, at: number): number {
  for (let month = 0; month < 12; month++) if (text.startsWith(MONTHS[month] as string, at)) return month
  return -1
}

type DateParts = [year: string, month: string, day: string, hh: string, mm: string, ss: string]

function dateParts(text: string): DateParts | undefined {
  const rfc1123 = RFC1123.exec(text)
  if (rfc1123) return [rfc1123[3], rfc1123[2], rfc1123[1], rfc1123[4], rfc1123[5], rfc1123[6]] as DateParts
  const rfc850 = RFC850.exec(text)
  if (rfc850)
    return [twoDigitYear(Number(rfc850[3])), rfc850[2], rfc850[1], rfc850[4], rfc850[5], rfc850[6]] as DateParts
  const asctime = ASCTIME.exec(text)
  if (asctime)
    return [asctime[6], asctime[1], (asctime[2] as string).trim(), asctime[3], asctime[4], asctime[5]] as DateParts
  return undefined
}

function twoDigitYear(yy: number): string {
  const now = new Date().getUTCFullYear()
  const year = 2000 + yy
  return String(year - now > 50 ? year - 100 : year)
}

/** A header's value as one string. */
function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value
}

/** A 304, or a 412, or undefined to go on. Django: get_conditional_response */
export function conditionalResponse(
  request: HttpRequest,
  etag?: string,
  lastModified?: number,
): HttpResponse | undefined {
  // Each header is read by its own name at its own place (not through one helper taking the
  // name): a lookup site that always sees the same name stays fast, even for a missing header.
  const headers = request.headers
  const ifMatch = parseOptionalEtags(joined(headers['if-match']))
  const ius = parseOptionalDate(joined(headers['if-unmodified-since']))
  const ifNoneMatch = parseOptionalEtags(joined(headers['if-none-match']))
  const ims = parseOptionalDate(joined(headers['if-modified-since']))
  const safe = request.method === 'GET' || request.method === 'HEAD'
  if (ifMatch.length > 0 && !ifMatchPasses(etag, ifMatch)) return preconditionFailed(request)
  if (ifMatch.length === 0 && ius !== undefined && !(lastModified !== undefined && lastModified <= ius)) {
    return preconditionFailed(request)
  }
  if (ifNoneMatch.length > 0 && !ifNoneMatchPasses(etag, ifNoneMatch)) {
    return safe ? new HttpResponseNotModified() : preconditionFailed(request)
  }
  if (ifNoneMatch.length === 0 && ims !== undefined && safe && lastModified !== undefined && lastModified <= ims) {
    return new HttpResponseNotModified()
  }
  return undefined
}

/** A copy of `response`'s caching headers on a 304. Django: _not_modified */
export function notModifiedFrom(response: HttpResponse): HttpResponseNotModified {
  const notModified = new HttpResponseNotModified()
  for (const name of COPIED_TO_304) {
    const value = response.headers.get(name)
    if (value !== undefined) notModified.headers.set(name, value)
  }
  const cookies = response.headers.get('set-cookie')
  if (cookies !== undefined) notModified.headers.set('Set-Cookie', cookies)
  return notModified
}

const NO_ETAGS: readonly string[] = []

function parseOptionalEtags(value: string | undefined): readonly string[] {
  return value === undefined ? NO_ETAGS : parseEtags(value)
}

function parseOptionalDate(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseHttpDate(value.trim())
}

function ifMatchPasses(etag: string | undefined, list: readonly string[]): boolean {
  if (etag === undefined) return false
  if (list.length === 1 && list[0] === '*') return true
  if (etag.startsWith('W/')) return false
  return list.includes(etag)
}

function ifNoneMatchPasses(etag: string | undefined, list: readonly string[]): boolean {
  if (etag === undefined) return true
  if (list.length === 1 && list[0] === '*') return false
  const weak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag)
  const target = weak(etag)
  return !list.some((tag) => weak(tag) === target)
}

function preconditionFailed(request: HttpRequest): HttpResponse {
  const response = new HttpResponse('', { status: 412 })
  logResponse(request.log, 412, `Precondition Failed: ${escapeForLog(request.path)}`)
  return response
}

/**
 * Run `handler` behind the view's `lastModified()`/`etag()` checks: synchronous when the hooks
 * and the handler are, else a promise. Django: condition()
 */
export function dispatchWithConditions(
  target: object,
  handler: Handler,
  request: HttpRequest,
  kwargs: Kwargs,
): ViewResult {
  const view = target as ConditionalView
  const safe = request.method === 'GET' || request.method === 'HEAD'
  // An unsafe method uses the validators only to check its preconditions: without any, skip them.
  if (!safe && !PRECONDITIONS.some((name) => request.headers[name] !== undefined)) {
    return handler.call(view, request, kwargs)
  }
  if (view.etag) return withBothValidators(view, handler, request, kwargs, safe)
  let modified: ReturnType<NonNullable<ConditionalView['lastModified']>>
  try {
    modified = view.lastModified?.(request, kwargs)
  } catch (error) {
    return Promise.reject(error) // a validator that throws rejects, as an async one would
  }
  return andThen(modified, (value) => conclude(view, handler, request, kwargs, safe, value, undefined))
}

/** Both hooks, one after the other as Django calls them (etag() may use what lastModified() found). */
async function withBothValidators(
  view: ConditionalView,
  handler: Handler,
  request: HttpRequest,
  kwargs: Kwargs,
  safe: boolean,
): Promise<HttpResponse> {
  const modified = view.lastModified && (await view.lastModified(request, kwargs))
  const rawEtag = await view.etag?.(request, kwargs)
  return conclude(view, handler, request, kwargs, safe, modified, rawEtag)
}

/** Answer from the validators' values: a 304 or 412, else the handler's response; then set the validators on it. */
function conclude(
  view: ConditionalView,
  handler: Handler,
  request: HttpRequest,
  kwargs: Kwargs,
  safe: boolean,
  modified: Date | undefined,
  rawEtag: string | undefined,
): ViewResult {
  const time = modified?.getTime()
  const lastModified = time !== undefined && Number.isFinite(time) ? Math.floor(time / 1000) : undefined
  const etag = rawEtag === undefined || rawEtag === null ? undefined : quoteEtag(rawEtag)
  const early = conditionalResponse(request, etag, lastModified)
  if (early !== undefined) return withValidators(early, safe, lastModified, etag)
  // The handler may use what the hooks found (a HEAD need not query again for the newest row).
  const target = view as { validators?: Validators }
  target.validators = { lastModified: modified ?? undefined, etag }
  return andThen(handler.call(view, request, kwargs), (response) => withValidators(response, safe, lastModified, etag))
}

function withValidators(
  response: HttpResponse,
  safe: boolean,
  lastModified: number | undefined,
  etag: string | undefined,
): HttpResponse {
  if (safe) {
    if (lastModified !== undefined) response.headers.setDefault('Last-Modified', httpDate(lastModified))
    if (etag !== undefined) response.headers.setDefault('ETag', etag)
  }
  return response
}
