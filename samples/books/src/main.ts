import 'reflect-metadata'
import path from 'node:path'
import { createApp } from './app.js'
import { openLibrary } from './seed.js'

const file = process.env.BOOKS_DB ?? path.resolve(import.meta.dirname, '../books.sqlite3')
const db = await openLibrary(file)
const app = await createApp(db, { debug: process.env.DEBUG === '1', fastify: { logger: { level: 'info' } } })
await app.listen({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST ?? '127.0.0.1' })
