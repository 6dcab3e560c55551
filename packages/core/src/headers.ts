import { errors } from './errors.js'

// RFC 9110 field names are tokens; a CR, LF or NUL in a value would split the response.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const UNSAFE = /[\r\n\0]/

// Header names are nearly always constants in the code (`'Last-Modified'`): the lower-case key
// of each name already checked is remembered, so neither the check nor the lower-casing runs
// again for it. Bounded, in case an application sets names it reads from its input.
const checkedKeys = new Map<string, string>()
const MAX_CHECKED_KEYS = 1024

/** The key of a name about to be set: checked as a token, lower-cased. */
function checkedKey(name: string): string {
  let key = checkedKeys.get(name)
  if (key === undefined) {
    if (!TOKEN.test(name)) throw errors.badHeaderName(name)
    key = name.toLowerCase()
    if (checkedKeys.size < MAX_CHECKED_KEYS) checkedKeys.set(name, key)
  }
  return key
}

/** The key to look a name up under (no check: a name that is no token is simply not there). */
function keyOf(name: string): string {
  return checkedKeys.get(name) ?? name.toLowerCase()
}

function checkValue(value: string): void {
  if (UNSAFE.test(value)) throw errors.badHeaderValue(value)
}

/** A header value as Fastify sends it: one string, or several (`Set-Cookie`). */
export type HeaderValue = string | string[]

/** Headers given to a response: a plain object, pairs, or another `ResponseHeaders`. */
export type HeadersInit = Record<string, HeaderValue | number | undefined> | Iterable<[string, HeaderValue]>

/** What ResponseHeaders holds: the lower-case key of each name, and the name as set with its value. */
type Entries = Map<string, [string, HeaderValue]>

// Package-internal access to a ResponseHeaders' entries, for the server and the conditional-GET
// code (set in the class's static block; not exported from the package).
let entriesOf: (headers: ResponseHeaders) => Entries

/**
 * Response headers with case-insensitive names that keep the spelling they were set with.
 * Django: HttpResponse.headers
 */
export class ResponseHeaders implements Iterable<[string, HeaderValue]> {
  readonly #entries: Entries = new Map()

  static {
    entriesOf = (headers) => headers.#entries
  }

  constructor(init?: HeadersInit) {
    if (!init) return
    const pairs = Symbol.iterator in init ? init : Object.entries(init)
    for (const [name, value] of pairs as Iterable<[string, HeaderValue | number | undefined]>) {
      if (value !== undefined) this.set(name, typeof value === 'number' ? String(value) : value)
    }
  }

  /** The value of `name`, whatever its case, or undefined. */
  get(name: string): HeaderValue | undefined {
    return this.#entries.get(keyOf(name))?.[1]
  }

  /** Set `name` to `value`, replacing any value under any spelling of the name; refuses newlines. */
  set(name: string, value: HeaderValue): this {
    const key = checkedKey(name)
    if (Array.isArray(value)) for (const one of value) checkValue(one)
    else checkValue(value)
    this.#entries.set(key, [name, value])
    return this
  }

  /** Set `name` only when it is not set yet. Django: HttpResponse.setdefault */
  setDefault(name: string, value: HeaderValue): this {
    if (!this.has(name)) this.set(name, value)
    return this
  }

  /** Whether `name` is set, whatever its case. */
  has(name: string): boolean {
    return this.#entries.has(keyOf(name))
  }

  /** Remove `name`; true when it was there. */
  delete(name: string): boolean {
    return this.#entries.delete(keyOf(name))
  }

  /** The number of headers set. */
  get size(): number {
    return this.#entries.size
  }

  /** Iterate `[name, value]` pairs with the names as they were set. */
  [Symbol.iterator](): IterableIterator<[string, HeaderValue]> {
    return this.#entries.values()
  }

  /** A plain object of the headers, names as they were set. */
  toJSON(): Record<string, HeaderValue> {
    return Object.fromEntries(this.#entries.values())
  }
}

/**
 * The headers keyed by lower-case name (Fastify lower-cases every name it is given, and sends
 * them so): handing it the key it would make saves it a new string per header and request.
 * @internal
 */
export function headerEntries(headers: ResponseHeaders): ReadonlyMap<string, readonly [string, HeaderValue]> {
  return entriesOf(headers)
}

/**
 * Set a header whose name is a constant token and whose value the framework made itself (an
 * HTTP date), unless it is set already: `setDefault()` without checking them again.
 * @internal
 */
export function setDefaultTrusted(headers: ResponseHeaders, key: string, name: string, value: string): void {
  const entries = entriesOf(headers)
  if (!entries.has(key)) entries.set(key, [name, value])
}
