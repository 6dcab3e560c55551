// `node bench/dist/pg-server.js`: one app of the PostgreSQL bench, BENCH_APP `hand` or `manouche`,
// served by core's serve() on PORT with WORKERS processes (node:cluster past one); SIGTERM drains.
import { openDatabase, serve } from 'manouche'
import { buildManoucheOn } from './manouche-app.js'
import { buildPgBaseline } from './pg-baseline.js'
import { PG_POOL_OPTIONS, PG_POOL_SIZE, PG_URL } from './pg-database.js'

async function build() {
  if (process.env.BENCH_APP === 'hand') return buildPgBaseline()
  const db = await openDatabase(PG_URL, { poolSize: PG_POOL_SIZE, pool: PG_POOL_OPTIONS })
  const app = await buildManoucheOn(db)
  app.addHook('onClose', () => db.close())
  return app
}

await serve(build, { workers: Number(process.env.WORKERS ?? 1), port: Number(process.env.PORT), host: '127.0.0.1' })
