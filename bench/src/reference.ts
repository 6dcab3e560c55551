// `npm run bench:reference`: our baseline against the lean reference app itself (REFERENCE_DIR,
// e.g. /work/shared/bench-reference), not a test: CI has no copy of the reference. The reference's
// server.mjs and templates are copied into bench/reference/ (gitignored) so that its imports resolve
// to this workspace's fastify, eta and better-sqlite3; both servers run on the bench database.
// It checks the four reference workloads get the same status, bytes and headers from both, then
// measures both alternately, fresh servers each round, and prints the throughput ratio
// baseline / reference and the CPU ratio (each server's CPU time per answer, read from /proc):
// the medians of the rounds' own ratios.
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { countBoth, needValgrind, REQUESTS, WARMUP } from './callgrind.js'
import { ensureBenchDb } from './database.js'
import { benchDir, dbFile } from './fixtures.js'
import { load } from './load.js'
import { freePort, listLastModified, type Server, start, stop } from './servers.js'
import { median } from './stats.js'
import { workloads as benchWorkloads, type Workload } from './workloads.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1)
/** Headers that vary per response or per connection, left out of the comparison. */
const VARYING = new Set(['date', 'connection', 'keep-alive'])

/** One load run: req/s and the server's CPU time per answer (µs), steadier than req/s on a busy machine. */
interface Sample {
  rps: number
  cpu: number
}

/** CPU time (user + system) of process `pid` so far, µs, from /proc (the reference answers no IPC). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  // utime and stime are the 14th and 15th fields, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10_000
}

/** One load run of `workload` against `server`, charged the server's CPU time. */
async function measure(server: Server, workload: Workload): Promise<Sample> {
  const pid = server.child.pid as number
  const before = cpuMicros(pid)
  const { rps, total } = await load(server.port, workload, SECONDS)
  return { rps, cpu: (cpuMicros(pid) - before) / total }
}

/** Copy the reference's server and templates under bench/reference/; the path of its server. */
function copyReference(from: string): string {
  const script = path.join(from, 'server.mjs')
  if (!existsSync(script)) throw new Error(`REFERENCE_DIR=${from} holds no server.mjs`)
  const into = path.join(benchDir, 'reference')
  mkdirSync(into, { recursive: true })
  cpSync(script, path.join(into, 'server.mjs'))
  cpSync(path.join(from, 'templates'), path.join(into, 'templates'), { recursive: true })
  return path.join(into, 'server.mjs')
}

