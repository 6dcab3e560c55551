// `manouche serve`: bootstrap the application and listen, until SIGINT or SIGTERM.
import type { BootstrapOptions } from '@manouche/core'
import { bootstrap } from '../index.js'

/** Where and how `serve` listens. */
export interface ServeOptions {
  port: number
  host: string
  debug: boolean
}

/** Bootstrap `options` with Fastify's logger at `info` (unless they set one) and listen. */
export async function serve(options: BootstrapOptions, how: ServeOptions): ReturnType<typeof bootstrap> {
  const app = await bootstrap({
    ...options,
    debug: how.debug,
    fastify: { logger: { level: 'info' }, ...options.fastify },
  })
  await app.listen({ port: how.port, host: how.host })
  return app
}
