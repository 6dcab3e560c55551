/**
 * `serve(createApp, options)`: run an application on one process or several. With `workers` > 1
 * this process becomes a `node:cluster` primary that forks them; each worker calls `createApp()`
 * itself (its own pools, its own container) and listens on the shared port; a worker that dies
 * after it was serving is replaced. SIGTERM (or SIGINT) drains: the servers stop accepting, the
 * requests in flight finish (up to `drainTimeout`), `app.close()` runs the application's onClose
 * hooks (where its database pools close), and the process exits 0.
 */
import cluster, { type Worker } from 'node:cluster'
import type { FastifyInstance } from 'fastify'
import { ImproperlyConfigured } from './errors.js'

/** Options of `serve()`; each falls back to an environment variable, then a default. */
export interface ServeOptions {
  /** How many processes serve; 1 serves in this one. Default: `WORKERS`, else 1. */
  workers?: number
  /** Default: `PORT`, else 8000. */
  port?: number
  /** Default: `HOST`, else 127.0.0.1. */
  host?: string
  /** Milliseconds a shutdown waits for requests in flight before exiting with code 1; default 10,000. */
  drainTimeout?: number
}

/** Serve the application `createApp()` builds, on `workers` processes; see the module comment. */
export async function serve(
  createApp: () => FastifyInstance | Promise<FastifyInstance>,
  options: ServeOptions = {},
): Promise<void> {
  const workers = options.workers ?? wholeNumber('WORKERS', process.env.WORKERS ?? '1')
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ImproperlyConfigured(`serve(): workers must be a whole number of at least 1, not ${workers}.`)
  }
  const drainTimeout = options.drainTimeout ?? 10_000
  if (workers > 1 && cluster.isPrimary) return superviseWorkers(workers)
  const port = options.port ?? wholeNumber('PORT', process.env.PORT ?? '8000')
  const host = options.host ?? process.env.HOST ?? '127.0.0.1'
  const app = await createApp()
  try {
    await app.listen({ port, host })
  } catch (cause) {
    await app.close() // its onClose hooks close the database
    throw cannotListen(host, port, cause)
  }
  drainOnSignal(app, drainTimeout)
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'the port is in use (another server, or this one started twice?)',
  EACCES: 'permission denied (ports under 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'no such host name',
}

/** A start-up failure to listen, in one sentence naming the address. */
function cannotListen(host: string, port: number, cause: unknown): ImproperlyConfigured {
  const { code, message } = cause as NodeJS.ErrnoException
  const why = LISTEN_ERRORS[code ?? ''] ?? message
  return new ImproperlyConfigured(`serve(): cannot listen on ${host}:${port}: ${why}.`, { cause })
}

/** Fork `count` workers, replace those that die while serving, and pass SIGTERM/SIGINT on to them. */
function superviseWorkers(count: number): void {
  let stopping = false
  const serving = new WeakSet<Worker>()
  const fork = () =>
    cluster.fork().once('listening', function (this: Worker) {
      serving.add(this)
    })
  for (let i = 0; i < count; i++) fork()
  const stop = (code: number) => {
    stopping = true
    process.exitCode = code
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) process.exitCode = 1 // it did not drain in time, or could not close
      return
    }
    if (!serving.has(worker)) {
      // It failed before serving (a bad URL, a database down): another would fail the same way.
      console.error(`serve: worker ${worker.process.pid} exited before serving (code ${code}); stopping.`)
      stop(1)
      return
    }
    console.error(`serve: worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another.`)
    fork()
  })
  process.once('SIGTERM', () => stop(0))
  process.once('SIGINT', () => stop(0))
}

/** On SIGTERM or SIGINT: close the app (stop accepting, let requests in flight finish), then exit. */
function drainOnSignal(app: FastifyInstance, drainTimeout: number): void {
  const shutdown = () => {
    process.removeListener('SIGTERM', shutdown)
    process.removeListener('SIGINT', shutdown)
    const timer = setTimeout(() => {
      app.log.error(`serve: requests still in flight after ${drainTimeout} ms; exiting.`)
      process.exit(1)
    }, drainTimeout)
    // close() ends the connections idle at that moment; a keep-alive connection whose request
    // was in flight becomes idle later and would hold the shutdown until the timeout.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
    app.close().then(
      () => {
        clearTimeout(timer)
        clearInterval(sweep)
        process.exit(0)
      },
      (error: unknown) => {
        app.log.error(error, 'serve: closing the application failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

function wholeNumber(variable: string, value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new ImproperlyConfigured(`serve(): ${variable} must be a whole number, not '${value}'.`)
  }
  return number
}
