// What Manouche's own packages share and users do not write: `@manouche/core/internal`.
// Nothing here is part of the public API; it may change in any release.
export { conditionalResponse, notModifiedFrom } from './conditional.js'
export { CsrfCheck, setCsrfCookie } from './csrf.js'
export { createTemplateEngine } from './engine.js'
export { escapeForLog, logResponse } from './log.js'
export { decoratedViews, getAttributeDefaults } from './metadata.js'
export { varyOnCookie } from './response.js'
export { UTC } from './time-zone.js'
export { flattenPatterns } from './urls.js'
export { configurationCheck, frameworkHandlers } from './view.js'
export { andThen } from './view-types.js'
