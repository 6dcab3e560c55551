// Where the PostgreSQL tests find their server, and a fresh schema for each run of them.
import { randomBytes } from 'node:crypto'
import { type OpenDatabaseOptions, openDatabase, redactUrl, type SqlDatabase } from '@manouche/data'
import pg from 'pg'

/** The server every machine and CI runs (trust auth); DATABASE_URL names another. */
export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test'

/**
 * The PostgreSQL URL to test on, or why there is none. A `postgres://` DATABASE_URL is always
 * used (so CI, which sets it, cannot skip the leg: a dead server fails the tests); without one,
 * the local server is used when it answers within a second.
 */
export async function testServer(): Promise<{ url: string } | { skipped: string }> {
  const fromEnv = process.env.DATABASE_URL
  if (fromEnv !== undefined && /^postgres(ql)?:/i.test(fromEnv)) return { url: fromEnv }
  const client = new pg.Client({ connectionString: LOCAL_POSTGRES, connectionTimeoutMillis: 1000 })
  try {
    await client.connect()
    return { url: LOCAL_POSTGRES }
  } catch (error) {
    return { skipped: `no DATABASE_URL and ${redactUrl(LOCAL_POSTGRES)} does not answer (${(error as Error).message})` }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A schema made for one run of a test file: databases opened in it see only its tables. */
export class TestSchema {
  readonly name = `manouche_test_${process.pid}_${randomBytes(4).toString('hex')}`
  private readonly opened: SqlDatabase[] = []

  constructor(readonly url: string) {}

  /** Create the schema. */
  async create(): Promise<void> {
    await this.admin(`create schema "${this.name}"`)
  }

  /** Open the database with this schema first on its search path; `drop()` closes it. */
  async open(options: OpenDatabaseOptions = {}): Promise<SqlDatabase> {
    const db = await openDatabase(this.url, { ...options, pool: { options: `-c search_path=${this.name}` } })
    this.opened.push(db)
    return db
  }

  /** Close every database opened here and drop the schema with all it holds. */
  async drop(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((db) => db.close()))
    await this.admin(`drop schema if exists "${this.name}" cascade`)
  }

  private async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
}
