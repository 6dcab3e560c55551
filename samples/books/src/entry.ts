// The entry file the `manouche` command loads (package.json "manouche.app"): the library on its
// seeded database (DATABASE_URL, else its SQLite file), as `npm start` serves it.
import 'reflect-metadata'
import { type BootstrapOptions, registerQuerySets } from 'manouche'
import { container } from 'tsyringe'
import { TEMPLATES } from './app.js'
import { SECURITY } from './assets.js'
import { Book, LibraryState } from './models.js'
import { libraryUrl, openLibrary } from './seed.js'
import { views } from './views.js'

/** The options of bootstrap(): the views, the templates, and the books' QuerySet in a child container. */
export default async function options(): Promise<BootstrapOptions> {
  const db = await openLibrary(libraryUrl())
  return {
    views,
    templates: { dirs: [TEMPLATES] },
    security: SECURITY,
    container: registerQuerySets(container.createChildContainer(), db, [Book, LibraryState]),
  }
}
