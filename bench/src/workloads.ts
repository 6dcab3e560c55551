// The seven bench workloads, shared by every bench tool and by the parity test.

/** One kind of request, sent again and again to both apps. */
export interface Workload {
  name: string
  method: 'GET' | 'HEAD'
  path: string
  headers?: Record<string, string>
  status: number
  /** One of the four pages the lean reference serves (`npm run bench:reference` compares those). */
  reference?: boolean
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

/** The cookie and the form token a `GET /books/new/` answer gives, as a browser keeps them. */
export function csrfOf(setCookie: string | string[] | undefined, body: string): { cookie: string; token: string } {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie]
  const cookie = cookies.map((line) => line.split(';')[0] as string).find((pair) => pair.startsWith('csrftoken='))
  const token = /name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"/.exec(body)?.[1]
  if (cookie === undefined || token === undefined) throw new Error('GET /books/new/ gave no CSRF cookie or token')
  return { cookie, token }
}
