// `npm run bench:later`: what answering one turn later costs. The hand-written 304 answers
// inside Fastify's handler; Manouche answers from a promise callback, after the handler has
// returned, because a view's lastModified() is async. This runs the hand-written server twice,
// once as it is and once answering one microtask later (BASELINE_ANSWER_LATER=1), plus
// Manouche, and alternates many short load runs among the three: the server's CPU time per
// request, medians of the rounds, and the median of the per-round ratios. Instruction counts
// cannot show this (the later answer runs ~0.5k more of ~66k); on a shared machine, one run
// settles nothing (docs/performance.md), so run it more than once.
import autocannon from 'autocannon'
import { ensureBenchDb } from './fixtures.js'
import { ask, listLastModified, type Server, start } from './servers.js'
import { median } from './stats.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)

async function main(): Promise<void> {
  await ensureBenchDb()
  const servers: [string, Server][] = [
    ['hand-written, answering in its handler', await start('baseline.js')],
    ['hand-written, answering one microtask later', await start('baseline.js', { BASELINE_ANSWER_LATER: '1' })],
    ['Manouche', await start('manouche-app.js')],
  ]
  const headers = { 'if-modified-since': await listLastModified(servers[0]?.[1] as Server) }
  const run = async (server: Server, amount: number) => {
    const url = `http://127.0.0.1:${server.port}/books/`
    const result = await autocannon({ url, headers, connections: CONNECTIONS, amount })
    if (result.errors > 0 || result.timeouts > 0 || result['3xx'] !== result.requests.total) {
      throw new Error(`${url} did not answer 304 to every request`)
    }
    return result.requests.total
  }
  const cpu = servers.map((): number[] => [])
  try {
    for (const [, server] of servers) await run(server, 5_000)
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate who goes first, so that drift on a noisy machine hits all three alike.
      for (let k = 0; k < servers.length; k++) {
        const index = (round + k) % servers.length
        const server = (servers[index] as [string, Server])[1]
        const before = await ask<number>(server, 'cpu')
        const answered = await run(server, REQUESTS)
        cpu[index]?.push(((await ask<number>(server, 'cpu')) - before) / answered)
      }
    }
  } finally {
    for (const [, server] of servers) server.child.kill()
  }
  const hand = cpu[0] as number[]
  console.log(`\n${ROUNDS} rounds × ${REQUESTS.toLocaleString('en-US')} requests of the 304, rotated\n`)
  console.log('| server | CPU µs/req (median) | ratio (hand-written in its handler / this), median of rounds |')
  console.log('|---|---:|---:|')
  servers.forEach(([name], index) => {
    const own = cpu[index] as number[]
    const ratios = own.map((value, round) => (hand[round] as number) / value)
    console.log(`| ${name} | ${median(own).toFixed(1)} | ${median(ratios).toFixed(2)} |`)
  })
}

await main()
