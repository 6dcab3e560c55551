import path from 'node:path'
import { type BootstrapOptions, bootstrap, registerQuerySets, type SqlDatabase } from 'manouche'
import { container as rootContainer } from 'tsyringe'
import { SECURITY } from './assets.js'
import { Book, LibraryState } from './models.js'
import { views } from './views.js'

/** The sample's template folder (samples/books/templates, beside dist/). */
export const TEMPLATES = path.resolve(import.meta.dirname, '../templates')

/** Serve the library from `db`: its QuerySets go into a child container the app resolves from. */
export function createApp(db: SqlDatabase, options: BootstrapOptions = {}): ReturnType<typeof bootstrap> {
  const container = registerQuerySets((options.container ?? rootContainer).createChildContainer(), db, [
    Book,
    LibraryState,
  ])
  return bootstrap({ views, templates: { dirs: [TEMPLATES] }, security: SECURITY, ...options, container })
}
