// The one contract every session store keeps, and the Session object over it: each store's test
// file calls sessionStoreContract() with a way to make the store.
import { Session, type SessionData, type SessionStore } from '@manouche/auth'
import { expect } from 'chai'

/** How a store's test file hands its store to the contract. */
export interface StoreUnderTest {
  name: string
  make(): Promise<SessionStore>
  /** The data itself is the key (signed cookie): nothing is kept server-side. */
  stateless?: boolean
}

const DATA: SessionData = { user: 7, cart: [1, 2, { sku: 'é🎸' }], flags: { dark: true, none: null }, text: 'a"b\\c' }
const MALFORMED = ['', 'x', 'short', '../../etc/passwd', 'a.b.c', 'abc%00def', 'ÉÉÉÉÉÉÉÉÉÉ', 'a'.repeat(1024 * 1024)]
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const later = (ms: number) => new Date(Date.now() + ms)

/** Counts the calls a Session makes, to show what it loads and saves. */
function counting(store: SessionStore) {
  const calls = { load: 0, save: 0, delete: 0 }
  const wrapped: SessionStore = {
    load: (key) => {
      calls.load++
      return store.load(key)
    },
    save: (key, data, expiry) => {
      calls.save++
      return store.save(key, data, expiry)
    },
    delete: (key) => {
      calls.delete++
      return store.delete(key)
    },
    exists: (key) => store.exists(key),
    newKey: () => store.newKey(),
  }
  return { calls, store: wrapped }
}

export function sessionStoreContract(subject: StoreUnderTest): void {
  describe(`session store contract: ${subject.name}`, () => {
    let store: SessionStore
    beforeEach(async () => {
      store = await subject.make()
    })

    it('gives a fresh 32-character key each time', async () => {
      const [a, b] = [await store.newKey(), await store.newKey()]
      expect(a).to.match(/^[a-z0-9]{32}$/)
      expect(a).to.not.equal(b)
      expect(await store.exists(a)).to.equal(false)
    })

    it('loads what it saved, JSON values intact', async () => {
      const key = await store.save(await store.newKey(), DATA, later(60_000))
      expect(await store.load(key)).to.deep.equal(DATA)
    })

    it('replaces the data saved under a key', async () => {
      const key = await store.save(await store.newKey(), DATA, later(60_000))
      const again = await store.save(key, { user: 8 }, later(60_000))
      expect(await store.load(again)).to.deep.equal({ user: 8 })
      if (!subject.stateless) expect(again).to.equal(key)
    })

    it('loads an unknown or malformed key as null, without throwing', async () => {
      expect(await store.load(await store.newKey())).to.equal(null)
      for (const key of MALFORMED) expect(await store.load(key), key.slice(0, 20)).to.equal(null)
      for (const key of MALFORMED) expect(await store.exists(key)).to.equal(false)
    })

    it('honours the expiry', async () => {
      expect(await store.load(await store.save(await store.newKey(), DATA, later(-1000)))).to.equal(null)
      const key = await store.save(await store.newKey(), DATA, later(250))
      expect(await store.load(key)).to.deep.equal(DATA)
      await sleep(350)
      expect(await store.load(key)).to.equal(null)
    })

    if (!subject.stateless) {
      it('forgets a deleted session and says which exist', async () => {
        const key = await store.save(await store.newKey(), DATA, later(60_000))
        expect(await store.exists(key)).to.equal(true)
        await store.delete(key)
        expect(await store.exists(key)).to.equal(false)
        expect(await store.load(key)).to.equal(null)
        await store.delete(key)
      })
    }

    describe('Session', () => {
      it('loads nothing until it is used, then loads once', async () => {
        const key = await store.save(await store.newKey(), DATA, later(60_000))
        const { calls, store: counted } = counting(store)
        const session = new Session(counted, key)
        expect([calls.load, session.accessed]).to.deep.equal([0, false])
        const [user, has, missing] = await Promise.all([
          session.get('user'),
          session.has('cart'),
          session.get('x', 'd'),
        ])
        expect([user, has, missing, calls.load, session.accessed]).to.deep.equal([7, true, 'd', 1, true])
      })

      it('saves only when changed, and says so in modified', async () => {
        const key = await store.save(await store.newKey(), DATA, later(60_000))
        const { calls, store: counted } = counting(store)
        const session = new Session(counted, key)
        await session.get('user')
        expect(await session.delete('absent')).to.equal(false)
        expect([await session.save(), calls.save, session.modified]).to.deep.equal([key, 0, false])
        await session.set('user', 8)
        expect(session.modified).to.equal(true)
        const saved = (await session.save()) as string
        expect([calls.save, session.modified]).to.deep.equal([1, false])
        expect(await new Session(store, saved).get('user')).to.equal(8)
      })

      it('starts empty under a new key when the key is unknown, expired or made up', async () => {
        for (const key of ['madeupbyanattacker00000000000000', 'a'.repeat(1024 * 1024), 'not a key']) {
          const session = new Session(store, key)
          expect(await session.isEmpty()).to.equal(true)
          expect(session.sessionKey).to.equal(undefined)
          await session.set('user', 7)
          const saved = await session.save()
          expect(saved).to.not.equal(key)
          expect(await new Session(store, saved).get('user')).to.equal(7)
        }
      })

      it('keeps the data under a new key in cycleKey(), the old key no longer loading it', async () => {
        const session = new Session(store)
        await session.set('cart', [1])
        const before = (await session.save()) as string
        await session.cycleKey()
        await session.set('user', 7)
        const after = (await session.save()) as string
        expect(after).to.not.equal(before)
        expect(await new Session(store, after).keys()).to.deep.equal(['cart', 'user'])
        if (!subject.stateless) expect(await store.load(before)).to.equal(null)
        else expect(await new Session(store, before).has('user')).to.equal(false)
      })

      it('empties itself and drops its key in flush()', async () => {
        const session = new Session(store)
        await session.set('user', 7)
        const before = (await session.save()) as string
        await session.flush()
        expect([await session.isEmpty(), session.sessionKey, session.modified]).to.deep.equal([true, undefined, true])
        if (!subject.stateless) expect(await store.load(before)).to.equal(null)
      })

      it('saves with maxAge as the expiry', async () => {
        const session = new Session(store, undefined, { maxAge: 0.25 })
        await session.set('user', 7)
        const key = (await session.save()) as string
        expect(await new Session(store, key).get('user')).to.equal(7)
        await sleep(350)
        expect(await new Session(store, key).get('user')).to.equal(undefined)
      })
    })
  })
}
