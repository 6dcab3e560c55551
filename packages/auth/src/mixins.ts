// Django's django/contrib/auth/mixins.py: access checks a view makes in dispatch(), before its
// handler and before a 405, reading only `request.user`.
import { type BaseView, type HttpRequest, type Kwargs, PermissionDenied, type ViewResult } from '@manouche/core'
import { andThen } from '@manouche/core/internal'
import { authErrors } from './errors.js'
import { requestOrigin, userOf } from './request.js'
import { authSettingsOf } from './settings.js'
import { redirectToLogin, resolveUrl, urlOrigin } from './urls.js'

// biome-ignore lint/suspicious/noExplicitAny: TypeScript's mixin pattern requires exactly `...args: any[]`
type Constructor<T = object> = abstract new (...args: any[]) => T

// Marks a class that has AccessMixin already, so the access mixins stacked on a view share one.
const ACCESS = Symbol('manouche:access-mixin')

/** What `AccessMixin` adds to a view. */
export interface AccessMixin {
  /** Where to log in; a URL or a route name. Default `bootstrap({ loginUrl })`, itself `/accounts/login/`. */
  loginUrl: string | undefined
  /** The message of the 403 when access is refused. */
  permissionDeniedMessage: string
  /** Answer 403 instead of redirecting an anonymous visitor to the login page. */
  raiseException: boolean
  /** The query parameter carrying the page to come back to; null for none. */
  redirectFieldName: string | null
  getLoginUrl(): string
  getPermissionDeniedMessage(): string
  getRedirectFieldName(): string | null
  /** Refuse the request: 403 when `raiseException` or the user is logged in, else a redirect to log in. */
  handleNoPermission(): ViewResult
}

/**
 * What the access mixins share: where to log in and how to refuse. Applied by each of them, once
 * however many a view stacks. Django: AccessMixin
 */
export function AccessMixin<TBase extends Constructor<BaseView>>(Base: TBase): TBase & Constructor<AccessMixin> {
  if (ACCESS in Base.prototype) return Base as TBase & Constructor<AccessMixin>
  abstract class AccessMixinImpl extends Base implements AccessMixin {
    loginUrl: string | undefined = undefined
    permissionDeniedMessage = ''
    raiseException = false
    redirectFieldName: string | null = 'next'

    getLoginUrl(): string {
      const url = this.loginUrl ?? authSettingsOf(this.request).loginUrl
      if (!url) throw authErrors.noLoginUrl(this.constructor.name)
      return String(url)
    }

    getPermissionDeniedMessage(): string {
      return this.permissionDeniedMessage
    }

    getRedirectFieldName(): string | null {
      return this.redirectFieldName
    }

    handleNoPermission(): ViewResult {
      if (this.raiseException || userOf(this.request).isAuthenticated)
        throw new PermissionDenied(this.getPermissionDeniedMessage())
      const loginUrl = resolveUrl(this.request, this.getLoginUrl())
      return redirectToLogin(nextFor(this.request, loginUrl), loginUrl, this.getRedirectFieldName())
    }
  }
  Object.defineProperty(AccessMixinImpl.prototype, ACCESS, { value: true })
  return AccessMixinImpl
}

/** The page to come back to: the full path, or the absolute URL when the login page is on another site. */
function nextFor(request: HttpRequest, loginUrl: string): string {
  const login = urlOrigin(loginUrl)
  const origin = requestOrigin(request)
  const current = urlOrigin(origin)
  const sameSite =
    (!login.scheme || login.scheme === current.scheme) && (!login.netloc || login.netloc === current.netloc)
  return sameSite ? request.fullPath : origin + request.fullPath
}

/** Let in only a logged-in user; refuse anyone else. Django: LoginRequiredMixin */
export function LoginRequiredMixin<TBase extends Constructor<BaseView>>(Base: TBase): TBase & Constructor<AccessMixin> {
  abstract class LoginRequiredMixinImpl extends AccessMixin(Base) {
    override dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
      if (!userOf(request).isAuthenticated) return this.handleNoPermission()
      return super.dispatch(request, kwargs)
    }
  }
  return LoginRequiredMixinImpl
}

/** What `PermissionRequiredMixin` adds to a view. */
export interface PermissionRequiredMixin extends AccessMixin {
  /** The permission, or permissions, the user must all have: `app.action_model`. */
  permissionRequired: string | readonly string[] | undefined
  /** The permissions to check, as a list. */
  getPermissionRequired(): readonly string[]
  /** Whether the request may go on; by default, whether the user has every permission required. */
  hasPermission(): boolean | Promise<boolean>
}

/** Let in only a user who has every permission in `permissionRequired`. Django: PermissionRequiredMixin */
export function PermissionRequiredMixin<TBase extends Constructor<BaseView>>(
  Base: TBase,
): TBase & Constructor<PermissionRequiredMixin> {
  abstract class PermissionRequiredMixinImpl extends AccessMixin(Base) implements PermissionRequiredMixin {
    permissionRequired: string | readonly string[] | undefined = undefined

    getPermissionRequired(): readonly string[] {
      const required = this.permissionRequired
      if (required === undefined || required === null) throw authErrors.noPermissionRequired(this.constructor.name)
      return typeof required === 'string' ? [required] : required
    }

    hasPermission(): boolean | Promise<boolean> {
      return userOf(this.request).hasPerms(this.getPermissionRequired())
    }

    override dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
      return andThen(this.hasPermission(), (allowed) =>
        allowed ? super.dispatch(request, kwargs) : this.handleNoPermission(),
      )
    }
  }
  return PermissionRequiredMixinImpl
}

/** What `UserPassesTestMixin` adds to a view. */
export interface UserPassesTestMixin extends AccessMixin {
  /** Whether the request may go on; a subclass must define it. */
  testFunc(): boolean | Promise<boolean>
  /** The test to run; `testFunc` unless overridden. */
  getTestFunc(): () => boolean | Promise<boolean>
}

/** Let in only requests for which `testFunc()` is true. Django: UserPassesTestMixin */
export function UserPassesTestMixin<TBase extends Constructor<BaseView>>(
  Base: TBase,
): TBase & Constructor<UserPassesTestMixin> {
  abstract class UserPassesTestMixinImpl extends AccessMixin(Base) implements UserPassesTestMixin {
    testFunc(): boolean | Promise<boolean> {
      throw authErrors.noTestFunc(this.constructor.name)
    }

    getTestFunc(): () => boolean | Promise<boolean> {
      return this.testFunc
    }

    override dispatch(request: HttpRequest, kwargs: Kwargs): ViewResult {
      return andThen(this.getTestFunc().call(this), (passed) =>
        passed ? super.dispatch(request, kwargs) : this.handleNoPermission(),
      )
    }
  }
  return UserPassesTestMixinImpl
}

/** Whether instances of `cls` check access (so `request.user` must be loaded before they dispatch). @internal */
export function checksAccess(cls: Function | undefined): boolean {
  return cls !== undefined && ACCESS in cls.prototype
}
