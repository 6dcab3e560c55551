// The write workload by hand: `GET /books/new/` (a form with a CSRF token, the cookie set) and
// `POST /books/new/`: parse the urlencoded body, check the token against the cookie as Django
// does, validate with zod, insert with a statement prepared once, answer 302 to the new book.
// Only what the Manouche CreateView's request needs, no more (docs/performance.md).
import { randomInt, timingSafeEqual } from 'node:crypto'
import Database from 'better-sqlite3'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { baselineTemplates, HTML, SECURITY } from './baseline.js'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_LENGTH = 32
const ALNUM = /^[a-zA-Z0-9]+$/
const COOKIE = /(?:^|;\s*)csrftoken=([^;]*)/
const YEAR = 60 * 60 * 24 * 7 * 52

/** What the form takes, as the model's fields declare it: trimmed text within its length, a whole number, a calendar day. */
const newBook = z.object({
  title: z.string().trim().min(1).max(200),
  author: z.string().trim().min(1).max(100),
  pages: z
    .string()
    .regex(/^\s*[+-]?\d+\s*$/)
    .transform(Number)
    .pipe(z.int()),
  publicationDate: z.iso.date(),
  slug: z.string().trim().min(1).max(220),
})

const randomText = (length: number): string => {
  let text = ''
  for (let i = 0; i < length; i++) text += ALPHABET[randomInt(ALPHABET.length)]
  return text
}

/** Django's masking: a random key, then each secret character shifted by the key's. */
function masked(secret: string): string {
  const key = randomText(SECRET_LENGTH)
  let shifted = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const sum = ALPHABET.indexOf(secret[i] as string) + ALPHABET.indexOf(key[i] as string)
    shifted += ALPHABET[sum % ALPHABET.length]
  }
  return key + shifted
}

/** The secret a masked (64) or plain (32) token stands for; undefined when it is not a token. */
function secretOf(token: string | undefined): string | undefined {
  if (token === undefined || !ALNUM.test(token)) return undefined
  if (token.length === SECRET_LENGTH) return token
  if (token.length !== 2 * SECRET_LENGTH) return undefined
  let secret = ''
  for (let i = 0; i < SECRET_LENGTH; i++) {
    const diff = ALPHABET.indexOf(token[SECRET_LENGTH + i] as string) - ALPHABET.indexOf(token[i] as string)
    secret += ALPHABET[(diff + ALPHABET.length) % ALPHABET.length]
  }
  return secret
}

/** The secret the request's `csrftoken` cookie holds, if any. */
const cookieSecret = (request: FastifyRequest) => secretOf(COOKIE.exec(request.headers.cookie ?? '')?.[1])

/** Whether the token the form sent matches the cookie's secret (and the Origin, when sent, is this host). */
function tokenAccepted(request: FastifyRequest, cookie: string | undefined, form: Record<string, string>): boolean {
  const origin = request.headers.origin
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) return false
  const sent = secretOf(form.csrfmiddlewaretoken)
  return cookie !== undefined && sent !== undefined && timingSafeEqual(Buffer.from(cookie), Buffer.from(sent))
}

/** Add `GET` and `POST /books/new/` to `app`, writing into the SQLite database `file`. */
export function installNewBook(app: FastifyInstance, file: string): void {
  const db = new Database(file, { fileMustExist: true })
  db.pragma('journal_mode = WAL')
  app.addHook('onClose', () => db.close())
  const insert = db.prepare<[string, string, number, string, string]>(
    'INSERT INTO books_book (title, author, pages, publication_date, slug) VALUES (?, ?, ?, ?, ?)',
  )
  const { eta, compile } = baselineTemplates()
  const formPage = compile('baseline/book_form.html')

  // The urlencoded form as an object (the last of a repeated key): all this route needs.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  /** The form page with a fresh token, the cookie (re)set with the secret. */
  const showForm = (reply: FastifyReply, secret: string | undefined, data: object, problems: string[]) => {
    const kept = secret ?? randomText(SECRET_LENGTH)
    reply
      .headers(SECURITY)
      .header('set-cookie', `csrftoken=${kept}; Max-Age=${YEAR}; Path=/; SameSite=Lax`)
      .header('vary', 'Cookie')
      .type(HTML)
    return eta.render(formPage, { token: masked(kept), data, problems })
  }

  app.get('/books/new/', (request, reply) => showForm(reply, cookieSecret(request), {}, []))
  app.post('/books/new/', (request: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const form = request.body ?? {}
    const cookie = cookieSecret(request)
    if (!tokenAccepted(request, cookie, form)) {
      return reply.code(403).headers(SECURITY).type('text/plain').send('CSRF verification failed.')
    }
    const parsed = newBook.safeParse(form)
    if (!parsed.success)
      return showForm(
        reply,
        cookie,
        form,
        parsed.error.issues.map((issue) => issue.message),
      )
    const book = parsed.data
    try {
      const { lastInsertRowid } = insert.run(
        book.title,
        book.author,
        book.pages,
        `${book.publicationDate}T00:00:00.000Z`,
        book.slug,
      )
      return reply.code(302).headers(SECURITY).header('location', `/books/${lastInsertRowid}/`).type(HTML).send('')
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error
      return showForm(reply, cookie, form, ['Book with this Slug already exists.'])
    }
  })
}
