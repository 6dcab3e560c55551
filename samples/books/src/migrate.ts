// `npm run migrate`: create the tables the models declare (seeding them when empty), then apply
// the migrations in migrations/ not applied yet, on DATABASE_URL or the sample's SQLite file.
import 'reflect-metadata'
import path from 'node:path'
import { migrate, redactUrl } from 'manouche'
import { libraryUrl, openLibrary } from './seed.js'

const url = libraryUrl()
try {
  const db = await openLibrary(url)
  const applied = await migrate(db, path.resolve(import.meta.dirname, 'migrations'))
  await db.close()
  console.log(`${redactUrl(url)}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`)
} catch (error) {
  console.error(`migrate: ${(error as Error).message}`)
  process.exitCode = 1
}
