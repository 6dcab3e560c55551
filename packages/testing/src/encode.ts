import { errors } from './errors.js'

/** One query or form value; numbers and booleans are written as text. */
export type QueryValue = string | number | boolean

/** Query parameters: `URLSearchParams` or an object whose arrays repeat the key. */
export type QueryInit = URLSearchParams | Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>

/** Form fields, sent `application/x-www-form-urlencoded`; arrays repeat the key. */
export type FormInit = Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>

/** Headers of a test request, any case; `undefined` leaves one out. */
export type TestHeaders = Readonly<Record<string, string | number | readonly string[] | undefined>>

/** The body fields a test request may carry; at most one of them. */
export interface BodyFields<B> {
  /** A body as it is: parsed data for a `RequestFactory`, text or bytes for a client. */
  body?: B
  /** Data sent as JSON (`Content-Type: application/json`). */
  json?: unknown
  /** Fields sent as a URL-encoded form. */
  form?: FormInit
  /** The `Content-Type` header, replacing the one `json` and `form` imply. */
  contentType?: string
}

/** The body fields given; throws when more than one is. */
export function bodyKind(init: BodyFields<unknown>): 'body' | 'json' | 'form' | undefined {
  const given = (['body', 'json', 'form'] as const).filter((key) => init[key] !== undefined)
  if (given.length > 1) throw errors.bodyTwice(given)
  return given[0]
}

/** Split `path?query` into the path (checked to start with `/`) and the raw query. */
export function splitPath(url: string): { path: string; query: string } {
  if (!url.startsWith('/')) throw errors.badPath(url)
  const q = url.indexOf('?')
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) }
}

/** The query of `url` followed by the parameters of `query`, as one raw query string. */
export function joinQuery(fromPath: string, query: QueryInit | undefined): string {
  const extra = query === undefined ? '' : toSearchParams(query).toString()
  return fromPath && extra ? `${fromPath}&${extra}` : fromPath || extra
}

/** Parameters from an object (arrays repeat the key, `undefined` is left out) or a copy of `URLSearchParams`. */
export function toSearchParams(init: QueryInit | FormInit): URLSearchParams {
  if (init instanceof URLSearchParams) return new URLSearchParams(init)
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(init)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one))
  }
  return params
}

/** Lower-case the header names and write numbers as text, leaving out `undefined`. */
export function lowerHeaders(...sources: (TestHeaders | undefined)[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {}
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value !== undefined)
        headers[name.toLowerCase()] = typeof value === 'number' ? String(value) : (value as string | string[])
    }
  }
  return headers
}
