// The auth plugin: at bootstrap(), decide whether the application uses sessions, check it can sign
// them, and wrap its views; an application without sessions keeps its views as they are.
import { randomBytes } from 'node:crypto'
import type { BootstrapOptions, ManouchePlugin, PluginHooks, PluginSetup, URLPattern } from '@manouche/core'
import { authErrors } from './errors.js'
import { SessionMiddleware } from './middleware.js'
import { checksAccess } from './mixins.js'
import { SignedCookieSessionStore } from './sessions/signed-cookie.js'
import { AUTH_SETTINGS, DEFAULT_LOGIN_REDIRECT_URL, DEFAULT_LOGIN_URL } from './settings.js'

/** Marks a view class that uses the session (`LoginView`, `LogoutView`): routing one turns sessions on. @internal */
export const USES_SESSION = Symbol('manouche:uses-session')
/** Marks a view class that reads `request.user` in dispatch (`LoginView`): the user is loaded before. @internal */
export const LOADS_USER = Symbol('manouche:loads-user')

const PLUGIN_NAME = 'auth'

/**
 * Sessions, `request.user` and messages over HTTP, and the settings of `@manouche/auth`
 * (`secretKey`, `sessionStore`, `loginUrl`, `loginRedirectUrl`, `logoutRedirectUrl`). The
 * `manouche` package's `bootstrap()` adds it. Django: the session, auth and messages middleware
 */
export function authPlugin(): ManouchePlugin {
  return { name: PLUGIN_NAME, setup: setupAuth }
}

/** `options` with the auth plugin among their plugins (added last when missing). */
export function withAuth<O extends BootstrapOptions>(options: O): O {
  const plugins = options.plugins ?? []
  if (plugins.some((plugin) => plugin.name === PLUGIN_NAME)) return options
  return { ...options, plugins: [...plugins, authPlugin()] }
}

function setupAuth({ options, app }: PluginSetup): PluginHooks | undefined {
  const sessions = sessionsOf(options, app.urlconf.patterns, app.debug)
  app.container.registerInstance(AUTH_SETTINGS, {
    loginUrl: options.loginUrl ?? DEFAULT_LOGIN_URL,
    loginRedirectUrl: options.loginRedirectUrl ?? DEFAULT_LOGIN_REDIRECT_URL,
    logoutRedirectUrl: options.logoutRedirectUrl,
    sessions,
  })
  if (sessions === undefined) return undefined
  return { wrapView: (view) => sessions.wrap(view, loadsUser(view.viewClass)) }
}

/** The application's sessions: on when a store or a key is given, or a view that needs them is routed. */
function sessionsOf(
  options: BootstrapOptions,
  patterns: readonly URLPattern[],
  debug: boolean,
): SessionMiddleware | undefined {
  const routed = patterns.find((pattern) => usesSession(pattern.view.viewClass))
  const why = options.sessionStore
    ? 'a sessionStore is configured'
    : routed && `${routed.viewName} is routed at '${routed.route}'`
  if (!why && options.secretKey === undefined) return undefined
  if (options.secretKey === undefined && !debug) throw authErrors.noSecretKey(why as string)
  // In debug, a key of the process: sessions do not outlive a restart.
  const secretKey = options.secretKey ?? randomBytes(32).toString('base64url')
  return new SessionMiddleware(options.sessionStore ?? new SignedCookieSessionStore({ secretKey }))
}

function usesSession(cls: Function | undefined): boolean {
  return cls !== undefined && USES_SESSION in cls
}

function loadsUser(cls: Function | undefined): boolean {
  return checksAccess(cls) || (cls !== undefined && LOADS_USER in cls)
}
