// What Manouche's own packages share and users do not write: `@manouche/auth/internal`.
// Nothing here is part of the public API; it may change in any release.
export { SessionMiddleware } from './middleware.js'
export { LOADS_USER, USES_SESSION } from './plugin.js'
export { AUTH_SETTINGS, type AuthSettings, authSettingsOf } from './settings.js'
