/**
 * Opening a database by URL: `openDatabase('sqlite:books.sqlite3')`, `openDatabase('postgres://…')`
 * or `openDatabase()` for `DATABASE_URL`. PostgreSQL runs on a `pg` pool through Kysely's
 * `PostgresDialect`; the server is asked once before `openDatabase` resolves, so a wrong URL, host
 * or password fails at start-up, naming the URL without its password, instead of at the first request.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely'
import pg from 'pg'
import { errors } from '../errors.js'
import { SqlDatabase, type SqlDatabaseOptions } from './database.js'
import { postgresFlavor } from './postgres.js'
import { openSqlite } from './sqlite.js'

/** Options of `openDatabase`: SqlDatabase's, then each backend's own (ignored by the other). */
export interface OpenDatabaseOptions extends SqlDatabaseOptions {
  /** PostgreSQL: the most connections the pool opens (pg's `max`); default 10. */
  poolSize?: number
  /** PostgreSQL: cancel a statement running longer than this many milliseconds; default none. */
  statementTimeout?: number
  /** PostgreSQL: give up connecting after this many milliseconds; default 5,000 (pg's own default waits forever). */
  connectTimeout?: number
  /** PostgreSQL: TLS, as pg takes it (`true`, or `{ rejectUnauthorized, ca, ... }`). `sslmode` in the URL works too. */
  ssl?: pg.PoolConfig['ssl']
  /** PostgreSQL: any other `pg.Pool` option, passed through (the options above win). */
  pool?: pg.PoolConfig
  /** SQLite: better-sqlite3's own options. */
  sqlite?: BetterSqlite3.Options
  /** SQLite: milliseconds a statement waits, on timers, for a lock another connection holds; default 2,000 (see `openSqlite`). */
  busyTimeout?: number
}

const SCHEMES = "use 'sqlite:<file>' or 'postgres://user:password@host:port/database'"

/**
 * Open the database a URL names, `DATABASE_URL` when `url` is omitted: `sqlite:<file>` (also
 * `sqlite::memory:`, `sqlite:///absolute/path`) or `postgres://` / `postgresql://`. Rejects with
 * ImproperlyConfigured (`MNC_ERR_DATA_BAD_URL`) for a missing or malformed URL or an unknown scheme,
 * and with DatabaseUnavailable (`MNC_ERR_DATA_UNAVAILABLE`) when PostgreSQL does not answer or
 * refuses the credentials; messages show the URL with its password masked.
 */
export async function openDatabase(
  url: string | undefined = process.env.DATABASE_URL,
  options: OpenDatabaseOptions = {},
): Promise<SqlDatabase> {
  if (url === undefined || url.trim() === '')
    throw errors.badUrl(`no database URL: pass one or set DATABASE_URL (${SCHEMES}).`)
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'sqlite') return openSqliteUrl(url, options)
  if (scheme === 'postgres' || scheme === 'postgresql') return openPostgres(url, options)
  if (scheme === undefined) throw errors.badUrl(`${quote(url)} is not a database URL: ${SCHEMES}.`)
  throw errors.badUrl(`unknown scheme '${scheme}:' in ${quote(url)}: ${SCHEMES}.`)
}

function openSqliteUrl(url: string, options: OpenDatabaseOptions): SqlDatabase {
  const rest = url.slice('sqlite:'.length)
  const file = rest.startsWith('//') ? rest.slice(2) : rest
  if (file === '') throw errors.badUrl(`${quote(url)} names no file: write 'sqlite:<file>' or 'sqlite::memory:'.`)
  return openSqlite(file, options)
}

/**
 * Open PostgreSQL on a `pg` pool and check that it answers. The pool's idle connections may
 * break (a server restart): those errors are left to the next query, which opens a new one.
 */
async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<SqlDatabase> {
  if (!URL.canParse(url)) throw errors.badUrl(`${quote(url)} is not a valid URL: ${SCHEMES}.`)
  const config: pg.PoolConfig = {
    ...options.pool,
    connectionString: url,
    max: options.poolSize ?? options.pool?.max ?? 10,
    connectionTimeoutMillis: options.connectTimeout ?? options.pool?.connectionTimeoutMillis ?? 5000,
  }
  if (options.statementTimeout !== undefined) config.statement_timeout = options.statementTimeout
  if (options.ssl !== undefined) config.ssl = options.ssl
  const pool = new pg.Pool(config)
  // Without a listener, an idle connection the server drops would crash the process; the pool
  // has already discarded it, and the next query opens a new one.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    client.release()
  } catch (cause) {
    await pool.end()
    throw errors.unavailable(redactUrl(url), cause)
  }
  return new SqlDatabase(new PostgresDialect({ pool: faultAware(pool, redactUrl(url)) }), {
    flavor: postgresFlavor,
    ...options,
  })
}

// SQLSTATE classes and codes meaning the server cannot be talked to now: connection exceptions
// (08xxx), too many connections, and the server shutting down or starting up.
const UNREACHABLE_STATES = /^(08...|53300|57P0[123])$/
// Node's own socket errors, and pg's words when the server closed the connection under a query.
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])
const TERMINATED = /^Connection terminated|is not queryable/

/**
 * The pool as Kysely takes it, turning "the database is not there" into `DatabaseUnavailable`
 * (503 with `Retry-After`): no connection to be had, a connection lost under a query, or a
 * statement cancelled by its timeout. Any other error (a constraint, a syntax error) is left as is.
 * A broken connection is not reused (pg drops it on release), so service resumes by itself.
 */
function faultAware(pool: pg.Pool, url: string): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const translate = (error: unknown): unknown => {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
    if (code === '57014') return errors.statementTimeout(url, error)
    if (typeof code === 'string' && (UNREACHABLE_STATES.test(code) || UNREACHABLE_ERRNOS.has(code))) {
      return errors.lostConnection(url, error)
    }
    if (typeof message === 'string' && TERMINATED.test(message)) return errors.lostConnection(url, error)
    return error
  }
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
      // A cursor (Kysely's streaming) is handed through; a statement's failure is translated.
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable)
      return client.query(sqlOrCursor, parameters as unknown[]).catch((error: unknown) => {
        throw translate(error)
      })
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  })
  return {
    async connect() {
      let client: pg.PoolClient
      try {
        client = await pool.connect()
      } catch (cause) {
        throw errors.unavailable(url, cause)
      }
      let wrapped = clients.get(client)
      if (!wrapped) {
        // pg also emits a connection's loss as an 'error' event on a client in use, which would
        // crash the process unheard: the query using it rejects anyway (translated above), and
        // the pool drops the broken client when it is released.
        client.on('error', () => undefined)
        wrapped = wrap(client)
        clients.set(client, wrapped)
      }
      return wrapped
    },
    end: () => pool.end(),
  }
}

/** The URL with its password replaced by `***`, fit for messages and logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***')
}

function quote(url: string): string {
  return `'${redactUrl(url)}'`
}
