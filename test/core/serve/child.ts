// Start test/core/serve/app.ts in a child process and talk to it: serve.test.ts and logs.test.ts.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const APP = fileURLToPath(new URL('./app.js', import.meta.url))

/** A running copy of the app: its port, the pids that said they are ready, its exit. */
export interface Served {
  child: ChildProcess
  port: number
  ready: number[]
  /** What the processes wrote to stderr. */
  errors: () => string
  /** What the processes wrote to stdout. */
  output: () => string
  exited: Promise<number | null>
  /** Resolve once `count` processes have said they are ready. */
  readyCount(count: number): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

export async function start(workers: number, env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort()
  const child = spawn(process.execPath, [APP], {
    env: { ...process.env, WORKERS: String(workers), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const ready: number[] = []
  const waiting: Array<() => void> = []
  let stdout = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
    for (const match of text.matchAll(/^ready (\d+)$/gm)) ready.push(Number(match[1]))
    for (const wake of waiting.splice(0)) wake()
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const readyCount = async (count: number) => {
    while (ready.length < count) await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const served = { child, port, ready, errors: () => stderr, output: () => stdout, exited, readyCount }
  if (!env.FAIL) await readyCount(workers)
  return served
}

export const get = (served: Served, path: string) =>
  fetch(`http://127.0.0.1:${served.port}${path}`, { signal: AbortSignal.timeout(5000) })
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A list to push each started app on; after each test, those still running are killed. */
export function killedAfterEach(): Served[] {
  const running: Served[] = []
  afterEach(() => {
    for (const served of running.splice(0)) if (served.child.exitCode === null) served.child.kill('SIGKILL')
  })
  return running
}
