import { errors } from './errors.js'

// RFC 9110 field names are tokens; a CR, LF or NUL in a value would split the response.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const UNSAFE = /[\r\n\0]/

function checkValue(value: string): void {
  if (UNSAFE.test(value)) throw errors.badHeaderValue(value)
}

/** A header value as Fastify sends it: one string, or several (`Set-Cookie`). */
export type HeaderValue = string | string[]

/** Headers given to a response: a plain object, pairs, or another `ResponseHeaders`. */
export type HeadersInit = Record<string, HeaderValue | number | undefined> | Iterable<[string, HeaderValue]>

/**
 * Response headers with case-insensitive names, kept lower case (as HTTP/2 and Fastify send
 * them). Django: HttpResponse.headers
 */
export class ResponseHeaders implements Iterable<[string, HeaderValue]> {
  readonly #entries = new Map<string, HeaderValue>()

  constructor(init?: HeadersInit) {
    if (!init) return
    const pairs = Symbol.iterator in init ? init : Object.entries(init)
    for (const [name, value] of pairs as Iterable<[string, HeaderValue | number | undefined]>) {
      if (value !== undefined) this.set(name, typeof value === 'number' ? String(value) : value)
    }
  }

  /** The value of `name`, whatever its case, or undefined. */
  get(name: string): HeaderValue | undefined {
    return this.#entries.get(name.toLowerCase())
  }

  /** Set `name` to `value`, replacing any value under any spelling of the name; refuses newlines. */
  set(name: string, value: HeaderValue): this {
    if (!TOKEN.test(name)) throw errors.badHeaderName(name)
    if (Array.isArray(value)) for (const one of value) checkValue(one)
    else checkValue(value)
    this.#entries.set(name.toLowerCase(), value)
    return this
  }

  /** Set `name` only when it is not set yet. Django: HttpResponse.setdefault */
  setDefault(name: string, value: HeaderValue): this {
    if (!this.has(name)) this.set(name, value)
    return this
  }

  /** Whether `name` is set, whatever its case. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase())
  }

  /** Remove `name`; true when it was there. */
  delete(name: string): boolean {
    return this.#entries.delete(name.toLowerCase())
  }

  /** The number of headers set. */
  get size(): number {
    return this.#entries.size
  }

  /** Iterate `[name, value]` pairs, names lower case, in the order they were first set. */
  [Symbol.iterator](): IterableIterator<[string, HeaderValue]> {
    return this.#entries.entries()
  }

  /** A plain object of the headers, names lower case. */
  toJSON(): Record<string, HeaderValue> {
    return Object.fromEntries(this.#entries)
  }
}
