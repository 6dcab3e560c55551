// serve(): one process or several, replacing a dead worker, draining on SIGTERM. Each case
// starts test/core/serve/app.ts in a child process and talks to it over HTTP.
import { ImproperlyConfigured, serve } from '@manouche/core'
import { expect } from 'chai'
import { rejects } from '../data/contract.js'
import { get, killedAfterEach, sleep, start } from './serve/child.js'

describe('serve()', function () {
  this.timeout(20_000)
  const running = killedAfterEach()

  it('serves on one process and, on SIGTERM, finishes the request in flight, then exits 0', async () => {
    const served = await start(1)
    running.push(served)
    expect(await (await get(served, '/pid/')).text()).to.equal(String(served.child.pid))
    const slow = get(served, '/slow/?ms=600')
    await sleep(150)
    served.child.kill('SIGTERM')
    const answer = await slow
    expect(answer.status).to.equal(200)
    expect(await answer.text()).to.equal(`done ${served.child.pid}`)
    expect(await served.exited).to.equal(0)
    await get(served, '/pid/').then(
      () => expect.fail('the server still answers'),
      (error: Error) => expect(error.message).to.equal('fetch failed'),
    )
  })

  it('serves on two workers sharing the port, and replaces a worker that dies', async () => {
    const served = await start(2)
    running.push(served)
    const pids = async (requests: number) => {
      const answers = await Promise.all(Array.from({ length: requests }, () => get(served, '/pid/')))
      return new Set(await Promise.all(answers.map(async (answer) => Number(await answer.text()))))
    }
    expect(await pids(20)).to.deep.equal(new Set(served.ready))
    const [killed] = served.ready
    process.kill(killed as number, 'SIGKILL')
    await served.readyCount(3)
    const after = await pids(20)
    expect(after).to.deep.equal(new Set(served.ready.slice(1)))
    expect(after.has(killed as number)).to.equal(false)
    expect(served.errors()).to.include(`serve: worker ${killed} died (SIGKILL); starting another.`)
  })

  it('fails no request but those in flight on a worker killed mid-load', async () => {
    const served = await start(2)
    running.push(served)
    const [killed] = served.ready
    let stop = false
    let answered = 0
    const failures: string[] = []
    // Four clients, one request at a time each: at most four are in flight at any moment.
    const client = async () => {
      while (!stop) {
        try {
          const answer = await get(served, '/slow/?ms=20')
          if (answer.status === 200) answered++
          else failures.push(`status ${answer.status}`)
          await answer.arrayBuffer()
        } catch (error) {
          failures.push((error as Error).message)
        }
      }
    }
    const clients = Array.from({ length: 4 }, client)
    await sleep(500)
    process.kill(killed as number, 'SIGKILL')
    await served.readyCount(3)
    await sleep(500)
    stop = true
    await Promise.all(clients)
    expect(failures.length, failures.join(', ')).to.be.at.most(4)
    expect(answered).to.be.above(50)
  })

  it('drains every worker on SIGTERM: requests in flight are answered, then the primary exits 0', async () => {
    const served = await start(2)
    running.push(served)
    const slow = Array.from({ length: 4 }, () => get(served, '/slow/?ms=600'))
    await sleep(200)
    served.child.kill('SIGTERM')
    const answers = await Promise.all(slow)
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 200, 200])
    expect(await served.exited).to.equal(0)
  })

  it('stops, exiting 1, when workers fail before serving, instead of starting them again and again', async () => {
    const served = await start(2, { FAIL: '1' })
    running.push(served)
    expect(await served.exited).to.equal(1)
    expect(served.errors()).to.match(/serve: worker \d+ exited before serving \(code 1\); stopping\./)
    expect(served.errors()).to.include('Error: no database')
  })

  it('refuses a number of workers that is not a whole number of at least 1', async () => {
    const app = () => expect.fail('no app is built') as never
    await rejects(
      serve(app, { workers: 0 }),
      ImproperlyConfigured,
      'serve(): workers must be a whole number of at least 1, not 0.',
    )
    const saved = process.env.WORKERS
    process.env.WORKERS = 'two'
    try {
      await rejects(serve(app), ImproperlyConfigured, "serve(): WORKERS must be a whole number, not 'two'.")
    } finally {
      if (saved === undefined) delete process.env.WORKERS
      else process.env.WORKERS = saved
    }
  })
})
