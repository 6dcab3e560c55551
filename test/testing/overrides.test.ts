import { BaseView, HttpResponse, View } from '@manouche/core'
import { MemoryQuerySet, querySetToken } from '@manouche/data'
import { createTestClient, type Override } from '@manouche/testing'
import { expect } from 'chai'
import { inject, injectable, container as rootContainer } from 'tsyringe'
import { GREETING, GreetingView } from './fixtures.js'

@injectable()
class Clock {
  now(): string {
    return 'real time'
  }
}

class FakeClock extends Clock {
  override now(): string {
    return 'fake time'
  }
}

@injectable()
class Greeter {
  constructor(@inject(GREETING) readonly greeting: string) {}
}

@View('/greeter/')
@injectable()
class GreeterView extends BaseView {
  constructor(private readonly greeter: Greeter) {
    super()
  }

  async get() {
    return new HttpResponse(this.greeter.greeting)
  }
}

@View('/time/')
@injectable()
class TimeView extends BaseView {
  constructor(private readonly clock: Clock) {
    super()
  }

  async get() {
    return new HttpResponse(this.clock.now())
  }
}

describe('createTestClient()', () => {
  describe('overrides', () => {
    it('gives two clients their own override, interleaved, without leaking', async () => {
      const app = rootContainer.createChildContainer()
      app.register(GREETING, { useValue: 'hello from the app' })
      const english = await createTestClient({
        views: [GreetingView],
        container: app,
        overrides: [[GREETING, { useValue: 'hello' }]],
      })
      const french = await createTestClient({
        views: [GreetingView],
        container: app,
        overrides: [[GREETING, { useValue: 'bonjour' }]],
      })
      try {
        const answers = await Promise.all([
          english.get('/greeting/?delay=30'),
          french.get('/greeting/?delay=20'),
          english.get('/greeting/?delay=10'),
          french.get('/greeting/'),
        ])
        expect(answers.map((res) => res.body)).to.deep.equal(['hello', 'bonjour', 'hello', 'bonjour'])
      } finally {
        await Promise.all([english.close(), french.close()])
      }
      expect(app.resolve(GREETING)).to.equal('hello from the app')
      expect(app.isRegistered(GREETING)).to.equal(true)
      expect(rootContainer.isRegistered(GREETING, true)).to.equal(false)
    })

    it('leaves the application its own registrations where it overrides nothing', async () => {
      const app = rootContainer.createChildContainer()
      app.register(GREETING, { useValue: 'hello from the app' })
      const client = await createTestClient({ views: [GreetingView], container: app, overrides: [] })
      try {
        expect((await client.get('/greeting/')).body).to.equal('hello from the app')
      } finally {
        await client.close()
      }
    })

    it('registers nothing on tsyringe’s root container when no container is given', async () => {
      const client = await createTestClient({ views: [GreetingView], overrides: [[GREETING, { useValue: 'hi' }]] })
      try {
        expect((await client.get('/greeting/')).body).to.equal('hi')
        expect(client.container.resolve(GREETING)).to.equal('hi')
      } finally {
        await client.close()
      }
      expect(rootContainer.isRegistered(GREETING, true)).to.equal(false)
    })

    it('takes { useClass } for a class token', async () => {
      const client = await createTestClient({ views: [TimeView], overrides: [[Clock, { useClass: FakeClock }]] })
      try {
        expect((await client.get('/time/')).body).to.equal('fake time')
      } finally {
        await client.close()
      }
      expect(rootContainer.resolve(Clock).now()).to.equal('real time')
    })

    it('takes { useFactory }, called with the resolving container', async () => {
      const client = await createTestClient({
        views: [GreetingView],
        overrides: [[GREETING, { useFactory: (c) => `made by a factory, child: ${c !== rootContainer}` }]],
      })
      try {
        expect((await client.get('/greeting/')).body).to.equal('made by a factory, child: true')
      } finally {
        await client.close()
      }
    })

    it('takes a function that registers on the client’s container', async () => {
      const client = await createTestClient({
        views: [GreetingView, TimeView],
        overrides: (c) => {
          c.register(GREETING, { useValue: 'from a function' })
          c.registerSingleton(Clock, FakeClock)
        },
      })
      try {
        const [greeting, time] = await Promise.all([client.get('/greeting/'), client.get('/time/')])
        expect([greeting.body, time.body]).to.deep.equal(['from a function', 'fake time'])
      } finally {
        await client.close()
      }
      expect(rootContainer.isRegistered(GREETING, true)).to.equal(false)
    })

    it('gives each client its own singleton when the function registers one', async () => {
      const app = rootContainer.createChildContainer()
      app.registerSingleton(Greeter)
      const own = (greeting: string) => (c: typeof app) => {
        c.register(GREETING, { useValue: greeting })
        c.registerSingleton(Greeter)
      }
      const [english, french] = await Promise.all([
        createTestClient({ views: [GreeterView], container: app, overrides: own('hello') }),
        createTestClient({ views: [GreeterView], container: app, overrides: own('bonjour') }),
      ])
      try {
        const answers = await Promise.all([english.get('/greeter/'), french.get('/greeter/'), english.get('/greeter/')])
        expect(answers.map((res) => res.body)).to.deep.equal(['hello', 'bonjour', 'hello'])
      } finally {
        await Promise.all([english.close(), french.close()])
      }
    })

    it('lets a test change a registration later through client.container', async () => {
      const client = await createTestClient({ views: [GreetingView], overrides: [[GREETING, { useValue: 'first' }]] })
      try {
        expect((await client.get('/greeting/')).body).to.equal('first')
        client.container.register(GREETING, { useValue: 'second' })
        expect((await client.get('/greeting/')).body).to.equal('second')
      } finally {
        await client.close()
      }
    })
  })
})

// Compile-time checks: a provider must fit a class token (tsc fails on an unused @ts-expect-error).
export const typeChecks = async () => {
  const fine: Override<Clock> = [Clock, { useValue: new FakeClock() }]
  await createTestClient({ overrides: [[querySetToken(Clock), { useValue: new MemoryQuerySet([new Clock()]) }], fine] })
  // @ts-expect-error a string is no Clock
  await createTestClient({ overrides: [[Clock, { useValue: 'noon' }]] })
  // @ts-expect-error a Date is no Clock
  await createTestClient({ overrides: [fine, [Clock, { useClass: Date }]] })
}
