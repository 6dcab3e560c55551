// PostgreSQL going away while the application serves: requests get a 503 with Retry-After (no
// URL, no stack), a statement past its timeout too, and service resumes by itself when the
// database is back. The outage is a TCP proxy in front of the test server, closed and reopened.
// Runs when postgres-live.test.ts does (that file reports a skip).
import { once } from 'node:events'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { bootstrap, HttpResponse, path } from '@manouche/core'
import { DatabaseUnavailable, openDatabase, type SqlDatabase } from '@manouche/data'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Book, makeBooks } from '../fixtures/books.js'
import { TestSchema, testServer } from './postgres-server.js'

const server = await testServer()

/** A TCP proxy to `target` on a fixed port, which can be taken down (every socket cut) and brought back. */
class Outage {
  #server: Server | undefined
  readonly #sockets = new Set<Socket>()
  port = 0

  constructor(readonly target: URL) {}

  async up(): Promise<void> {
    const proxy = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname)
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket)
        socket.on('close', () => this.#sockets.delete(socket))
        socket.on('error', () => undefined)
      }
      client.pipe(upstream).pipe(client)
    })
    proxy.listen(this.port, '127.0.0.1')
    await once(proxy, 'listening')
    this.port = (proxy.address() as { port: number }).port
    this.#server = proxy
  }

  async down(): Promise<void> {
    const proxy = this.#server
    this.#server = undefined
    for (const socket of this.#sockets) socket.destroy()
    if (proxy) await new Promise((resolve) => proxy.close(resolve))
  }

  /** The test server's URL through the proxy, with a password (trust auth ignores it) to check it is masked. */
  url(): string {
    const url = new URL(this.target)
    url.port = String(this.port)
    url.password = 'sekret'
    return url.toString()
  }
}

if (!('skipped' in server)) {
  describe('PostgreSQL faults while serving', () => {
    const schema = new TestSchema(server.url)
    const outage = new Outage(new URL(server.url))
    let db: SqlDatabase
    let app: FastifyInstance

    before(async () => {
      await schema.create()
      await outage.up()
      db = await openDatabase(outage.url(), {
        connectTimeout: 1000,
        statementTimeout: 200,
        pool: { options: `-c search_path=${schema.name}` },
      })
      await db.createTables(Book)
      await db.insert(Book, makeBooks())
      app = await bootstrap({
        views: [],
        urlpatterns: [
          path('count/', async () => new HttpResponse(String(await db.querySet(Book).count()))),
          path('slow/', async () => {
            await sql`select pg_sleep(2)`.execute(db.kysely)
            return new HttpResponse('done')
          }),
        ],
      })
    })
    after(async () => {
      await app?.close()
      await db?.close()
      await outage.down()
      await schema.drop()
    })

    it('answers 503 with Retry-After while the database is away, and serves again once it is back', async () => {
      const before = await app.inject('/count/')
      expect(before.statusCode).to.equal(200)
      expect(before.body).to.equal(String(makeBooks().length))

      await outage.down()
      for (let i = 0; i < 3; i++) {
        const res = await app.inject('/count/')
        expect(res.statusCode).to.equal(503)
        expect(res.headers['retry-after']).to.equal('5')
        expect(res.body).to.contain('Service Unavailable (503)')
        expect(res.body).not.to.match(/127\.0\.0\.1|postgres|sekret|\n\s+at /)
      }

      await outage.up()
      const after = await app.inject('/count/')
      expect(after.statusCode).to.equal(200)
      expect(after.body).to.equal(String(makeBooks().length))
    })

    it('rejects a query with DatabaseUnavailable naming the URL without its password', async () => {
      await outage.down()
      try {
        const error = await db
          .querySet(Book)
          .count()
          .then(
            () => undefined,
            (e: unknown) => e,
          )
        expect(error).to.be.instanceOf(DatabaseUnavailable)
        const { message, statusCode, retryAfter } = error as DatabaseUnavailable
        expect(statusCode).to.equal(503)
        expect(retryAfter).to.equal(5)
        // An idle connection of the pool is found broken, or a new one is refused: either names the URL.
        expect(message).to.match(
          /^(Cannot connect to|Lost the connection to) the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test/,
        )
        expect(message).not.to.contain('sekret')
      } finally {
        await outage.up()
      }
    })

    it('answers 503 for a statement cancelled by its timeout, and the next request is served', async () => {
      const slow = await app.inject('/slow/')
      expect(slow.statusCode).to.equal(503)
      expect(slow.headers['retry-after']).to.equal('5')
      expect((await app.inject('/count/')).statusCode).to.equal(200)
    })
  })
}