/** Start the reference (env PORT, BOOKS_DB) and wait until it answers. */
async function startReference(script: string): Promise<Server> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: String(port), BOOKS_DB: dbFile },
    stdio: 'inherit',
  })
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the reference exited with ${child.exitCode}`)
    if (await answers(port)) return { child, port }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error('the reference did not start')
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/about/' }, (res) => resolve(res.resume() !== undefined))
      .once('error', () => resolve(false))
  })
}

/** One answer, as it came: status, headers (the varying ones left out) and body bytes. */
function fetchRaw(port: number, workload: Workload): Promise<{ status: number; headers: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { method, path: url, headers } = workload
    const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('end', () => {
        const kept = Object.entries(res.headers).filter(([name]) => !VARYING.has(name))
        kept.sort(([a], [b]) => a.localeCompare(b))
        resolve({ status: res.statusCode ?? 0, headers: JSON.stringify(kept), body: Buffer.concat(chunks) })
      })
    })
    req.once('error', reject)
    req.end()
  })
}

/** Throw unless the two servers give `workload` the same status, headers and bytes. */
async function checkSame(reference: Server, baseline: Server, workload: Workload): Promise<void> {
  const [theirs, ours] = await Promise.all([fetchRaw(reference.port, workload), fetchRaw(baseline.port, workload)])
  const same = theirs.status === ours.status && theirs.headers === ours.headers && theirs.body.equals(ours.body)
  if (!same) {
    const show = (a: typeof ours) => `${a.status} ${a.headers} ${a.body.length} bytes`
    throw new Error(`${workload.name} differs:\n  reference ${show(theirs)}\n  baseline  ${show(ours)}`)
  }
  console.error(`same answer from both: ${workload.name} (${theirs.status}, ${theirs.body.length} bytes)`)
}

/**
 * BENCH_COUNT=1: instead of timing, count the instructions each server runs per request under
 * callgrind (callgrind.ts): steady on a busy machine where req/s is not. Checks the answers first.
 */
async function countInstructions(script: string): Promise<void> {
  needValgrind('bench:reference with BENCH_COUNT=1')
  const [reference, baseline] = [await startReference(script), await start('baseline-server.js')]
  let workloads: Workload[]
  try {
    workloads = benchWorkloads(await listLastModified(reference)).filter((w) => w.reference)
    for (const w of workloads) await checkSame(reference, baseline, w)
  } finally {
    await Promise.all([stop(reference), stop(baseline)])
  }
  const counted = `${REQUESTS.toLocaleString('en-US')} requests counted after ${WARMUP.toLocaleString('en-US')}`
  console.log(`\ninstructions per request (callgrind, server side, user space; ${counted})\n`)
  console.log('| workload | reference | baseline | ratio (reference / baseline) |')
  console.log('|---|---:|---:|---:|')
  for (const w of workloads) {
    const ours = path.join(import.meta.dirname, 'baseline-server.js')
    const [theirs, mine] = await countBoth([script, { BOOKS_DB: dbFile }], [ours], w)
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
    const ratio = (theirs.instructions / mine.instructions).toFixed(2)
    console.log(`| ${w.name} | ${fmt(theirs.instructions)} | ${fmt(mine.instructions)} | ${ratio} |`)
  }
}

async function main(): Promise<void> {
  const from = process.env.REFERENCE_DIR
  if (!from) {
    console.error('bench:reference needs REFERENCE_DIR, the folder of the lean reference (server.mjs, templates/).')
    process.exit(2)
  }
  ensureBenchDb()
  const script = copyReference(path.resolve(from))
  if (process.env.BENCH_COUNT === '1') return countInstructions(script)
  let workloads: Workload[] = []
  const samples = new Map<string, { reference: Sample[]; baseline: Sample[] }>()
  for (let round = 0; round < ROUNDS; round++) {
    const started: Server[] = []
    try {
      const reference = await startReference(script)
      started.push(reference)
      const baseline = await start('baseline-server.js')
      started.push(baseline)
      const apps = { reference, baseline }
      if (round === 0) {
        workloads = benchWorkloads(await listLastModified(reference)).filter((w) => w.reference)
        for (const w of workloads) {
          await checkSame(reference, baseline, w)
          samples.set(w.name, { reference: [], baseline: [] })
        }
      }
      for (const w of workloads) for (const side of [reference, baseline]) await load(side.port, w, WARMUP_SECONDS)
      for (const w of workloads) {
        const order = round % 2 === 0 ? (['reference', 'baseline'] as const) : (['baseline', 'reference'] as const)
        const pair = samples.get(w.name) as { reference: Sample[]; baseline: Sample[] }
        for (const side of order) pair[side].push(await measure(apps[side], w))
        const [theirs, ours] = [pair.reference.at(-1), pair.baseline.at(-1)] as [Sample, Sample]
        const rps = (ours.rps / theirs.rps).toFixed(2)
        const cpu = (theirs.cpu / ours.cpu).toFixed(2)
        console.error(`round ${round + 1}/${ROUNDS} ${w.name}: throughput ratio ${rps}, CPU ratio ${cpu}`)
      }
    } finally {
      await Promise.all(started.map(stop))
    }
  }
  console.log(
    `\n${ROUNDS} rounds × ${SECONDS} s, alternated, fresh servers each round; medians; throughput ratio = baseline / reference, CPU ratio = reference / baseline (medians of the rounds' ratios: above 1, the baseline is ahead)\n`,
  )
  console.log(
    '| workload | reference req/s | baseline req/s | throughput ratio | rounds | CPU µs/req reference | CPU µs/req baseline | CPU ratio |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  for (const w of workloads) {
    const { reference, baseline } = samples.get(w.name) as { reference: Sample[]; baseline: Sample[] }
    const of = (side: Sample[], key: keyof Sample) => median(side.map((sample) => sample[key]))
    const rps = baseline.map((ours, i) => ours.rps / (reference[i] as Sample).rps)
    const cpu = baseline.map((ours, i) => (reference[i] as Sample).cpu / ours.cpu)
    const range = `${fmt(Math.min(...rps), 2)}–${fmt(Math.max(...rps), 2)}`
    console.log(
      `| ${w.name} | ${fmt(of(reference, 'rps'))} | ${fmt(of(baseline, 'rps'))} | ${fmt(median(rps), 2)} | ${range} | ${fmt(of(reference, 'cpu'), 1)} | ${fmt(of(baseline, 'cpu'), 1)} | ${fmt(median(cpu), 2)} |`,
    )
  }
}

await main()
