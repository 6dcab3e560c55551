// The request log: one line a request by default, LOG_LEVEL or bootstrap({ logLevel }) to change
// it, and no line lost when the process exits. Through test/core/serve/app.ts in a child process.
import { bootstrap, ImproperlyConfigured } from '@manouche/core'
import { expect } from 'chai'
import { rejects } from '../data/contract.js'
import { get, killedAfterEach, type Served, sleep, start } from './serve/child.js'

/** The JSON lines a child wrote to stdout (its `ready <pid>` line left out). */
function jsonLines(served: Served): Array<Record<string, unknown>> {
  return served
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
}

describe('the request log', function () {
  this.timeout(20_000)
  const running = killedAfterEach()

  it('writes one line a request at info: method, path, status and milliseconds', async () => {
    const served = await start(1, { LOG_LEVEL: 'info' })
    running.push(served)
    expect((await get(served, '/pid/?x=1')).status).to.equal(200)
    expect((await get(served, '/nowhere/')).status).to.equal(404)
    served.child.kill('SIGTERM')
    expect(await served.exited).to.equal(0)
    const requests = jsonLines(served).filter((line) => 'ms' in line)
    expect(requests.map(({ level, method, url, statusCode }) => ({ level, method, url, statusCode }))).to.deep.equal([
      { level: 30, method: 'GET', url: '/pid/?x=1', statusCode: 200 },
      { level: 30, method: 'GET', url: '/nowhere/', statusCode: 404 },
    ])
    expect(requests[0]?.msg).to.match(/^GET \/pid\/\?x=1 200 \d+(\.\d)? ms$/)
    expect(requests[0]?.ms).to.be.a('number').within(0, 1000)
    // Fastify's own two lines a request are off; the 404's warning stays.
    const messages = jsonLines(served).map((line) => line.msg)
    expect(messages).not.to.include('incoming request')
    expect(messages).not.to.include('request completed')
    expect(messages).to.include('Not Found: /nowhere/')
  })

  for (const workers of [1, 2])
    it(`loses no line when ${workers} process(es) exit on SIGTERM under load`, async () => {
      const served = await start(workers, { LOG_LEVEL: 'info' })
      running.push(served)
      let answered = 0
      const batch = () =>
        Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const answer = await get(served, i % 10 === 0 ? '/slow/?ms=100' : '/pid/')
            await answer.arrayBuffer()
            if (answer.status === 200) answered++
          }),
        )
      for (let i = 0; i < 10; i++) await batch()
      const inFlight = batch()
      await sleep(20)
      served.child.kill('SIGTERM')
      await inFlight.catch(() => {}) // those that came after the server stopped accepting fail
      expect(await served.exited).to.equal(0)
      expect(answered).to.be.at.least(500)
      expect(jsonLines(served).filter((line) => 'ms' in line)).to.have.length(answered)
    })

  it('writes no request line at warn, and nothing at all when silent', async () => {
    for (const [level, expected] of [
      ['warn', ['Not Found: /nowhere/']],
      ['silent', []],
    ] as const) {
      const served = await start(1, { LOG_LEVEL: level })
      running.push(served)
      await get(served, '/pid/')
      await get(served, '/nowhere/')
      served.child.kill('SIGTERM')
      expect(await served.exited).to.equal(0)
      expect(
        jsonLines(served).map((line) => line.msg),
        level,
      ).to.deep.equal(expected)
    }
  })
})

describe('bootstrap({ logLevel })', () => {
  it('refuses a level that does not exist, naming where it came from', async () => {
    await rejects(
      bootstrap({ views: [], logLevel: 'loud' as never }),
      ImproperlyConfigured,
      "bootstrap(): logLevel must be one of fatal, error, warn, info, debug, trace, silent; not 'loud'.",
    )
    const saved = process.env.LOG_LEVEL
    process.env.LOG_LEVEL = 'verbose'
    try {
      await rejects(
        bootstrap({ views: [] }),
        ImproperlyConfigured,
        "the LOG_LEVEL environment variable must be one of fatal, error, warn, info, debug, trace, silent; not 'verbose'.",
      )
    } finally {
      process.env.LOG_LEVEL = saved
    }
  })

  it("gives way to Fastify's own logger option, used as is", async () => {
    const lines: string[] = []
    const app = await bootstrap({
      views: [],
      logLevel: 'silent',
      fastify: { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } },
    })
    await app.inject({ url: '/nowhere/' })
    await app.close()
    expect(lines.map((line) => JSON.parse(line).msg)).to.deep.equal([
      'incoming request',
      'Not Found: /nowhere/',
      'request completed',
    ])
  })
})
