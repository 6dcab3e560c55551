// `npm start`: the library on http://127.0.0.1:8000 (PORT, HOST), on WORKERS processes (default 1),
// its database from DATABASE_URL or its SQLite file, created and seeded on the first run.
import 'reflect-metadata'
import cluster from 'node:cluster'
import { redactUrl, type SqlDatabase, serve } from 'manouche'
import { createApp } from './app.js'
import { libraryUrl, openLibrary } from './seed.js'

const url = libraryUrl()

function open(): Promise<SqlDatabase> {
  return openLibrary(url).catch((error: Error) => {
    // A bad URL or a database that does not answer: say which (the password masked), not a stack.
    console.error(`books: ${error.message}`)
    process.exit(1)
  })
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
})
// A primary that forked workers does not serve: its own connection is not needed.
await first?.close()
