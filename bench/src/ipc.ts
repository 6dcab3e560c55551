// How a bench server talks to run.ts: it reports its port once listening, and its CPU time
// (user + system, µs) whenever asked, so run.ts can charge each load run its server's CPU.
import type { FastifyInstance } from 'fastify'

/** Tell the parent process `app` is listening, and answer its `cpu` questions. */
export function announce(app: FastifyInstance): void {
  process.on('message', (message) => {
    if (message !== 'cpu') return
    const { user, system } = process.cpuUsage()
    process.send?.({ cpu: user + system })
  })
  // Exit at once on SIGTERM, so a profiler wrapping the server (callgrind) writes its counts.
  process.once('SIGTERM', () => process.exit(0))
  process.send?.({ port: (app.server.address() as { port: number }).port })
}
