// The entry file the `manouche` command loads (package.json "manouche.app"): the library on its
// seeded SQLite database, as `npm start` serves it.
import 'reflect-metadata'
import path from 'node:path'
import { type BootstrapOptions, registerQuerySets } from 'manouche'
import { container } from 'tsyringe'
import { TEMPLATES } from './app.js'
import { Book } from './models.js'
import { openLibrary } from './seed.js'
import { views } from './views.js'

/** The options of bootstrap(): the views, the templates, and the books' QuerySet in a child container. */
export default async function options(): Promise<BootstrapOptions> {
  const db = await openLibrary(process.env.BOOKS_DB ?? path.resolve(import.meta.dirname, '../books.sqlite3'))
  return {
    views,
    templates: { dirs: [TEMPLATES] },
    container: registerQuerySets(container.createChildContainer(), db, [Book]),
  }
}
