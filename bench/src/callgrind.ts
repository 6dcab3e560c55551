// Counting what a server runs per request under valgrind's callgrind (see instructions.ts for
// the method): the server answers BENCH_WARMUP requests, the counters are zeroed, it answers
// BENCH_REQUESTS more on the same connections, and that window's counts are read.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Connections, send } from './client.js'
import { freePort } from './servers.js'
import { signedIn, type Workload } from './workloads.js'

/** Per request, from the window: instructions and, with BENCH_CACHE_SIM=1, misses and estimated cycles. */
export interface Counts {
  instructions: number
  l1InstructionMisses?: number
  l1DataMisses?: number
  mispredicts?: number
  estimatedCycles?: number
}

export const CACHE_SIM = process.env.BENCH_CACHE_SIM === '1'
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 10_000)
export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000)
const STARTUP_MINUTES = Number(process.env.BENCH_STARTUP_MINUTES ?? 10)

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

/** Run the server `script` (a path; `env` added) under callgrind: what it runs per request of `workload`, once warm. */
export async function perRequest(
  script: string,
  workload: Workload,
  env: Record<string, string> = {},
): Promise<Counts> {
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
  const child = spawn('valgrind', [...args, script], {
    env: { ...process.env, ...env, PORT: String(port) },
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
    const sent = await signedIn(port, workload) // a POST's CSRF cookie and token, as a browser gets them
    connections = new Connections(port)
    await send(port, sent, WARMUP, connections)
    control('-z', child)
    await send(port, sent, REQUESTS, connections)
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

/** Count `workload` on two servers side by side (a count does not depend on what else runs); throws if either fails, once both are done. */
export async function countBoth(
  first: [string, Record<string, string>?],
  second: [string, Record<string, string>?],
  workload: Workload,
): Promise<[Counts, Counts]> {
  const settled = await Promise.allSettled([
    perRequest(first[0], workload, first[1]),
    perRequest(second[0], workload, second[1]),
  ])
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((result) => (result as PromiseFulfilledResult<Counts>).value) as [Counts, Counts]
}

/** Exit with a hint unless valgrind is installed. */
export function needValgrind(tool: string): void {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error(`${tool} needs valgrind (Debian: apt-get install valgrind).`)
    process.exit(2)
  }
}
