// `npm run bench`: Manouche against the lean baseline (baseline.ts), eight workloads, alternated in one
// run, five rounds by default (BENCH_ROUNDS); prints medians and the ratios Manouche / hand-written.
// Five, not three: one round of 5 s moves by ±10% here, and a median of three followed it.
// The ratio is the median of the rounds' own ratios: each round measures both apps back to back,
// so a slow spell of the shared machine hits one pair, where a ratio of the two medians can take
// one app's median from a fast round and the other's from a slow one (printed beside it).
// Each round starts both servers afresh and warms them up: a process seems to keep the luck of
// its start for life (one run's hand-written server was ~20% slower at every workload than the
// next run's); new processes per round put that luck in the median (docs/performance.md, Noise).
// The write workload (POST /books/new/) writes into a fresh copy of library.ts's database per app
// and round, with the CSRF cookie and token each app gave a GET of the form at the round's start.
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ensureBenchDb } from './database.js'
import { benchDir } from './fixtures.js'
import { freshLibrary } from './library.js'
import { CONNECTIONS, load } from './load.js'
import { ask, listLastModified, type Server, start, stop } from './servers.js'
import { median } from './stats.js'
import { workloads as benchWorkloads, signedIn, type Workload, writeWorkloads } from './workloads.js'

interface Sample {
  rps: number
  p99: number
  /** The server's CPU time per request answered, µs: steadier than req/s on a shared machine. */
  cpu: number
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)

/** The peak resident memory of `child` so far (VmHWM), MiB. */
function peakRssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** Start `script` (`env` added) and time its cold start: from the fork to its first answer (GET /about/), ms. */
async function coldStart(script: string, env: Record<string, string>): Promise<{ server: Server; ms: number }> {
  const forked = performance.now()
  const server = await start(script, env)
  const response = await fetch(`http://127.0.0.1:${server.port}/about/`)
  await response.text()
  if (response.status !== 200) throw new Error(`${script}'s first answer was ${response.status}`)
  return { server, ms: performance.now() - forked }
}

/** One load run against `server`, charged the server's CPU time per request. */
async function measure(server: Server, workload: Workload, seconds: number): Promise<Sample> {
  const before = await ask<number>(server, 'cpu')
  const { rps, p99, total } = await load(server.port, workload, seconds)
  return { rps, p99, cpu: ((await ask<number>(server, 'cpu')) - before) / total }
}

