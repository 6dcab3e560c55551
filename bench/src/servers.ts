// Starting the bench servers in their own processes and asking them questions over IPC
// (ipc.ts answers in the server): used by `npm run bench` and `npm run bench:allocations`.
import { type ChildProcess, fork } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'

/** A bench server in its own process. */
export interface Server {
  child: ChildProcess
  port: number
}

/** Start `script` (a file of bench/dist) on a free loopback port, with `env` added; it reports the port when ready. */
export function start(script: string, env: Record<string, string> = {}): Promise<Server> {
  const child = fork(path.join(import.meta.dirname, script), {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: 'inherit',
  })
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)))
  })
}

/** Stop `server` (SIGTERM, then SIGKILL after 5 s) and wait until its process has exited. */
export function stop(server: Server): Promise<void> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill()
  })
}

/** Ask `server` a question ipc.ts knows (`cpu`, `heap-start`, `heap-stop`) and wait for its answer. */
export function ask<T>(server: Server, question: string): Promise<T> {
  return new Promise((resolve) => {
    const answer = (message: unknown) => {
      const reply = message as { answer?: unknown; value?: unknown }
      if (reply.answer !== question) return
      server.child.off('message', answer)
      resolve(reply.value as T)
    }
    server.child.on('message', answer)
    server.child.send(question)
  })
}

/** The `Last-Modified` the book list of `server` gives, which the 304 workload sends back. */
export async function listLastModified(server: Server): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${server.port}/books/`, { method: 'HEAD' })
  return response.headers.get('last-modified') ?? ''
}

/** A free loopback port (taken and given back). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
