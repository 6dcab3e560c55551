// What `bootstrap()` tells @manouche/auth: its options, and the settings the views read from the
// application's container. Django: LOGIN_URL, LOGIN_REDIRECT_URL, LOGOUT_REDIRECT_URL, SECRET_KEY
import type { HttpRequest } from '@manouche/core'
import type { InjectionToken } from 'tsyringe'
import type { SessionMiddleware } from './middleware.js'
import type { SessionStore } from './sessions/store.js'

declare module '@manouche/core' {
  interface BootstrapOptions {
    /**
     * Signs sessions (and anything else that must not be forged). Required outside `debug` when
     * the application uses sessions; a list rotates keys (the first signs, every one verifies).
     * Django: SECRET_KEY, SECRET_KEY_FALLBACKS
     */
    secretKey?: string | readonly string[]
    /** Where sessions live (default: the signed cookie, `SignedCookieSessionStore`). Django: SESSION_ENGINE */
    sessionStore?: SessionStore
    /** Where the access mixins send an anonymous visitor (a URL or route name). Default `/accounts/login/`. Django: LOGIN_URL */
    loginUrl?: string
    /** Where `LoginView` goes after a login without `next`. Default `/accounts/profile/`. Django: LOGIN_REDIRECT_URL */
    loginRedirectUrl?: string
    /** Where `LogoutView` goes after a logout without `next`; none: it renders `registration/logged_out.html`. Django: LOGOUT_REDIRECT_URL */
    logoutRedirectUrl?: string
  }
}

/** The settings of one application, in its container under `AUTH_SETTINGS`. */
export interface AuthSettings {
  readonly loginUrl: string
  readonly loginRedirectUrl: string
  readonly logoutRedirectUrl: string | undefined
  /** The sessions of the application; undefined when it uses none. */
  readonly sessions: SessionMiddleware | undefined
}

/** The token of the application's `AuthSettings`. @internal */
export const AUTH_SETTINGS: InjectionToken<AuthSettings> = Symbol('manouche.AuthSettings')

/** Where to log in when nothing says otherwise. Django: LOGIN_URL */
export const DEFAULT_LOGIN_URL = '/accounts/login/'
/** Where a login goes when nothing says otherwise. Django: LOGIN_REDIRECT_URL */
export const DEFAULT_LOGIN_REDIRECT_URL = '/accounts/profile/'

const DEFAULTS: AuthSettings = Object.freeze({
  loginUrl: DEFAULT_LOGIN_URL,
  loginRedirectUrl: DEFAULT_LOGIN_REDIRECT_URL,
  logoutRedirectUrl: undefined,
  sessions: undefined,
})

/** The settings of the application serving `request`; the defaults without the auth plugin. */
export function authSettingsOf(request: HttpRequest): AuthSettings {
  const app = request.app
  return app?.container.isRegistered(AUTH_SETTINGS) ? app.resolve(AUTH_SETTINGS) : DEFAULTS
}
