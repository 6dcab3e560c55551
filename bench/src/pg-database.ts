// The PostgreSQL bench's database: the same 1,000 books as the SQLite bench (database.ts), in a
// schema of their own (`manouche_bench`) of the server BENCH_PG_URL names (else DATABASE_URL when
// it is PostgreSQL's, else the local test server), written once; publication dates are
// timestamptz, as Manouche declares them.
import pg from 'pg'
import { bookRow } from './database.js'

const fromEnv = process.env.DATABASE_URL
export const PG_URL =
  process.env.BENCH_PG_URL ??
  (fromEnv && /^postgres(ql)?:/i.test(fromEnv) ? fromEnv : 'postgres://postgres@127.0.0.1:5432/test')
export const PG_SCHEMA = 'manouche_bench'
/** The connections each process's pool opens, the same on both sides (Manouche's default). */
export const PG_POOL_SIZE = 10
/** The pool options both apps take: the bench's schema first on the search path. */
export const PG_POOL_OPTIONS = { options: `-c search_path=${PG_SCHEMA}` }

/** Create and fill the bench's table unless it already holds the 1,000 books. */
export async function ensurePgBench(url = PG_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // One writer at a time: two bench or test processes may start together.
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(20261203)')
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}`)
    await client.query(`CREATE TABLE IF NOT EXISTS ${PG_SCHEMA}.books (
      id integer PRIMARY KEY,
      title varchar(200) NOT NULL,
      author varchar(100) NOT NULL,
      publication_date timestamptz NOT NULL
    )`)
    await client.query(`CREATE INDEX IF NOT EXISTS books_publication_date_idx ON ${PG_SCHEMA}.books (publication_date)`)
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${PG_SCHEMA}.books`)
    if (Number(rows[0]?.count) !== 1000) {
      await client.query(`DELETE FROM ${PG_SCHEMA}.books`)
      for (let i = 0; i < 1000; i++) {
        const [id, title, author, day] = bookRow(i)
        const values = [id, title, author, `${day}T00:00:00Z`]
        await client.query(`INSERT INTO ${PG_SCHEMA}.books VALUES ($1, $2, $3, $4)`, values)
      }
    }
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
}
