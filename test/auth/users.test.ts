import {
  AnonymousUser,
  authenticate,
  checkPassword,
  Group,
  GroupPermission,
  isPasswordUsable,
  ModelUserLoader,
  type ModelUserLoaderOptions,
  makePassword,
  User,
  UserGroup,
  UserLoader,
  UserPermission,
} from '@manouche/auth'
import { ImproperlyConfigured } from '@manouche/core'
import { MemoryQuerySet, type QuerySet, querySetToken } from '@manouche/data'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { container } from 'tsyringe'
import { testDatabases } from './databases.js'

const databases = await testDatabases()

function user(fields: Partial<User>): User {
  return Object.assign(new User(), { id: 1, username: 'ada', ...fields })
}

describe('makePassword() and checkPassword()', () => {
  it('encode scrypt with its parameters and a fresh salt', async () => {
    const [a, b] = [await makePassword('sekrit'), await makePassword('sekrit')]
    expect(a).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/)
    expect(a).to.not.equal(b)
  })

  it('accept the password and refuse any other', async () => {
    const encoded = await makePassword('correct horse')
    expect(await checkPassword('correct horse', encoded)).to.equal(true)
    expect(await checkPassword('correct horsE', encoded)).to.equal(false)
    expect(await checkPassword('', encoded)).to.equal(false)
  })

  it('refuse, without throwing, a hash that is tampered, malformed or foreign', async () => {
    const encoded = await makePassword('pw')
    const parts = encoded.split('$')
    const tampered = [...parts.slice(0, 5), Buffer.alloc(64, 1).toString('base64')].join('$')
    const cases = [
      tampered,
      '',
      'pw',
      'scrypt$16384$8$1$salt',
      'pbkdf2_sha256$1$a$b',
      `scrypt$3$8$1$${parts[4]}$${parts[5]}`,
    ]
    cases.push(`scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`, `${encoded}$extra`)
    for (const bad of cases) expect(await checkPassword('pw', bad), bad).to.equal(false)
    expect(await checkPassword('pw', null)).to.equal(false)
    expect(isPasswordUsable(encoded)).to.equal(true)
    expect(isPasswordUsable('!unusable')).to.equal(false)
  })
})

describe('User', () => {
  it('is authenticated, active and has its own permissions only', () => {
    const ada = user({ permissions: ['books.add_book'] })
    expect([ada.isAuthenticated, ada.isActive, ada.isStaff, ada.isSuperuser]).to.deep.equal([true, true, false, false])
    expect(ada.hasPerm('books.add_book')).to.equal(true)
    expect(ada.hasPerm('books.delete_book')).to.equal(false)
    expect(ada.hasPerms(['books.add_book', 'books.delete_book'])).to.equal(false)
    expect(ada.hasPerms([])).to.equal(true)
    expect(ada.hasModulePerms('books')).to.equal(true)
    expect(ada.hasModulePerms('auth')).to.equal(false)
  })

  it('refuses a lone string or a non-list for hasPerms(), as Django does', () => {
    for (const perms of ['books.add_book', 42, null]) {
      for (const who of [user({}), new AnonymousUser()]) {
        const call = () => who.hasPerms(perms as never)
        expect(call).to.throw(TypeError, 'permList must be an iterable of permissions.')
      }
    }
    expect(user({ permissions: ['a.b'] }).hasPerms(new Set(['a.b']) as never)).to.equal(true)
  })

  it('has every permission when an active superuser, none when inactive', () => {
    expect(user({ isSuperuser: true }).hasPerms(['books.delete_book', 'x.y_z'])).to.equal(true)
    const inactive = user({ isSuperuser: true, isActive: false, permissions: ['books.add_book'] })
    expect(inactive.hasPerm('books.add_book')).to.equal(false)
    expect(inactive.hasModulePerms('books')).to.equal(false)
  })

  it('sets and checks its password, hashed', async () => {
    const ada = user({})
    await ada.setPassword('s3cret')
    expect(ada.password).to.match(/^scrypt\$/)
    expect(await ada.checkPassword('s3cret')).to.equal(true)
    expect(await ada.checkPassword('S3cret')).to.equal(false)
  })
})

describe('AnonymousUser', () => {
  it('is not authenticated, not active, and has no permission', () => {
    const anonymous = new AnonymousUser()
    expect([anonymous.isAuthenticated, anonymous.isActive, anonymous.username, anonymous.id]).to.deep.equal([
      false,
      false,
      '',
      null,
    ])
    expect(anonymous.hasPerm('books.add_book')).to.equal(false)
    expect(anonymous.hasPerms(['books.add_book'])).to.equal(false)
    expect(anonymous.hasModulePerms('books')).to.equal(false)
  })
})

