// `npm run bench:allocations`: the bytes each app's server allocates per request, by V8's
// sampling heap profiler with collected objects included (so short-lived garbage counts), over
// BENCH_REQUESTS requests (default 20,000) after 5,000 of warm-up. Allocation is what the 304's
// CPU gap follows once instruction counts are level (docs/performance.md). One sample every
// 1,024 bytes on average: finer sampling keeps too many samples of collected objects (GBs on a
// list page). Totals repeat to within a few percent. BENCH_TOP=n also lists the n
// functions of Manouche's server that allocate most, per workload.
import { send } from './client.js'
import { ensureBenchDb } from './database.js'
import type { HeapSummary } from './ipc.js'
import { ask, listLastModified, type Server, start } from './servers.js'
import { workloads as benchWorkloads } from './workloads.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const TOP = Number(process.env.BENCH_TOP ?? 0)

async function allocations(server: Server, workload: Parameters<typeof send>[1]): Promise<HeapSummary> {
  await send(server.port, workload, 5_000)
  await ask(server, 'heap-start')
  await send(server.port, workload, REQUESTS)
  return ask<HeapSummary>(server, 'heap-stop')
}

async function main(): Promise<void> {
  ensureBenchDb()
  const apps = { hand: await start('baseline-server.js'), manouche: await start('manouche-server.js') }
  const lastModified = await listLastModified(apps.hand)
  const rows: string[] = []
  const tops: string[] = []
  for (const workload of benchWorkloads(lastModified)) {
    const hand = await allocations(apps.hand, workload)
    const manouche = await allocations(apps.manouche, workload)
    const [h, m] = [hand.bytes / REQUESTS, manouche.bytes / REQUESTS]
    rows.push(
      `| ${workload.name} | ${Math.round(h).toLocaleString('en-US')} | ${Math.round(m).toLocaleString('en-US')} | ${(h / m).toFixed(2)} |`,
    )
    if (TOP > 0) {
      tops.push(`\n${workload.name}, Manouche, bytes a request:`)
      for (const [frame, bytes] of manouche.top.slice(0, TOP))
        tops.push(`${String(Math.round(bytes / REQUESTS)).padStart(7)}  ${frame}`)
    }
  }
  apps.hand.child.kill()
  apps.manouche.child.kill()
  console.log(`\nbytes allocated per request (sampling heap profiler, ${REQUESTS.toLocaleString('en-US')} requests)\n`)
  console.log('| workload | hand-written | Manouche | ratio (hand / Manouche) |')
  console.log('|---|---:|---:|---:|')
  for (const row of rows) console.log(row)
  for (const line of tops) console.log(line)
}

await main()
