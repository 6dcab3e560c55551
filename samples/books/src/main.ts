// `npm start`: the library on http://127.0.0.1:8000 (PORT, HOST), on WORKERS processes (default 1),
// its database from DATABASE_URL or its SQLite file, created and seeded on the first run.
import 'reflect-metadata'
import cluster from 'node:cluster'
import { redactUrl, type SqlDatabase, serve } from 'manouche'
import { createApp } from './app.js'
import { libraryUrl, openLibrary } from './seed.js'

const url = libraryUrl()

/**
 * A start-up failure (a bad URL, a database file missing or not SQLite, a port in use): one line
 * saying what and where (a password masked), exit 1; the stack only with DEBUG=1.
 */
function fail(error: Error): never {
  console.error(`books: ${error.message}`)
  if (process.env.DEBUG === '1') console.error(error.stack)
  process.exit(1)
}

function open(): Promise<SqlDatabase> {
  return openLibrary(url).catch(fail)
}

// The first process opens (and on the first run seeds) the database before any worker starts,
// so that workers never seed it side by side; with one process, that database serves.
let first: SqlDatabase | undefined = cluster.isPrimary ? await open() : undefined
await serve(async () => {
  const db = first ?? (await open())
  first = undefined
  const app = await createApp(db, { debug: process.env.DEBUG === '1' })
  app.addHook('onClose', () => db.close())
  app.log.info(`database: ${redactUrl(url)}`)
  return app
}).catch(fail)
// A primary that forked workers does not serve: its own connection is not needed.
await first?.close()
