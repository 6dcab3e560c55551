// docs/auth.md's examples, as written there: if the guide stops working, this fails.
import { expect } from 'chai'
import {
  authenticate,
  BaseView,
  DatabaseSessionStore,
  Group,
  GroupPermission,
  LoginRequiredMixin,
  makePassword,
  messages,
  openSqlite,
  PermissionDenied,
  PermissionRequiredMixin,
  querySetToken,
  Session,
  SessionMessageStorage,
  SessionRecord,
  SignedCookieSessionStore,
  TemplateView,
  User,
  UserGroup,
  UserPermission,
} from 'manouche'
import { RequestFactory } from 'manouche/testing'
import { container } from 'tsyringe'

describe('docs/auth.md', () => {
  it('Users: creates a user and a permission, and authenticates them', async () => {
    const db = openSqlite(':memory:')
    await db.createTables(User, UserPermission, Group, UserGroup, GroupPermission)
    const users = db.querySet(User)
    const ada = await users.create({ username: 'ada', password: await makePassword('correct horse') })
    await db.querySet(UserPermission).create({ userId: ada.id, permission: 'books.delete_book' })

    const app = container.createChildContainer()
    app.register(querySetToken(User), { useValue: users })
    app.register(querySetToken(UserPermission), { useValue: db.querySet(UserPermission) })
    const request = new RequestFactory({ container: app }).post('/login/')
    const found = await authenticate<User>(request, { username: 'ada', password: 'correct horse' })
    expect(found?.hasPerm('books.delete_book')).to.equal(true)
    await db.close()
  })

  it('Sessions: loads lazily and saves only when modified', async () => {
    const db = openSqlite(':memory:')
    await db.createTables(SessionRecord)
    const store = new DatabaseSessionStore(db.querySet(SessionRecord))
    const session = new Session(store, undefined)
    expect(await session.get('cart', [])).to.deep.equal([])
    await session.set('cart', [1, 2])
    expect(session.modified).to.equal(true)
    const key = await session.save()
    expect(await new Session(store, key).get('cart')).to.deep.equal([1, 2])
    await db.close()
  })

  it('Access mixins and Testing: the BookDelete example refuses and admits as described', async () => {
    class BookDelete extends LoginRequiredMixin(PermissionRequiredMixin(TemplateView)) {
      override permissionRequired = 'books.delete_book'
    }
    class Plain extends LoginRequiredMixin(BaseView) {}
    const factory = new RequestFactory()
    const anonymous = factory.get('/books/?page=2')
    const redirect = await Plain.asView()(anonymous)
    expect(redirect.headers.get('location')).to.equal('/accounts/login/?next=/books/%3Fpage%3D2')

    const request = factory.get('/books/1/delete/')
    request.user = Object.assign(new User(), { id: 1, username: 'ada', permissions: [] })
    expect(() => BookDelete.asView()(request)).to.throw(PermissionDenied)
  })

  it('Messages and Testing: a message added to a request with a session storage is read once', async () => {
    const request = new RequestFactory().get('/books/1/delete/')
    request.session = new Session(new SignedCookieSessionStore({ secretKey: 'test' }))
    request.messageStorage = new SessionMessageStorage(request.session)
    messages.success(request, 'Book saved.')
    messages.error(request, 'The cover is missing.', { extraTags: 'cover' })
    const read = await messages.get(request)
    expect(read.map((m) => [m.message, m.tags])).to.deep.equal([
      ['Book saved.', 'success'],
      ['The cover is missing.', 'cover error'],
    ])
  })
})
