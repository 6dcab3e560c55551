// `npm run bench:pg`: the four reference workloads on PostgreSQL, Manouche against the lean
// baseline (pg-baseline.ts) on pools of the same size, each served by core's serve() on 1 and then
// 2 worker processes; alternated in one run, BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (5)
// per workload. Prints req/s medians, the Manouche / hand-written ratio (median of the rounds' own
// ratios) and how each app's throughput grows from 1 to 2 workers. The load generator, both apps'
// workers and PostgreSQL share the machine: on 2 cores, a second worker competes with them.
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import { load } from './load.js'
import { ensurePgBench } from './pg-database.js'
import { freePort } from './servers.js'
import { median } from './stats.js'
import { workloads as benchWorkloads, type Workload } from './workloads.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
const WORKERS = [1, 2]
const APPS = ['hand', 'manouche'] as const
type App = (typeof APPS)[number]

interface PgServer {
  child: ChildProcess
  port: number
}

/** Start one app on `workers` processes and wait until it answers. */
async function startServer(app: App, workers: number): Promise<PgServer> {
  const port = await freePort()
  const child = fork(path.join(import.meta.dirname, 'pg-server.js'), {
    env: { ...process.env, BENCH_APP: app, WORKERS: String(workers), PORT: String(port) },
    stdio: 'inherit',
  })
  for (let tries = 0; tries < 300; tries++) {
    if (child.exitCode !== null) throw new Error(`the ${app} server exited with ${child.exitCode}`)
    const answered = await fetch(`http://127.0.0.1:${port}/about/`).then(
      (response) => response.ok,
      () => false,
    )
    if (answered) return { child, port }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the ${app} server on ${workers} workers did not answer`)
}

/** SIGTERM (serve() drains its workers), and wait for the exit. */
function stopServer(server: PgServer): Promise<void> {
  if (server.child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve())
    server.child.kill('SIGTERM')
  })
}

async function main(): Promise<void> {
  await ensurePgBench()
  // rps[workload][workers][app]: one figure per round.
  const rps = new Map<string, Map<number, Record<App, number[]>>>()
  let workloads: Workload[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of WORKERS) {
      const order = round % 2 === 0 ? APPS : [...APPS].reverse()
      for (const app of order) {
        const server = await startServer(app, workers)
        try {
          const head = await fetch(`http://127.0.0.1:${server.port}/books/`, { method: 'HEAD' })
          workloads = benchWorkloads(head.headers.get('last-modified') ?? '').filter((w) => w.reference)
          for (const w of workloads) await load(server.port, w, WARMUP_SECONDS)
          for (const w of workloads) {
            const byWorkers = rps.get(w.name) ?? new Map()
            rps.set(w.name, byWorkers)
            const byApp = byWorkers.get(workers) ?? { hand: [], manouche: [] }
            byWorkers.set(workers, byApp)
            byApp[app].push((await load(server.port, w, SECONDS)).rps)
          }
        } finally {
          await stopServer(server)
        }
      }
    }
    console.error(`round ${round + 1} of ${ROUNDS} done`)
  }
  print(workloads, rps)
}

function print(workloads: Workload[], rps: Map<string, Map<number, Record<App, number[]>>>): void {
  const fixed = (n: number, digits = 0) => n.toFixed(digits)
  console.log(`PostgreSQL, ${ROUNDS} rounds of ${SECONDS} s per workload, medians`)
  console.log('| workload | workers | hand-written req/s | Manouche req/s | ratio (median of rounds) |')
  console.log('|---|---|---|---|---|')
  for (const w of workloads) {
    for (const workers of WORKERS) {
      const { hand, manouche } = rps.get(w.name)?.get(workers) ?? { hand: [], manouche: [] }
      const ratio = median(manouche.map((value, i) => value / (hand[i] as number)))
      console.log(
        `| ${w.name} | ${workers} | ${fixed(median(hand))} | ${fixed(median(manouche))} | ${fixed(ratio, 2)} |`,
      )
    }
  }
  console.log('\n| workload | hand-written 2 / 1 workers | Manouche 2 / 1 workers |')
  console.log('|---|---|---|')
  for (const w of workloads) {
    const byWorkers = rps.get(w.name)
    const growth = (app: App) =>
      median((byWorkers?.get(2)?.[app] ?? []).map((value, i) => value / (byWorkers?.get(1)?.[app][i] as number)))
    console.log(`| ${w.name} | ${fixed(growth('hand'), 2)} | ${fixed(growth('manouche'), 2)} |`)
  }
}

await main()
