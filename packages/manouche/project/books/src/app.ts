// The entry file `manouche serve`, `dev`, `routes` and `check` load (package.json "manouche.app"):
// its default export gives the options of bootstrap().
import 'reflect-metadata'
import path from 'node:path'
import { type BootstrapOptions, registerQuerySets } from 'manouche'
import { container } from 'tsyringe'
import { Book } from './models.js'
import { openLibrary } from './seed.js'
import { views } from './views.js'

/** The template folder, beside dist/. */
export const TEMPLATES = path.resolve(import.meta.dirname, '../templates')

/** The library: its views, its templates, and the books' QuerySet in the container. */
export default async function options(): Promise<BootstrapOptions> {
  const db = await openLibrary(process.env.DATABASE ?? path.resolve(import.meta.dirname, '../db.sqlite3'))
  return {
    views,
    templates: { dirs: [TEMPLATES] },
    container: registerQuerySets(container.createChildContainer(), db, [Book]),
  }
}
