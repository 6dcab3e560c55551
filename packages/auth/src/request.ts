// What @manouche/auth adds to a request: `request.user`, read by the access mixins.
import type { HttpRequest } from '@manouche/core'
import { AnonymousUser, type UserLike } from './users.js'

declare module '@manouche/core' {
  interface HttpRequest {
    /** Who makes the request: a `User`, an application's own user, or unset (anonymous). Tests may assign it. */
    user?: UserLike
  }
}

// The anonymous user of every request without one; immutable (readonly fields and getters).
export const ANONYMOUS: UserLike = Object.freeze(new AnonymousUser())

/** The request's user; an anonymous user when none is set. */
export function userOf(request: HttpRequest): UserLike {
  return request.user ?? ANONYMOUS
}

/** The scheme and host the client used, as `https://example.com`. Django: HttpRequest.build_absolute_uri's prefix */
export function requestOrigin(request: HttpRequest): string {
  return `${request.raw?.protocol ?? 'http'}://${request.header('host') ?? ''}`
}
