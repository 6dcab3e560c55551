// What the template tests and Manouche's own packages use, not users: `@manouche/templates/internal`.
// Nothing here is part of the public API; it may change in any release.
export { normalizeTemplateName, TemplateLoader, type TemplateLoaderOptions } from './loader.js'
