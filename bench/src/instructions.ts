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
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CACHE_SIM, type Counts, countBoth, needValgrind, REQUESTS, WARMUP } from './callgrind.js'
import { ensureBenchDb } from './database.js'
import { freshLibrary } from './library.js'
import { listLastModified, start } from './servers.js'
import { workloads as benchWorkloads, writeWorkloads } from './workloads.js'

const here = import.meta.dirname

async function main(): Promise<void> {
  needValgrind('bench:instructions')
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
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'manouche-bench-library-'))
  for (const workload of [...benchWorkloads(lastModified), ...writeWorkloads()]) {
    // The write workload writes into a fresh copy of the library database per app.
    const library = (side: string): Record<string, string> =>
      workload.method === 'POST' ? { BENCH_LIBRARY_DB: freshLibrary(path.join(scratch, `${side}.sqlite3`)) } : {}
    // The two apps side by side: a count does not depend on what else the machine runs.
    const [hand, manouche] = await countBoth(
      [path.join(here, 'baseline-server.js'), library('hand')],
      [path.join(here, 'manouche-server.js'), library('manouche')],
      workload,
    )
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
  rmSync(scratch, { recursive: true, force: true })
}

await main()
