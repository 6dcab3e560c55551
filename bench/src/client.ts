// A plain keep-alive HTTP client sending a fixed number of requests, for the bench tools that
// count (instructions, allocations) rather than time: what it costs the client does not matter.
// HEAD goes over raw sockets: Node's client closes the connection after a HEAD answer that has
// no Content-Length (both apps send none), so every HEAD would have paid for a new connection.
import http from 'node:http'
import net from 'node:net'
import type { Workload } from './workloads.js'

/** A keep-alive socket sending one HEAD at a time and reading the status of each answer's header block. */
class HeadSocket {
  readonly #socket: net.Socket
  readonly #ready: Promise<void>
  #pending = ''
  #answer: ((status: number) => void) | undefined

  constructor(port: number) {
    this.#socket = net.connect(port, '127.0.0.1')
    this.#socket.setNoDelay(true)
    this.#ready = new Promise((resolve, reject) => {
      this.#socket.once('connect', () => resolve())
      this.#socket.once('error', reject)
    })
    this.#socket.on('data', (chunk: Buffer) => {
      this.#pending += chunk.toString('latin1')
      const end = this.#pending.indexOf('\r\n\r\n')
      if (end === -1) return
      const status = Number(this.#pending.slice(9, 12))
      this.#pending = this.#pending.slice(end + 4)
      this.#answer?.(status)
    })
  }

  async head(request: Buffer): Promise<number> {
    await this.#ready
    return new Promise((resolve) => {
      this.#answer = resolve
      this.#socket.write(request)
    })
  }

  close(): void {
    this.#socket.destroy()
  }
}

/** Four keep-alive connections to one server, which `send()` uses and leaves open for the next call. */
export class Connections {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
  readonly #heads: HeadSocket[]

  constructor(readonly port: number) {
    this.#heads = Array.from({ length: 4 }, () => new HeadSocket(port))
  }

  /** The HEAD socket of worker `i` (0 to 3). */
  headSocket(i: number): HeadSocket {
    return this.#heads[i] as HeadSocket
  }

  close(): void {
    this.agent.destroy()
    for (const socket of this.#heads) socket.close()
  }
}

function request(connections: Connections, workload: Workload, worker: number): Promise<number> {
  if (workload.method === 'HEAD') {
    const { port } = connections
    const text = `HEAD ${workload.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`
    return connections.headSocket(worker).head(Buffer.from(text))
  }
  return new Promise((resolve, reject) => {
    const { port, agent } = connections
    const { path, method, headers } = workload
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      res.resume()
      res.once('end', () => resolve(res.statusCode ?? 0))
    })
    req.once('error', reject)
    req.end(workload.body?.())
  })
}

/**
 * Send `count` requests over four keep-alive connections; throw on a wrong status. Given
 * `connections`, they are used and left open for the next call (the server then meets no new
 * sockets, which would cost it deoptimizations); else they are closed at the end.
 */
export async function send(port: number, workload: Workload, count: number, connections?: Connections): Promise<void> {
  const open = connections ?? new Connections(port)
  let left = count
  const worker = async (i: number) => {
    while (left > 0) {
      left--
      const status = await request(open, workload, i)
      if (status !== workload.status) throw new Error(`${workload.name} answered ${status}`)
    }
  }
  try {
    await Promise.all([0, 1, 2, 3].map(worker))
  } finally {
    if (connections === undefined) open.close()
  }
}
