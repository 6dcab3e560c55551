// The default user source: the User model and the permission and group tables beside it.
// Django: django/contrib/auth/backends.py (ModelBackend)
import type { QuerySet } from '@manouche/data'
import type { UserLoader } from './backend.js'
import {
  type Group,
  type GroupPermission,
  USERNAME_MAX_LENGTH,
  type User,
  type UserGroup,
  type UserPermission,
} from './users.js'

/** The tables a `ModelUserLoader` reads permissions and groups from; each left out is read as empty. */
export interface ModelUserLoaderOptions {
  permissions?: QuerySet<UserPermission> | undefined
  groups?: QuerySet<Group> | undefined
  userGroups?: QuerySet<UserGroup> | undefined
  groupPermissions?: QuerySet<GroupPermission> | undefined
}

/**
 * Load users from the `User` QuerySet with their groups and every permission they hold, their
 * own and their groups' (up to four more queries per user). Django: ModelBackend
 */
export class ModelUserLoader implements UserLoader<User> {
  constructor(
    private readonly users: QuerySet<User>,
    private readonly tables: ModelUserLoaderOptions = {},
  ) {}

  async getUser(id: unknown): Promise<User | null> {
    if (typeof id !== 'number' && typeof id !== 'string') return null
    return this.complete(await this.users.filter({ pk: id }).first())
  }

  async getByUsername(username: string): Promise<User | null> {
    if (typeof username !== 'string' || username.length > USERNAME_MAX_LENGTH) return null
    return this.complete(await this.users.filter({ username }).first())
  }

  private async complete(user: User | null): Promise<User | null> {
    if (user === null) return null
    const { permissions, groups, userGroups, groupPermissions } = this.tables
    const own = permissions
      ? await values(permissions.filter({ userId: user.id }).valuesList('permission', { flat: true }))
      : []
    const ids = userGroups
      ? await values(userGroups.filter({ userId: user.id }).valuesList('groupId', { flat: true }))
      : []
    if (ids.length > 0 && groups)
      user.groups = await values(groups.filter({ pk__in: ids }).valuesList('name', { flat: true }))
    const shared =
      ids.length > 0 && groupPermissions
        ? await values(groupPermissions.filter({ groupId__in: ids }).valuesList('permission', { flat: true }))
        : []
    user.permissions = [...new Set([...own, ...shared])] as string[]
    return user
  }
}

function values<T>(query: QuerySet<unknown>): Promise<T[]> {
  return query.toArray() as Promise<T[]>
}
