// `npm run bench:instructions`: the instructions each app's server runs per request, counted by
// valgrind's callgrind. Unlike req/s or CPU time on a shared machine, a count hardly moves from
// one run to the next (about 1%), so it shows changes of a few percent that `npm run bench`
// cannot. It counts user space only: the kernel's share of a request (the socket write, about
// half of a 304's CPU time here) is not in it, and it grows when a server is slower.
//
// Each app is run twice under callgrind, answering N1 then N2 requests after the same start-up;
// (count2 - count1) / (N2 - N1) is the cost of one request, start-up and JIT warm-up cancelled.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import http from 'node:http'
import { createServer } from 'node:net'
import path from 'node:path'
import { send } from './client.js'
import { ensureBenchDb } from './fixtures.js'
import { listLastModified, start } from './servers.js'
import { workloads as benchWorkloads, type Workload } from './workloads.js'

const N1 = Number(process.env.BENCH_N1 ?? 5000)
const N2 = Number(process.env.BENCH_N2 ?? 25000)
const here = import.meta.dirname

/** A free loopback port (taken and given back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

async function waitFor(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
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

/** Run `script` under callgrind, send it `count` requests, stop it; return the instructions it ran. */
async function countInstructions(script: string, workload: Workload, count: number): Promise<number> {
  const port = await freePort()
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded']
  const child = spawn('valgrind', [...args, path.join(here, script)], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitFor(port, child)
  await send(port, workload, count)
  child.kill('SIGTERM')
  await exited
  const collected = /Collected : ([\d,]+)/.exec(log)?.[1]
  if (!collected) throw new Error(`callgrind reported no count for ${script}:\n${log.slice(-2000)}`)
  return Number(collected.replaceAll(',', ''))
}

/** Instructions per request of `script` on `workload`: two runs side by side, N1 and N2 requests. */
async function perRequest(script: string, workload: Workload): Promise<number> {
  const [first, second] = await Promise.all([
    countInstructions(script, workload, N1),
    countInstructions(script, workload, N2),
  ])
  return (second - first) / (N2 - N1)
}

async function main(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('bench:instructions needs valgrind (Debian: apt-get install valgrind).')
    process.exit(2)
  }
  await ensureBenchDb()
  // The 304 workload needs the Last-Modified the list gives: ask a plain run of the baseline.
  const baseline = await start('baseline.js')
  const lastModified = await listLastModified(baseline)
  baseline.child.kill()
  console.log(`\ninstructions per request (callgrind, server side, user space; ${N2 - N1} requests counted)\n`)
  console.log('| workload | hand-written | Manouche | ratio (hand / Manouche) |')
  console.log('|---|---:|---:|---:|')
  for (const workload of benchWorkloads(lastModified)) {
    const hand = await perRequest('baseline.js', workload)
    const manouche = await perRequest('manouche-app.js', workload)
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
    console.log(`| ${workload.name} | ${fmt(hand)} | ${fmt(manouche)} | ${(hand / manouche).toFixed(2)} |`)
  }
}

await main()
