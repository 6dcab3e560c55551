// A small load generator for HEAD, which autocannon cannot measure: its parser does not know a
// HEAD answer has no body, so it waits for Content-Length bytes that never come (and it stalls
// on a keep-alive HEAD answer without a Content-Length too). Each connection sends one HEAD at a
// time and counts an answer when its header block ends; there is no body to wait for.
import net from 'node:net'

/** What one run of `headLoad()` measured. */
export interface HeadLoadResult {
  rps: number
  p99: number
  /** Answers received. */
  total: number
  statuses: Map<number, number>
}

function connection(port: number, request: Buffer, until: number, latencies: number[], statuses: Map<number, number>) {
  return new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let pending = ''
    let sentAt = 0
    const send = () => {
      sentAt = performance.now()
      socket.write(request)
    }
    socket.setNoDelay(true)
    socket.on('connect', send)
    socket.on('error', reject)
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1')
      let end = pending.indexOf('\r\n\r\n')
      while (end !== -1) {
        const status = Number(pending.slice(9, 12))
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        latencies.push(performance.now() - sentAt)
        pending = pending.slice(end + 4)
        end = pending.indexOf('\r\n\r\n')
        if (performance.now() < until) send()
        else socket.end(resolve)
      }
    })
  })
}

/** Send HEAD `path` over `connections` keep-alive connections for `seconds`; bounded in time. */
export async function headLoad(
  port: number,
  path: string,
  connections: number,
  seconds: number,
): Promise<HeadLoadResult> {
  const request = Buffer.from(`HEAD ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`)
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(Array.from({ length: connections }, () => connection(port, request, until, latencies, statuses)))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const total = latencies.length
  return { rps: total / elapsed, p99: latencies[Math.floor(total * 0.99)] ?? 0, total, statuses }
}
