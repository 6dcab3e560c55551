// `npm run bench:reference`: our baseline against the lean reference app itself (REFERENCE_DIR,
// e.g. /work/shared/bench-reference), not a test: CI has no copy of the reference. The reference's
// server.mjs and templates are copied into bench/reference/ (gitignored) so that its imports resolve
// to this workspace's fastify, eta and better-sqlite3; both servers run on the bench database.
// It checks the four reference workloads get the same status, bytes and headers from both, then
// measures both alternately, fresh servers each round, and prints the throughput ratio
// baseline / reference: the median of the rounds' own ratios.
import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
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

async function main(): Promise<void> {
  const from = process.env.REFERENCE_DIR
  if (!from) {
    console.error('bench:reference needs REFERENCE_DIR, the folder of the lean reference (server.mjs, templates/).')
    process.exit(2)
  }
  ensureBenchDb()
  const script = copyReference(path.resolve(from))
  let workloads: Workload[] = []
  const ratios = new Map<string, { reference: number[]; baseline: number[] }>()
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
          ratios.set(w.name, { reference: [], baseline: [] })
        }
      }
      for (const w of workloads) for (const side of [reference, baseline]) await load(side.port, w, WARMUP_SECONDS)
      for (const w of workloads) {
        const order = round % 2 === 0 ? (['reference', 'baseline'] as const) : (['baseline', 'reference'] as const)
        const pair = ratios.get(w.name) as { reference: number[]; baseline: number[] }
        for (const side of order) pair[side].push((await load(apps[side].port, w, SECONDS)).rps)
        const ratio = (pair.baseline.at(-1) as number) / (pair.reference.at(-1) as number)
        console.error(`round ${round + 1}/${ROUNDS} ${w.name}: baseline / reference ${ratio.toFixed(2)}`)
      }
    } finally {
      await Promise.all(started.map(stop))
    }
  }
  console.log(`\n${ROUNDS} rounds × ${SECONDS} s, alternated, fresh servers each round; ratio = baseline / reference\n`)
  console.log('| workload | reference req/s | baseline req/s | ratio (median of rounds) | rounds |')
  console.log('|---|---:|---:|---:|---:|')
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits })
  for (const w of workloads) {
    const { reference, baseline } = ratios.get(w.name) as { reference: number[]; baseline: number[] }
    const each = baseline.map((value, i) => value / (reference[i] as number))
    const range = `${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}`
    console.log(
      `| ${w.name} | ${fmt(median(reference))} | ${fmt(median(baseline))} | ${median(each).toFixed(2)} | ${range} |`,
    )
  }
}

await main()
