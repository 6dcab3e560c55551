// Logging a user in and out of a session, and finding who a session belongs to. Django:
// django/contrib/auth/__init__.py (login, logout, get_user)
import { type HttpRequest, rotateToken } from '@manouche/core'
import { userLoaderOf } from './backend.js'
import { authErrors } from './errors.js'
import { ANONYMOUS } from './request.js'
import type { Session } from './sessions/session.js'
import type { UserLike } from './users.js'

declare module '@manouche/core' {
  interface HttpRequest {
    /** The client's session, loaded on first use. */
    session?: Session
  }
}

/** The session entry holding the logged-in user's id. Django: SESSION_KEY */
export const SESSION_USER_KEY = '_auth_user_id'

/** A user `login()` can remember: one with an id (kept as it is, JSON) its `UserLoader` finds again. */
export interface LoginUser extends UserLike {
  readonly id: string | number
}

function sessionOf(request: HttpRequest, action: string): Session {
  if (request.session === undefined) throw authErrors.noSession(action)
  return request.session
}

/**
 * Remember `user` in the request's session under a new key, so a key known before the login
 * (a fixed one) never carries it; another user's session is emptied first. The CSRF token
 * changes too. Django: login
 */
export async function login(request: HttpRequest, user: LoginUser): Promise<void> {
  const session = sessionOf(request, 'login')
  const current = await session.get(SESSION_USER_KEY)
  if (current !== undefined && String(current) !== String(user.id)) await session.flush()
  else await session.cycleKey()
  await session.set(SESSION_USER_KEY, user.id)
  request.user = user
  rotateToken(request)
}

/** Empty the request's session, drop its key, and make the request anonymous. Django: logout */
export async function logout(request: HttpRequest): Promise<void> {
  await sessionOf(request, 'logout').flush()
  request.user = ANONYMOUS
}

/** The active user the request's session names, through the `UserLoader`; anonymous otherwise. Django: get_user */
export async function getUser(request: HttpRequest): Promise<UserLike> {
  const id = await request.session?.get(SESSION_USER_KEY)
  if (id === undefined) return ANONYMOUS
  const user = await userLoaderOf(request.container).getUser(id)
  return user?.isActive ? user : ANONYMOUS
}
