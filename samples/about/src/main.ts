import 'reflect-metadata'
import { createApp } from './app.js'

const app = await createApp({ debug: process.env.DEBUG === '1', fastify: { logger: { level: 'info' } } })
await app.listen({ port: Number(process.env.PORT ?? 8001), host: '127.0.0.1' })
