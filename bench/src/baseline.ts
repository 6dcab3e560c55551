// The lean baseline Manouche is measured against: the bench pages hand-written on Fastify, Eta
// and better-sqlite3, doing the lean reference's work and no more (docs/performance.md).
// Statements prepared and templates compiled once; rows go to the template as the driver gives them.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Eta } from 'eta'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { installNewBook } from './baseline-write.js'
import { about, dbFile, PER_PAGE, templatesDir } from './fixtures.js'

type Row = { id: number; title: string; author: string; publication_date: string }

export const HTML = 'text/html; charset=utf-8'

// The security headers Manouche writes by default (Django's), so both apps answer alike.
export const SECURITY = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
}

/** The month abbreviations a month archive's URL takes, in any case (strptime's `%b`). */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** 'YYYY-MM-01' of the month `month` (0-based, may pass December) of `year`. */
const monthStart = (year: number, month: number): string =>
  `${String(year + Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`

/** Midnight UTC of a 'YYYY-MM-DD' day, in ms. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`)

/** The baseline's templates, compiled once: the about page (the same file as Manouche's), the list and a book. */
export function baselineTemplates() {
  const eta = new Eta({ views: templatesDir, cache: true })
  const compile = (name: string) => eta.compile(readFileSync(path.join(templatesDir, name), 'utf8'))
  // The about page's context is the same in both apps, so both render the one about.html.
  const aboutPage = compile('about.html')
  return { eta, compile, aboutPage, listPage: compile('baseline/books.html'), bookPage: compile('baseline/book.html') }
}

export const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain').send('Not Found')

/** Whether `If-Modified-Since` is at or after the newest day: decided on the numbers, before any date is formatted. */
export function notModified(request: FastifyRequest, newest: string): boolean {
  const since = request.headers['if-modified-since']
  if (since === undefined) return false
  const sinceMs = Date.parse(since)
  return !Number.isNaN(sinceMs) && dayStart(newest) <= sinceMs
}

/** The page `?page=` asks for, or undefined when it is no page of `numPages`. */
export function pageNumber(asked: string | undefined, numPages: number): number | undefined {
  const page = asked === undefined ? 1 : Number(asked)
  return Number.isInteger(page) && page >= 1 && page <= numPages ? page : undefined
}

/**
 * The baseline on `file` (default: the bench database), ready and not listening; given `library`
 * (a copy of library.ts's database), it also serves the write workload's `/books/new/`.
 */
export function buildBaseline(file = dbFile, library?: string): FastifyInstance {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  const newestDay = db.prepare<[], string>('SELECT MAX(publication_date) FROM books').pluck()
  const bookCount = db.prepare<[], number>('SELECT COUNT(*) FROM books').pluck()
  const pageRows = db.prepare<[number, number], Row>(
    'SELECT id, title, author, publication_date FROM books ORDER BY publication_date DESC LIMIT ? OFFSET ?',
  )
  const oneBook = db.prepare<[number], Row>('SELECT id, title, author, publication_date FROM books WHERE id = ?')
  // A month archive: its books up to today, newest first; the nearest books after and before it.
  const monthBooks = db.prepare<[string, string, string], Row>(
    'SELECT id, title, author, publication_date FROM books WHERE publication_date >= ? AND publication_date < ? AND publication_date <= ? ORDER BY publication_date DESC',
  )
  const firstAfter = db
    .prepare<[string, string], string | null>(
      'SELECT MIN(publication_date) FROM books WHERE publication_date >= ? AND publication_date <= ?',
    )
    .pluck()
  const lastBefore = db
    .prepare<[string], string | null>('SELECT MAX(publication_date) FROM books WHERE publication_date < ?')
    .pluck()

  const { eta, aboutPage, listPage, bookPage, compile } = baselineTemplates()
  const monthPage = compile('baseline/archive_month.html')
  const lastModifiedOnly = (_request: FastifyRequest, reply: FastifyReply) => {
    reply
      .headers(SECURITY)
      .header('last-modified', new Date(dayStart(newestDay.get() as string)).toUTCString())
      .send()
  }

  const app = Fastify({ logger: false, exposeHeadRoutes: false })
  app.get('/about/', (_request, reply) => {
    reply.headers(SECURITY).type(HTML)
    return eta.render(aboutPage, about)
  })
  app.head('/books/', lastModifiedOnly)
  app.head('/recent/', lastModifiedOnly)
  app.get('/books/', (request: FastifyRequest<{ Querystring: { page?: string } }>, reply) => {
    reply.headers(SECURITY)
    const newest = newestDay.get() as string
    if (notModified(request, newest)) return reply.code(304).send()
    const numPages = Math.max(1, Math.ceil((bookCount.get() as number) / PER_PAGE))
    const page = pageNumber(request.query.page, numPages)
    if (page === undefined) return notFound(reply)
    const books = pageRows.all(PER_PAGE, (page - 1) * PER_PAGE)
    reply.header('last-modified', new Date(dayStart(newest)).toUTCString()).type(HTML)
    return eta.render(listPage, { books, page, numPages })
  })
  app.get('/books/:pk(^\\d+)/', (request: FastifyRequest<{ Params: { pk: string } }>, reply) => {
    reply.headers(SECURITY)
    const book = oneBook.get(Number(request.params.pk))
    if (book === undefined) return notFound(reply)
    reply.type(HTML)
    return eta.render(bookPage, { book })
  })
  app.get(
    '/books/archive/:year(^\\d{4})/:month/',
    (request: FastifyRequest<{ Params: { year: string; month: string } }>, reply) => {
      reply.headers(SECURITY)
      const year = Number(request.params.year)
      const month = MONTHS.indexOf(request.params.month.toLowerCase())
      if (year < 1 || month < 0) return notFound(reply)
      const first = monthStart(year, month)
      const after = monthStart(year, month + 1)
      const today = new Date().toISOString().slice(0, 10)
      const books = monthBooks.all(first, after, today)
      if (books.length === 0) return notFound(reply)
      // The days holding books, ascending: the rows are newest first.
      const days = [...new Set(books.map((book) => book.publication_date))].reverse()
      const next = firstAfter.get(after, today)
      const previous = lastBefore.get(first)
      const nextMonth = next ? `${next.slice(0, 7)}-01` : null
      reply.type(HTML)
      return eta.render(monthPage, {
        month: first.slice(0, 7),
        books,
        days,
        next: nextMonth !== null && nextMonth < today ? nextMonth : null,
        previous: previous ? `${previous.slice(0, 7)}-01` : null,
      })
    },
  )
  if (library !== undefined) installNewBook(app, library)
  return app
}
