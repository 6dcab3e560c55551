import {
  DatabaseSessionStore,
  Message,
  MessageFailure,
  MessageLevel,
  messages,
  Session,
  SessionMessageStorage,
  SessionRecord,
  type SessionStore,
  SignedCookieSessionStore,
} from '@manouche/auth'
import { BaseView, HttpResponseRedirect } from '@manouche/core'
import { MemoryQuerySet } from '@manouche/data'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'

const factory = new RequestFactory()
const shown = (list: Message[]) => list.map(({ message, tags }) => ({ message, tags }))

const stores: [string, () => SessionStore][] = [
  ['a signed-cookie session', () => new SignedCookieSessionStore({ secretKey: 'k' })],
  [
    'a database session',
    () => new DatabaseSessionStore(new MemoryQuerySet<SessionRecord>([], { model: SessionRecord })),
  ],
]

for (const [name, makeStore] of stores) {
  describe(`messages in ${name}`, () => {
    let store: SessionStore
    beforeEach(() => {
      store = makeStore()
    })

    /** One request: its session (from `key`) and message storage; `finish()` saves both as the response would. */
    function visit(key?: string) {
      const request = factory.get('/')
      const session = new Session(store, key)
      request.messageStorage = new SessionMessageStorage(session)
      const finish = async () => {
        await request.messageStorage?.update()
        return session.save()
      }
      return { request, session, finish }
    }

    it('survive a redirect and are shown once, in the order added, with their tags', async () => {
      const first = visit()
      messages.success(first.request, 'Book saved.')
      messages.error(first.request, 'Cover missing.', { extraTags: 'cover' })
      messages.warning(first.request, 'Check the ISBN.')
      const key = await first.finish()

      const second = visit(key)
      expect(shown(await messages.get(second.request))).to.deep.equal([
        { message: 'Book saved.', tags: 'success' },
        { message: 'Cover missing.', tags: 'cover error' },
        { message: 'Check the ISBN.', tags: 'warning' },
      ])
      const after = await second.finish()
      expect(await messages.get(visit(after).request)).to.deep.equal([])
      expect(await new Session(store, after).has('_messages')).to.equal(false)
    })

    it('keep unread messages, and those added after reading, for a later request', async () => {
      const first = visit()
      messages.info(first.request, 'one')
      const second = visit(await first.finish())
      messages.info(second.request, 'two')
      const third = visit(await second.finish())
      expect(shown(await messages.get(third.request)).map((m) => m.message)).to.deep.equal(['one', 'two'])
      messages.info(third.request, 'three')
      const fourth = visit(await third.finish())
      expect(shown(await messages.get(fourth.request))).to.deep.equal([{ message: 'three', tags: 'info' }])
    })

    it('drop debug messages and empty ones unless the level says otherwise', async () => {
      const first = visit()
      messages.debug(first.request, 'hidden')
      messages.info(first.request, '')
      expect([messages.getLevel(first.request), first.session.modified]).to.deep.equal([MessageLevel.INFO, false])
      expect(messages.setLevel(first.request, MessageLevel.DEBUG)).to.equal(true)
      messages.debug(first.request, 'shown')
      messages.add(first.request, 35, 'custom level')
      const second = visit(await first.finish())
      expect(shown(await messages.get(second.request))).to.deep.equal([
        { message: 'shown', tags: 'debug' },
        { message: 'custom level', tags: '' },
      ])
    })

    it('change nothing in a session no message touched', async () => {
      const first = visit()
      await first.session.set('user', 7)
      const key = await first.finish()
      const second = visit(key)
      await second.request.messageStorage?.update()
      expect(second.session.modified).to.equal(false)
    })

    it('skip stored values that are no message', async () => {
      const first = visit()
      await first.session.set('_messages', [[25, 'kept', ''], 'junk', [25, 42, ''], [25.5, 'x', ''], null])
      const second = visit(await first.finish())
      expect(shown(await messages.get(second.request))).to.deep.equal([{ message: 'kept', tags: 'success' }])
    })
  })
}

describe('messages without a storage', () => {
  it('raise MessageFailure, unless failSilently; read as none', async () => {
    const request = factory.get('/')
    expect(() => messages.info(request, 'x')).to.throw(
      MessageFailure,
      'You cannot add messages without a message storage on the request (request.messageStorage, set with its session).',
    )
    expect(() => messages.error(request, 'x', { failSilently: true })).to.not.throw()
    expect(await messages.get(request)).to.deep.equal([])
    expect([messages.getLevel(request), messages.setLevel(request, 10)]).to.deep.equal([MessageLevel.INFO, false])
  })
})

describe('messages added by a view', () => {
  class SaveView extends BaseView {
    post() {
      messages.success(this.request, 'Saved.')
      return new HttpResponseRedirect('/done/')
    }
  }

  it('reach the next request through the session', async () => {
    const store = new SignedCookieSessionStore({ secretKey: 'k' })
    const request = factory.post('/save/')
    const session = new Session(store)
    request.messageStorage = new SessionMessageStorage(session)
    const res = await SaveView.asView()(request)
    expect(res.status).to.equal(302)
    await request.messageStorage.update()
    const next = factory.get('/done/')
    next.messageStorage = new SessionMessageStorage(new Session(store, await session.save()))
    expect((await messages.get(next)).map(String)).to.deep.equal(['Saved.'])
  })
})
