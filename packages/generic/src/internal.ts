// What Manouche's own packages share and users do not write: `@manouche/generic/internal`.
// Nothing here is part of the public API; it may change in any release.
export { fillPlaceholders, type PlaceholderErrors } from './placeholders.js'
