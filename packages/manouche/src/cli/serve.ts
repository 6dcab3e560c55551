// `manouche serve`: the application on one process or, with --workers, a node:cluster of them,
// through core's serve(): each process bootstraps its own app; SIGINT/SIGTERM drain and exit.
import type { BootstrapOptions } from '@manouche/core'
import { bootstrap, serve as serveApp } from '../index.js'

/** Where and how `serve` listens. */
export interface ServeOptions {
  port: number
  host: string
  debug: boolean
  /** Processes serving; undefined: `WORKERS`, else 1. */
  workers?: number
}

/**
 * Serve the application `load()` describes, logging as `bootstrap()` does by default (a line a
 * request; `LOG_LEVEL` changes it). Resolves once this process is serving (a worker, or the one process), or once a cluster's
 * primary has forked its workers; a failure to start rejects.
 */
export function serve(load: () => Promise<BootstrapOptions>, how: ServeOptions): Promise<void> {
  const createApp = async () => {
    const options = await load()
    return bootstrap({ ...options, debug: how.debug })
  }
  return serveApp(createApp, { port: how.port, host: how.host, workers: how.workers })
}
