// Finding users and checking their passwords: Django's ModelBackend and authenticate(), with the
// user source behind the `UserLoader` DI token so an application can bring its own.
import type { HttpRequest } from '@manouche/core'
import { isQuerySet, type ModelClass, querySetToken } from '@manouche/data'
import type { DependencyContainer, InjectionToken } from 'tsyringe'
import { authErrors } from './errors.js'
import { makePassword } from './hashers.js'
import { ModelUserLoader } from './model-loader.js'
import { Group, GroupPermission, User, UserGroup, type UserLike, UserPermission } from './users.js'

/** Where users come from: both methods resolve to a user, or null when there is none. */
export interface UserLoader<U = User> {
  getUser(id: unknown): Promise<U | null>
  getByUsername(username: string): Promise<U | null>
}

/** The DI token of the application's `UserLoader`; without one, `ModelUserLoader` over the `User` QuerySet. */
export const UserLoader: InjectionToken<UserLoader<AuthenticatableUser>> = Symbol('manouche.UserLoader')

/** What a `UserLoader`'s users offer: what the access mixins read, and a password check for `authenticate()`. */
export interface AuthenticatableUser extends UserLike {
  checkPassword(raw: string): Promise<boolean>
}

/** The `UserLoader` registered in `container`, else a `ModelUserLoader` over the registered `User` QuerySet. */
export function userLoaderOf(container: DependencyContainer): UserLoader<AuthenticatableUser> {
  if (container.isRegistered(UserLoader, true)) return container.resolve(UserLoader)
  const users = container.isRegistered(querySetToken(User), true) ? container.resolve(querySetToken(User)) : undefined
  if (!isQuerySet(users)) throw authErrors.noUserLoader()
  const optional = <T>(model: ModelClass<T>) => {
    const token = querySetToken(model)
    return container.isRegistered(token, true) ? container.resolve(token) : undefined
  }
  return new ModelUserLoader(users, {
    permissions: optional(UserPermission),
    groups: optional(Group),
    userGroups: optional(UserGroup),
    groupPermissions: optional(GroupPermission),
  })
}

/** The credentials `authenticate()` checks; anything else a login form posts is ignored. */
export interface Credentials {
  username?: unknown
  password?: unknown
}

/**
 * The user whose username and password these are, or null for a wrong password, an unknown or
 * an inactive user, each answered in about the same time. Django: authenticate
 */
export async function authenticate<U extends AuthenticatableUser>(
  request: HttpRequest,
  credentials: Credentials,
): Promise<U | null> {
  const { username, password } = credentials
  if (typeof password !== 'string') return null
  const loader = userLoaderOf(request.container)
  const user = typeof username === 'string' ? await loader.getByUsername(username) : null
  if (user === null) {
    // Hash the password anyway, so that a wrong username takes as long as a wrong password and
    // the answer's timing does not tell which usernames exist.
    await makePassword(password)
    return null
  }
  const valid = await user.checkPassword(password)
  return valid && user.isActive ? (user as U) : null
}
