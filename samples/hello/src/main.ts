import 'reflect-metadata'
import { bootstrap } from '@manouche/core'
import './views.js'

const app = await bootstrap({ fastify: { logger: { level: 'info' } } })
await app.listen({ port: Number(process.env.PORT ?? 8000), host: '127.0.0.1' })