for (const database of databases) {
  describe(`ModelUserLoader on ${database.name}`, () => {
    let users: QuerySet<User>
    let permissions: QuerySet<UserPermission>
    let tables: ModelUserLoaderOptions
    let ada: User
    before(() => database.open())
    after(() => database.close())
    beforeEach(async () => {
      users = await database.querySet(User)
      permissions = await database.querySet(UserPermission)
      ada = await users.create({ username: 'ada', password: await makePassword('pw') })
      await permissions.bulkCreate([
        { userId: ada.id, permission: 'books.add_book' },
        { userId: ada.id + 1, permission: 'books.delete_book' },
      ])
      tables = {
        permissions,
        groups: await database.querySet(Group),
        userGroups: await database.querySet(UserGroup),
        groupPermissions: await database.querySet(GroupPermission),
      }
      const [editors, readers, admins] = await tables.groups!.bulkCreate([
        { name: 'editors' },
        { name: 'readers' },
        { name: 'admins' },
      ])
      await tables.userGroups!.bulkCreate([
        { userId: ada.id, groupId: editors!.id },
        { userId: ada.id, groupId: readers!.id },
        { userId: ada.id + 1, groupId: admins!.id },
      ])
      await tables.groupPermissions!.bulkCreate([
        { groupId: editors!.id, permission: 'books.change_book' },
        { groupId: editors!.id, permission: 'books.add_book' },
        { groupId: admins!.id, permission: 'books.delete_book' },
      ])
    })

    it('finds a user by id and by username, with their own permissions', async () => {
      const loader = new ModelUserLoader(users, { permissions })
      for (const found of [await loader.getUser(ada.id), await loader.getByUsername('ada')]) {
        expect(found).to.be.instanceOf(User)
        expect([found?.id, found?.username, found?.isActive, found?.permissions]).to.deep.equal([
          ada.id,
          'ada',
          true,
          ['books.add_book'],
        ])
      }
    })

    it("adds their groups and the groups' permissions, once each", async () => {
      const found = await new ModelUserLoader(users, tables).getUser(ada.id)
      expect([...(found?.groups ?? [])].sort()).to.deep.equal(['editors', 'readers'])
      expect([...(found?.permissions ?? [])].sort()).to.deep.equal(['books.add_book', 'books.change_book'])
      expect(found?.hasPerm('books.change_book')).to.equal(true)
      expect(found?.hasPerm('books.delete_book')).to.equal(false)
    })

    it('gives null for an unknown id or username, or one of the wrong type or length', async () => {
      const loader = new ModelUserLoader(users)
      expect(await loader.getUser(ada.id + 100)).to.equal(null)
      expect(await loader.getUser({ id: ada.id })).to.equal(null)
      expect(await loader.getByUsername('grace')).to.equal(null)
      expect(await loader.getByUsername('a'.repeat(1024 * 1024))).to.equal(null)
    })
  })
}

describe('authenticate()', () => {
  const factory = new RequestFactory()
  let ada: User
  let request: ReturnType<RequestFactory['post']>

  before(async () => {
    const users = new MemoryQuerySet<User>([], { model: User })
    ada = await users.create({ username: 'ada', password: await makePassword('pw') })
    await users.create({ username: 'bob', password: await makePassword('pw'), isActive: false })
    const child = container.createChildContainer()
    child.register(querySetToken(User), { useValue: users })
    request = factory.post('/login/', { container: child })
  })

  it('gives the user whose username and password these are', async () => {
    const found = await authenticate<User>(request, { username: 'ada', password: 'pw' })
    expect(found?.id).to.equal(ada.id)
  })

  it('gives null for a wrong password, an unknown user, an inactive one or a missing field', async () => {
    const cases = [
      { username: 'ada', password: 'PW' },
      { username: 'grace', password: 'pw' },
      { username: 'bob', password: 'pw' },
      { username: 'ada' },
      { password: 'pw' },
      { username: ['ada'], password: 'pw' },
      { username: 'ada', password: ['pw'] },
    ]
    for (const credentials of cases)
      expect(await authenticate(request, credentials), JSON.stringify(credentials)).to.equal(null)
  })

  it('answers a 1 MB username with null, in about the time of a wrong password', async () => {
    const started = performance.now()
    expect(await authenticate(request, { username: 'a'.repeat(1024 * 1024), password: 'pw' })).to.equal(null)
    expect(performance.now() - started).to.be.below(2000)
  })

  it('takes about as long for an unknown username as for a wrong password', async () => {
    // Interleaved, so that a busy machine slows both alike; the median of each resists outliers.
    const times: Record<string, number[]> = { ada: [], nobody: [] }
    for (let i = 0; i < 7; i++) {
      for (const username of ['ada', 'nobody']) {
        const started = performance.now()
        await authenticate(request, { username, password: 'wrong' })
        times[username]?.push(performance.now() - started)
      }
    }
    const median = (list: number[] = []) => [...list].sort((a, b) => a - b)[list.length >> 1] as number
    expect(median(times.nobody) / median(times.ada)).to.be.within(0.5, 2)
  })

  it('uses the UserLoader registered in the container', async () => {
    const child = container.createChildContainer()
    const grace = Object.assign(new User(), { id: 7, username: 'grace', password: await makePassword('pw') })
    const loader = {
      getUser: async () => null,
      getByUsername: async (name: string) => (name === 'grace' ? grace : null),
    }
    child.register(UserLoader, { useValue: loader })
    expect(await authenticate(factory.post('/', { container: child }), { username: 'grace', password: 'pw' })).to.equal(
      grace,
    )
  })

  it('names what to register when there is no user source', async () => {
    const bare = factory.post('/', { container: container.createChildContainer() })
    const error = await authenticate(bare, { username: 'ada', password: 'pw' }).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as ImproperlyConfigured).code).to.equal('MNC_ERR_AUTH_NO_USER_LOADER')
    expect((error as Error).message).to.equal(
      'No user source is registered: register a UserLoader under the UserLoader token, or the User QuerySet under querySetToken(User).',
    )
  })
})
