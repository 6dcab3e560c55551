// The limit we measure Manouche against: the same four pages written by hand on Fastify, Eta
// and better-sqlite3, with every statement prepared once. No Manouche package is used here.
import Database from 'better-sqlite3'
import { Eta } from 'eta'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { dbFile, team, templatesDir } from './fixtures.js'
import { announce } from './ipc.js'

const PER_PAGE = 20
const db = new Database(dbFile, { readonly: true })
const countBooks = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM books_book')
const pageOfBooks = db.prepare<[number, number], Record<string, unknown>>(
  'SELECT id, title, author, pages, publication_date, slug FROM books_book ORDER BY publication_date DESC LIMIT ? OFFSET ?',
)
const newest = db.prepare<[], { publication_date: string }>(
  'SELECT publication_date FROM books_book ORDER BY publication_date DESC LIMIT 1',
)
const eta = new Eta({ views: templatesDir, cache: true })
const HTML = 'text/html; charset=utf-8'

function lastModified(): { seconds: number; header: string } {
  const seconds = Math.floor(Date.parse(newest.get()?.publication_date ?? '') / 1000)
  return { seconds, header: new Date(seconds * 1000).toUTCString() }
}

function notModified(request: FastifyRequest, seconds: number): boolean {
  const since = request.headers['if-modified-since']
  if (!since) return false
  const parsed = Date.parse(since)
  return !Number.isNaN(parsed) && seconds <= parsed / 1000
}

function bookList(request: FastifyRequest, reply: FastifyReply) {
  const modified = lastModified()
  reply.header('Last-Modified', modified.header)
  if (notModified(request, modified.seconds)) return reply.code(304).send()
  const raw = (request.query as Record<string, string>).page ?? '1'
  const count = countBooks.get()?.n ?? 0
  const numPages = Math.max(1, Math.ceil(count / PER_PAGE))
  const number = raw === 'last' ? numPages : Number(raw)
  if (!Number.isInteger(number) || number < 1 || number > numPages) return reply.code(404).type(HTML).send('Not Found')
  const rows = pageOfBooks.all(PER_PAGE, (number - 1) * PER_PAGE)
  const books = rows.map((r) => ({ ...r, publicationDate: new Date(r.publication_date as string) }))
  const pageObj = {
    number,
    hasPrevious: () => number > 1,
    hasNext: () => number < numPages,
    previousPageNumber: () => number - 1,
    nextPageNumber: () => number + 1,
    startIndex: () => (count === 0 ? 0 : (number - 1) * PER_PAGE + 1),
  }
  const html = eta.render('baseline/book_list.html', { bookList: books, pageObj, paginator: { count, numPages } })
  return reply.type(HTML).send(html)
}

const app = Fastify()
app.get('/about/', (_request, reply) => reply.type(HTML).send(eta.render('baseline/about.html', { team })))
// Fastify's HEAD route runs the GET handler and drops the body, keeping GET's Content-Length.
// BASELINE_ANSWER_LATER=1 (used only by `npm run bench:later`) runs the same handler one
// microtask after Fastify's returns, as a view with an async hook must answer.
if (process.env.BASELINE_ANSWER_LATER === '1') {
  app.get('/books/', (request, reply) => {
    Promise.resolve().then(() => bookList(request, reply))
  })
} else {
  app.get('/books/', bookList)
}

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
announce(app)
