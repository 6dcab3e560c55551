// What Manouche's own packages share and users do not write: `@manouche/core/internal`.
export { createTemplateEngine } from './engine.js'
export { escapeForLog, logResponse } from './log.js'
export { andThen, frameworkHandlers } from './view.js'
