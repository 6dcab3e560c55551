// The four bench workloads, shared by `npm run bench` (throughput, CPU) and
// `npm run bench:instructions` (instructions counted under callgrind).

/** One kind of request, sent again and again to both apps. */
export interface Workload {
  name: string
  method: 'GET' | 'HEAD'
  path: string
  headers?: Record<string, string>
  status: number
}

/** The workloads; the 304 one sends back the `Last-Modified` the list gave. BENCH_ONLY keeps those whose name holds it. */
export function workloads(lastModified: string): Workload[] {
  const all: Workload[] = [
    { name: 'GET /about/ (TemplateView)', method: 'GET', path: '/about/', status: 200 },
    { name: 'GET /books/?page=2 (ListView)', method: 'GET', path: '/books/?page=2', status: 200 },
    { name: 'HEAD /books/ (Last-Modified)', method: 'HEAD', path: '/books/', status: 200 },
    {
      name: 'GET /books/ + If-Modified-Since (304)',
      method: 'GET',
      path: '/books/',
      headers: { 'if-modified-since': lastModified },
      status: 304,
    },
  ]
  const only = process.env.BENCH_ONLY
  return only ? all.filter((w) => w.name.includes(only)) : all
}
