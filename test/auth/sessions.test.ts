import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import {
  DatabaseSessionStore,
  RedisSessionStore,
  Session,
  SessionRecord,
  SignedCookieSessionStore,
} from '@manouche/auth'
import { expect } from 'chai'
import { Redis } from 'ioredis'
import { testDatabases } from './databases.js'
import { sessionStoreContract } from './session-contract.js'

const databases = await testDatabases()

describe('SignedCookieSessionStore', () => {
  sessionStoreContract({
    name: 'signed cookie',
    make: async () => new SignedCookieSessionStore({ secretKey: 'test secret' }),
    stateless: true,
  })

  const expiry = () => new Date(Date.now() + 60_000)

  it('loads a tampered or forged value as null', async () => {
    const store = new SignedCookieSessionStore({ secretKey: 'k1' })
    const value = await store.save('', { user: 7 }, expiry())
    const [payload, signature] = value.split('.') as [string, string]
    const forgedPayload = Buffer.from(JSON.stringify({ data: { user: 1 }, expiry: Date.now() + 60_000 })).toString(
      'base64url',
    )
    const tampered = [
      `${payload.slice(0, -2)}${payload.at(-2) === 'A' ? 'B' : 'A'}${payload.at(-1)}.${signature}`,
      `${payload}.${signature.slice(0, -1)}${signature.at(-1) === 'A' ? 'B' : 'A'}`,
      `${forgedPayload}.${signature}`,
      forgedPayload,
      `${value}.`,
      await new SignedCookieSessionStore({ secretKey: 'other' }).save('', { user: 1 }, expiry()),
    ]
    for (const bad of tampered) expect(await store.load(bad), bad).to.equal(null)
  })

  it('signs with the first key and verifies with every one, so keys can rotate', async () => {
    const old = await new SignedCookieSessionStore({ secretKey: 'old' }).save('', { user: 7 }, expiry())
    const rotating = new SignedCookieSessionStore({ secretKey: ['new', 'old'] })
    expect(await rotating.load(old)).to.deep.equal({ user: 7 })
    const fresh = await rotating.save('', { user: 8 }, expiry())
    expect(await new SignedCookieSessionStore({ secretKey: 'new' }).load(fresh)).to.deep.equal({ user: 8 })
    expect(await new SignedCookieSessionStore({ secretKey: 'new' }).load(old)).to.equal(null)
  })

  it('loads a validly signed value that holds no session as null', async () => {
    const store = new SignedCookieSessionStore({ secretKey: 'k' })
    const good = await store.save('', { user: 7 }, expiry())
    expect(good.split('.')[0]).to.match(/^[A-Za-z0-9_-]+$/)
    const wrongShape = await store.save('', [] as never, expiry())
    expect(await store.load(wrongShape)).to.equal(null)
  })

  it('refuses to be made without a secret key', () => {
    const message = 'SignedCookieSessionStore needs a secretKey: a non-empty string, or a list of them.'
    for (const secretKey of ['', [], [''], [undefined]] as never[])
      expect(() => new SignedCookieSessionStore({ secretKey })).to.throw(TypeError, message)
  })
})

for (const database of databases) {
  describe(`DatabaseSessionStore on ${database.name}`, () => {
    before(() => database.open())
    after(() => database.close())

    sessionStoreContract({
      name: database.name,
      make: async () => new DatabaseSessionStore(await database.querySet(SessionRecord)),
    })

    it('loads a row that holds no JSON object as null, and clears expired rows', async () => {
      const sessions = await database.querySet(SessionRecord)
      const store = new DatabaseSessionStore(sessions)
      const soon = new Date(Date.now() + 60_000)
      for (const [sessionKey, sessionData] of [
        ['a'.repeat(32), '{oops'],
        ['b'.repeat(32), '[1]'],
        ['c'.repeat(32), 'null'],
      ])
        await sessions.create({ sessionKey, sessionData, expireDate: soon })
      for (const key of ['a', 'b', 'c']) expect(await store.load(key.repeat(32))).to.equal(null)
      await store.save('d'.repeat(32), { user: 1 }, new Date(Date.now() - 1000))
      expect(await store.clearExpired()).to.equal(1)
      expect(await sessions.count()).to.equal(3)
    })
  })
}

describe('RedisSessionStore', () => {
  const prefix = `manouche-test:${process.pid}:${Date.now()}:`
  const clients: Redis[] = []
  const connect = () => {
    const client = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 })
    clients.push(client)
    return client
  }

  after(async () => {
    const keys = await clients[0]!.keys(`${prefix}*`)
    if (keys.length > 0) await clients[0]!.del(...keys)
    await Promise.all(clients.map((client) => client.quit()))
  })

  sessionStoreContract({ name: 'Redis', make: async () => new RedisSessionStore(connect(), { prefix }) })

  it('shares a session between clients, under its prefix', async () => {
    const [a, b] = [new RedisSessionStore(connect(), { prefix }), new RedisSessionStore(connect(), { prefix })]
    const key = await a.save(await a.newKey(), { user: 7 }, new Date(Date.now() + 60_000))
    expect(await b.load(key)).to.deep.equal({ user: 7 })
    expect(await clients[0]!.exists(`${prefix}${key}`)).to.equal(1)
    expect(await new RedisSessionStore(connect(), { prefix: 'other:' }).load(key)).to.equal(null)
  })

  it('shares a session with another process', async () => {
    const store = new RedisSessionStore(connect(), { prefix })
    const session = new Session(store)
    await session.set('user', 7)
    const key = await session.save()
    const script = `
      import { RedisSessionStore, Session } from '@manouche/auth'
      import { Redis } from 'ioredis'
      const redis = new Redis('redis://127.0.0.1:6379')
      const session = new Session(new RedisSessionStore(redis, { prefix: process.argv[1] }), process.argv[2])
      await session.set('seen', (await session.get('user')) + 1)
      await session.save()
      await redis.quit()`
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, prefix, key as string])
    expect(await new Session(store, key).get('seen')).to.equal(8)
  })
})
