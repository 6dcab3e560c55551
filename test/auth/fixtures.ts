// Views and users the access-mixin tests share. `WithTestUser` is the test-only way to set
// request.user over HTTP until sessions are wired: it asks the container's UserLoader for the
// user named in the `x-test-user` header.
import { type AuthenticatableUser, User, UserLoader } from '@manouche/auth'
import { type BaseView, type HttpRequest, HttpResponse, type Kwargs, type ViewResult } from '@manouche/core'
import { andThen } from '@manouche/core/internal'
import type { Constructor } from '@manouche/generic'

export function makeUser(fields: Partial<User> = {}): User {
  return Object.assign(new User(), { id: 1, username: 'ada', ...fields })
}

/** A UserLoader over a fixed list of users. */
export function fixedLoader(users: User[]): UserLoader<AuthenticatableUser> {
  return {
    getUser: async (id) => users.find((user) => user.id === id) ?? null,
    getByUsername: async (name) => users.find((user) => user.username === name) ?? null,
  }
}

/** Set request.user from the `x-test-user` header through the container's UserLoader (test only). */
export function WithTestUser<TBase extends Constructor<BaseView>>(Base: TBase): TBase {
  abstract class WithTestUserImpl extends Base {
    override dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
      const name = request.header('x-test-user')
      if (name === undefined) return super.dispatch(request, kwargs)
      const found = request.container.resolve(UserLoader).getByUsername(name)
      return andThen(found, (user) => {
        request.user = user ?? undefined
        return super.dispatch(request, kwargs)
      })
    }
  }
  return WithTestUserImpl
}

/** A handler answering what the tests look for once access is granted. */
export function secret(): HttpResponse {
  return new HttpResponse('the secret')
}
