// A plain keep-alive HTTP client sending a fixed number of requests, for the bench tools that
// count (instructions, allocations) rather than time: what it costs the client does not matter.
import http from 'node:http'
import type { Workload } from './workloads.js'

function request(agent: http.Agent, port: number, workload: Workload): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: workload.path, method: workload.method, headers: workload.headers, agent },
      (res) => {
        res.resume()
        res.once('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.once('error', reject)
    req.end()
  })
}

/**
 * Send `count` requests over four keep-alive connections; throw on a wrong status. Given an
 * `agent`, its connections are used and left open for the next call (the server then meets no
 * new sockets, which would cost it deoptimizations); else they are closed at the end.
 */
export async function send(port: number, workload: Workload, count: number, agent?: http.Agent): Promise<void> {
  const connections = agent ?? new http.Agent({ keepAlive: true, maxSockets: 4 })
  let left = count
  const worker = async () => {
    while (left > 0) {
      left--
      const status = await request(connections, port, workload)
      if (status !== workload.status) throw new Error(`${workload.name} answered ${status}`)
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  if (agent === undefined) connections.destroy()
}
