// The lean baseline on PostgreSQL: the four reference pages (about, a list page, its HEAD and its
// 304) hand-written on Fastify, Eta and a `pg` pool of the same size as Manouche's, with named
// (prepared) statements; dates formatted by the server as the SQLite baseline's text.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import pg from 'pg'
import { baselineTemplates, dayStart, HTML, notFound, notModified, pageNumber, SECURITY } from './baseline.js'
import { about, PER_PAGE } from './fixtures.js'
import { PG_POOL_OPTIONS, PG_POOL_SIZE, PG_URL } from './pg-database.js'

const DAY = `to_char(publication_date AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
const NEWEST = {
  name: 'newest',
  text: `SELECT to_char(max(publication_date) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM books`,
}
const COUNT = { name: 'count', text: 'SELECT count(*)::integer AS count FROM books' }
const PAGE = `SELECT id, title, author, ${DAY} AS publication_date FROM books ORDER BY books.publication_date DESC LIMIT $1 OFFSET $2`

/** The PostgreSQL baseline on `url`, ready and not listening; closing it ends its pool. */
export async function buildPgBaseline(url = PG_URL): Promise<FastifyInstance> {
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE, ...PG_POOL_OPTIONS })
  const { eta, aboutPage, listPage } = baselineTemplates()
  const newestDay = async () => (await pool.query<{ day: string }>(NEWEST)).rows[0]?.day as string
  const lastModified = (day: string) => new Date(dayStart(day)).toUTCString()

  const app = Fastify({ logger: false, exposeHeadRoutes: false })
  app.addHook('onClose', () => pool.end())
  app.get('/about/', (_request, reply) => {
    reply.headers(SECURITY).type(HTML)
    return eta.render(aboutPage, about)
  })
  app.head('/books/', async (_request, reply) => {
    reply
      .headers(SECURITY)
      .header('last-modified', lastModified(await newestDay()))
      .send()
  })
  app.get('/books/', async (request: FastifyRequest<{ Querystring: { page?: string } }>, reply) => {
    reply.headers(SECURITY)
    const newest = await newestDay()
    if (notModified(request, newest)) return reply.code(304).send()
    const count = (await pool.query<{ count: number }>(COUNT)).rows[0]?.count as number
    const numPages = Math.max(1, Math.ceil(count / PER_PAGE))
    const page = pageNumber(request.query.page, numPages)
    if (page === undefined) return notFound(reply)
    const { rows: books } = await pool.query({ name: 'page', text: PAGE, values: [PER_PAGE, (page - 1) * PER_PAGE] })
    reply.header('last-modified', lastModified(newest)).type(HTML)
    return eta.render(listPage, { books, page, numPages })
  })
  await app.ready()
  return app
}
