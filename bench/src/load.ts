// One timed load run of a workload against a server: autocannon, or head-load.ts for HEAD
// (autocannon waits for a body after a HEAD answer). Used by `npm run bench` and `bench:reference`.
import autocannon from 'autocannon'
import { headLoad } from './head-load.js'
import type { Workload } from './workloads.js'

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)

/** Requests a second, the 99th percentile latency (ms) and the answers counted. */
export interface LoadResult {
  rps: number
  p99: number
  total: number
}

/** Load `workload` on `port` for `seconds` over BENCH_CONNECTIONS connections (default 10); throws on a wrong answer. */
export async function load(port: number, workload: Workload, seconds: number): Promise<LoadResult> {
  if (workload.method === 'HEAD') {
    const result = await headLoad(port, workload.path, CONNECTIONS, seconds)
    const wrong = [...result.statuses.keys()].filter((status) => status !== workload.status)
    if (wrong.length > 0) throw new Error(`${workload.name} on port ${port} answered ${wrong.join(', ')}`)
    return { rps: result.rps, p99: result.p99, total: result.total }
  }
  const { body } = workload
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${workload.path}`,
    method: workload.method,
    headers: workload.headers,
    connections: CONNECTIONS,
    duration: seconds,
    // A POST gets a body of its own per request (a new slug), made as the request is sent.
    ...(body && { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] }),
  })
  // Every answer must carry the workload's status: a 304 run that got 200s measured another page.
  const wrong = Object.keys(result.statusCodeStats ?? {}).filter((status) => Number(status) !== workload.status)
  if (result.errors > 0 || result.timeouts > 0 || wrong.length > 0) {
    throw new Error(
      `${workload.name} on port ${port}: ${result.errors} errors, ${result.timeouts} timeouts, statuses ${wrong.join(', ') || 'as expected'}`,
    )
  }
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total }
}
