// The seven read workloads, shared by every bench tool and by the parity test, and the write
// workload (`npm run bench` and parity-write.test.ts), whose servers are given a database to write.
import { newBookForm } from './library.js'

/** One kind of request, sent again and again to both apps. */
export interface Workload {
  name: string
  method: 'GET' | 'HEAD' | 'POST'
  path: string
  headers?: Record<string, string>
  status: number
  /** One of the four pages the lean reference serves (`npm run bench:reference` compares those). */
  reference?: boolean
  /** A POST's urlencoded body, a new one each call (unique values where the model needs them). */
  body?: () => string
}

/** The book the detail workload shows (any id from 1 to 1,000 would do). */
export const DETAIL_PK = 421

/** The month archive the date workload shows: two books, a month with books on each side. */
export const ARCHIVE_MONTH = '/books/archive/1990/feb/'

/**
 * The workloads; the 304 one sends back `lastModified`, the `Last-Modified` the list gives.
 * BENCH_ONLY keeps those whose name holds it (`BENCH_ONLY=304`, `BENCH_ONLY=HEAD`).
 */
export function workloads(lastModified: string): Workload[] {
  const all: Workload[] = [
    { name: 'GET /about/ (TemplateView)', method: 'GET', path: '/about/', status: 200, reference: true },
    { name: 'GET /books/?page=2 (ListView)', method: 'GET', path: '/books/?page=2', status: 200, reference: true },
    { name: 'HEAD /books/ (lastModified + head)', method: 'HEAD', path: '/books/', status: 200, reference: true },
    {
      name: 'GET /books/ + If-Modified-Since (304)',
      method: 'GET',
      path: '/books/',
      headers: { 'if-modified-since': lastModified },
      status: 304,
      reference: true,
    },
    { name: `GET /books/${DETAIL_PK}/ (DetailView)`, method: 'GET', path: `/books/${DETAIL_PK}/`, status: 200 },
    { name: 'HEAD /recent/ (head + latest)', method: 'HEAD', path: '/recent/', status: 200 },
    {
      name: `GET ${ARCHIVE_MONTH} (MonthArchiveView)`,
      method: 'GET',
      path: ARCHIVE_MONTH,
      status: 200,
    },
  ]
  const only = process.env.BENCH_ONLY
  return only ? all.filter((w) => w.name.includes(only)) : all
}

/**
 * The write workload, a valid new book posted to the sample's CreateView, unless BENCH_ONLY
 * leaves it out. Its requests need the cookie and token of a GET of the form: `withCsrf()`.
 */
export function writeWorkloads(): Workload[] {
  const post: Workload = { name: 'POST /books/new/ (CreateView)', method: 'POST', path: '/books/new/', status: 302 }
  const only = process.env.BENCH_ONLY
  return only && !post.name.includes(only) ? [] : [post]
}

/**
 * `workload` as one browser sends it: the CSRF cookie and token it was given, a form body with a
 * new slug each request (the n-th of this copy, counting on from one load run to the next).
 */
export function withCsrf(workload: Workload, { cookie, token }: { cookie: string; token: string }): Workload {
  let sent = 0
  return {
    ...workload,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: () => new URLSearchParams({ ...newBookForm(++sent), csrfmiddlewaretoken: token }).toString(),
  }
}

/** `workload` as a browser on `port` sends it: a write workload with the CSRF cookie and token a GET of its form gave. */
export async function signedIn(port: number, workload: Workload): Promise<Workload> {
  if (workload.method !== 'POST') return workload
  const form = await fetch(`http://127.0.0.1:${port}${workload.path}`)
  return withCsrf(workload, csrfOf(form.headers.getSetCookie(), await form.text()))
}

/** The cookie and the form token a `GET /books/new/` answer gives, as a browser keeps them. */
export function csrfOf(setCookie: string | string[] | undefined, body: string): { cookie: string; token: string } {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie]
  const cookie = cookies.map((line) => line.split(';')[0] as string).find((pair) => pair.startsWith('csrftoken='))
  const token = /name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"/.exec(body)?.[1]
  if (cookie === undefined || token === undefined) throw new Error('GET /books/new/ gave no CSRF cookie or token')
  return { cookie, token }
}