async function check(port: number, workload: Workload): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}${workload.path}`, {
    method: workload.method,
    headers: workload.headers,
    body: workload.body?.(),
    redirect: 'manual',
  })
  if (response.status !== workload.status)
    throw new Error(`${workload.name} on port ${port} answered ${response.status}`)
}

async function main(): Promise<void> {
  ensureBenchDb()
  const samples = new Map<string, { hand: Sample[]; manouche: Sample[] }>()
  let workloads: Workload[] = []
  const rss = { hand: [] as number[], manouche: [] as number[] }
  const cold = { hand: [] as number[], manouche: [] as number[] }
  const scripts = { hand: 'baseline-server.js', manouche: 'manouche-server.js' }
  const writes = writeWorkloads()
  for (let round = 0; round < ROUNDS; round++) {
    const started: Server[] = []
    try {
      // Started one at a time (alternating which goes first) inside the try, so that a failed
      // start still stops the other; each start is timed from its fork to its first answer.
      const apps = {} as Record<'hand' | 'manouche', Server>
      const signed = {} as Record<'hand' | 'manouche', Map<string, Workload>>
      for (const side of round % 2 === 0 ? (['hand', 'manouche'] as const) : (['manouche', 'hand'] as const)) {
        const library = freshLibrary(path.join(benchDir, `library-${side}.sqlite3`))
        const { server, ms } = await coldStart(scripts[side], { BENCH_LIBRARY_DB: library })
        started.push(server)
        apps[side] = server
        cold[side].push(ms)
        signed[side] = new Map()
        for (const w of writes) signed[side].set(w.name, await signedIn(server.port, w))
      }
      if (round === 0) {
        // BENCH_ONLY=about (a substring of the workload name) measures just the matching workloads.
        workloads = [...benchWorkloads(await listLastModified(apps.hand)), ...writes]
        for (const w of workloads) samples.set(w.name, { hand: [], manouche: [] })
      }
      /** `w` as `side` is sent it: a write workload carries that app's CSRF cookie and token. */
      const sent = (side: 'hand' | 'manouche', w: Workload) => signed[side].get(w.name) ?? w
      for (const w of workloads) {
        for (const side of ['hand', 'manouche'] as const) {
          if (round === 0) await check(apps[side].port, sent(side, w))
          await load(apps[side].port, sent(side, w), WARMUP_SECONDS) // warm-up, discarded
        }
      }
      for (const w of workloads) {
        // Alternate which side goes first so that drift on a noisy machine hits both alike.
        const order = round % 2 === 0 ? (['hand', 'manouche'] as const) : (['manouche', 'hand'] as const)
        const pair = samples.get(w.name) as { hand: Sample[]; manouche: Sample[] }
        for (const side of order) pair[side].push(await measure(apps[side], sent(side, w), SECONDS))
        const [hand, manouche] = [pair.hand.at(-1), pair.manouche.at(-1)] as [Sample, Sample]
        const rps = (manouche.rps / hand.rps).toFixed(2)
        const cpu = (hand.cpu / manouche.cpu).toFixed(2)
        const each = `${hand.cpu.toFixed(1)} / ${manouche.cpu.toFixed(1)} µs`
        console.error(`round ${round + 1}/${ROUNDS} ${w.name}: throughput ratio ${rps}, CPU ratio ${cpu} (${each})`)
      }
      rss.hand.push(peakRssMiB(apps.hand.child))
      rss.manouche.push(peakRssMiB(apps.manouche.child))
    } finally {
      await Promise.all(started.map(stop))
    }
  }
  printTable(workloads, samples, { hand: median(rss.hand), manouche: median(rss.manouche) })
  const ratios = cold.hand.map((hand, i) => (cold.manouche[i] as number) / hand)
  console.log(
    `Cold start, fork to first answer (median of rounds): hand-written ${Math.round(median(cold.hand))} ms, Manouche ${Math.round(median(cold.manouche))} ms (ratio ${median(ratios).toFixed(2)})`,
  )
}

function printTable(
  workloads: Workload[],
  samples: Map<string, { hand: Sample[]; manouche: Sample[] }>,
  rss: { hand: number; manouche: number },
): void {
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  console.log(
    `\n${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections, medians; throughput ratio = Manouche / hand-written, the median of the rounds' ratios (their range beside it)\n`,
  )
  console.log(
    '| workload | hand-written req/s | Manouche req/s | throughput ratio | rounds | ratio of medians | p99 hand (ms) | p99 Manouche (ms) | p99 ratio | CPU µs/req hand | CPU µs/req Manouche | CPU ratio (hand / Manouche, median of rounds) |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const w of workloads) {
    const s = samples.get(w.name) as { hand: Sample[]; manouche: Sample[] }
    const of = (key: keyof Sample) => [median(s.hand.map((x) => x[key])), median(s.manouche.map((x) => x[key]))]
    const [[hr, mr], [hp, mp], [hc, mc]] = [of('rps'), of('p99'), of('cpu')] as [number, number][]
    const rounds = s.hand.map((hand, i) => (s.manouche[i] as Sample).rps / hand.rps)
    const cpuRounds = s.hand.map((hand, i) => hand.cpu / (s.manouche[i] as Sample).cpu)
    const spread = `${fmt(Math.min(...rounds), 2)}–${fmt(Math.max(...rounds), 2)}`
    // autocannon gives whole milliseconds: a p99 of 0 ms (under 1 ms) has no meaningful ratio.
    const p99 = hp > 0 && mp > 0 ? fmt(mp / hp, 2) : 'n/a'
    console.log(
      `| ${w.name} | ${fmt(hr)} | ${fmt(mr)} | ${fmt(median(rounds), 2)} | ${spread} | ${fmt(mr / hr, 2)} | ${fmt(hp)} | ${fmt(mp)} | ${p99} | ${fmt(hc, 1)} | ${fmt(mc, 1)} | ${fmt(median(cpuRounds), 2)} |`,
    )
  }
  console.log(
    `\nPeak RSS of a round (VmHWM, median): hand-written ${fmt(rss.hand, 1)} MiB, Manouche ${fmt(rss.manouche, 1)} MiB (ratio ${fmt(rss.manouche / rss.hand, 2)})`,
  )
}

await main()
