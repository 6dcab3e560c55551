import 'reflect-metadata'
import { redactUrl } from 'manouche'
import { createApp } from './app.js'
import { libraryUrl, openLibrary } from './seed.js'

const url = libraryUrl()
const db = await openLibrary(url).catch((error: Error) => {
  // A bad URL or a database that does not answer: say which (the password masked), not a stack.
  console.error(`books: ${error.message}`)
  process.exit(1)
})
const app = await createApp(db, { debug: process.env.DEBUG === '1', fastify: { logger: { level: 'info' } } })
app.log.info(`database: ${redactUrl(url)}`)
await app.listen({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST ?? '127.0.0.1' })
