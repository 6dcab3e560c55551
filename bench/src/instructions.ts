// `npm run bench:instructions`: the instructions each app's server runs per request, counted by
// valgrind's callgrind. Unlike req/s or CPU time on a shared machine, a count hardly moves from
// one run to the next (under 1%), so it shows changes of a few percent that `npm run bench`
// cannot. It counts user space only: the kernel's share of a request (the socket write, about
// half of a 304's CPU time here) is not in it.
//
// Each app runs under callgrind and answers BENCH_WARMUP requests (default 10,000) on four
// keep-alive connections; then its counters are zeroed (callgrind_control -z), it answers
// BENCH_REQUESTS more (default 10,000) on the same connections, and they are dumped
// (callgrind_control -d). The count is that window's alone: start-up, whose count varies by
// hundreds of millions from run to run, and the deoptimizations new sockets cause stay out.
// (Counting two whole runs of different lengths and taking the difference, as this tool first
// did, let that variance through: one request in ten thousand carries it all.)
//
// BENCH_CACHE_SIM=1 adds callgrind's cache and branch simulation (twice as slow): per request,
// the L1 instruction and data cache misses, the mispredicted branches, and an estimate of the
// cycles, instructions + 10 x (L1 misses + mispredictions). Instructions alone can be level
// while the CPU time is not: in the fourth session the 304 ran as many instructions as by hand
// but missed the L1 caches ~15% more often, and this estimate tracked its CPU time.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Connections, send } from './client.js'
import { ensureBenchDb } from './database.js'
import { freePort, listLastModified, start } from './servers.js'
import { workloads as benchWorkloads, type Workload } from './workloads.js'

/** Per request, from the window: instructions and, with BENCH_CACHE_SIM=1, misses and estimated cycles. */
interface Counts {
  instructions: number
  l1InstructionMisses?: number
  l1DataMisses?: number
  mispredicts?: number
  estimatedCycles?: number
}

const CACHE_SIM = process.env.BENCH_CACHE_SIM === '1'
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const STARTUP_MINUTES = Number(process.env.BENCH_STARTUP_MINUTES ?? 10)
const here = import.meta.dirname

/** Wait until the server under callgrind answers; start-up under valgrind on a busy machine takes minutes. */
async function waitFor(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + STARTUP_MINUTES * 60_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    const up = await new Promise<boolean>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/about/' }, (res) => resolve(res.resume() !== undefined))
        .once('error', () => resolve(false))
    })
    if (up) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the server did not start')
}

/** Run `script` under callgrind and return what it runs per request of `workload`, once warm. */
async function perRequest(script: string, workload: Workload): Promise<Counts> {
  const port = await freePort()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'manouche-callgrind-'))
  const out = path.join(dir, 'callgrind.out')
  const args = [
    '--tool=callgrind',
    `--callgrind-out-file=${out}`,
    '--dump-instr=no',
    ...(CACHE_SIM ? ['--cache-sim=yes', '--branch-sim=yes'] : []),
    process.execPath,
    '--single-threaded',
  ]
  const child = spawn('valgrind', [...args, path.join(here, script)], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let connections: Connections | undefined
  try {
    await waitFor(port, child)
    connections = new Connections(port)
    await send(port, workload, WARMUP, connections)
    control('-z', child)
    await send(port, workload, REQUESTS, connections)
    control('-d', child)
    // The dump asked for is the run's first part: `<out>.1`; the rest goes to `<out>` at exit.
    const dump = await readFile(`${out}.1`, 'utf8')
    const events = /^events: (.+)$/m.exec(dump)?.[1]?.split(' ')
    const summary = /^summary: (.+)$/m.exec(dump)?.[1]?.split(' ').map(Number)
    if (events === undefined || summary === undefined) {
      throw new Error(`callgrind wrote no summary for ${script}:\n${log.slice(-2000)}`)
    }
    return countsOf(events, summary)
  } finally {
    connections?.close()
    child.kill('SIGTERM')
    await exited
    await rm(dir, { recursive: true, force: true })
  }
}

/** The window's counts per request, from callgrind's event names and totals. */
function countsOf(events: string[], totals: number[]): Counts {
  const per = (...names: string[]) =>
    names.reduce((sum, name) => sum + (totals[events.indexOf(name)] ?? 0), 0) / REQUESTS
  const instructions = per('Ir')
  if (!events.includes('I1mr')) return { instructions }
  const l1InstructionMisses = per('I1mr')
  const l1DataMisses = per('D1mr', 'D1mw')
  const mispredicts = per('Bcm', 'Bim')
  const estimatedCycles = instructions + 10 * (l1InstructionMisses + l1DataMisses + mispredicts)
  return { instructions, l1InstructionMisses, l1DataMisses, mispredicts, estimatedCycles }
}

/** Ask the callgrind running `child` to zero (`-z`) or dump (`-d`) its counters; it answers when done. */
function control(option: '-z' | '-d', child: ChildProcess): void {
  const result = spawnSync('callgrind_control', [option, String(child.pid)], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`callgrind_control ${option} failed: ${result.stderr || result.error}`)
}

async function main(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('bench:instructions needs valgrind (Debian: apt-get install valgrind).')
    process.exit(2)
  }
  ensureBenchDb()
  // The 304 workload needs the Last-Modified the list gives: ask a plain run of the baseline.
  const baseline = await start('baseline-server.js')
  const lastModified = await listLastModified(baseline)
  baseline.child.kill()
  const counted = `${REQUESTS.toLocaleString('en-US')} requests counted after ${WARMUP.toLocaleString('en-US')}`
  console.log(`\ninstructions per request (callgrind, server side, user space; ${counted})\n`)
  if (CACHE_SIM) {
    console.log(
      '| workload | instructions hand / Manouche | L1i misses hand / Manouche | L1d misses hand / Manouche | mispredicts hand / Manouche | est. cycles hand / Manouche | ratio (hand / Manouche) |',
    )
    console.log('|---|---:|---:|---:|---:|---:|---:|')
  } else {
    console.log('| workload | hand-written | Manouche | ratio (hand / Manouche) |')
    console.log('|---|---:|---:|---:|')
  }
  for (const workload of benchWorkloads(lastModified)) {
    // The two apps side by side: a count does not depend on what else the machine runs.
    // Both settled before going on: a failure of one must not leave the other's valgrind running.
    const settled = await Promise.allSettled([
      perRequest('baseline-server.js', workload),
      perRequest('manouche-server.js', workload),
    ])
    const failed = settled.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const [hand, manouche] = settled.map((result) => (result as PromiseFulfilledResult<Counts>).value) as [
      Counts,
      Counts,
    ]
    const fmt = (n: number | undefined) => Math.round(n ?? 0).toLocaleString('en-US')
    if (CACHE_SIM) {
      const pair = (key: keyof Counts) => `${fmt(hand[key])} / ${fmt(manouche[key])}`
      const ratio = (hand.estimatedCycles ?? 0) / (manouche.estimatedCycles ?? 1)
      console.log(
        `| ${workload.name} | ${pair('instructions')} | ${pair('l1InstructionMisses')} | ${pair('l1DataMisses')} | ${pair('mispredicts')} | ${pair('estimatedCycles')} | ${ratio.toFixed(2)} |`,
      )
    } else {
      const ratio = hand.instructions / manouche.instructions
      console.log(
        `| ${workload.name} | ${fmt(hand.instructions)} | ${fmt(manouche.instructions)} | ${ratio.toFixed(2)} |`,
      )
    }
  }
}

await main()
