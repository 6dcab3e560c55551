import { existsSync } from 'node:fs'
import { openSqlite, type SqlDatabase } from 'manouche'
import { Note } from './models.js'

/** The notes a new database starts with. */
export function firstNotes(): Note[] {
  const titles = ['Install Manouche', 'Write a view', 'Run the tests']
  return titles.map((title, i) =>
    Object.assign(new Note(), { id: i + 1, title, createdAt: new Date(Date.UTC(2026, 0, i + 1)) }),
  )
}

/** Open the database, creating its table and seeding it when it is new. */
export async function openDatabase(file: string): Promise<SqlDatabase> {
  const fresh = file === ':memory:' || !existsSync(file)
  const db = openSqlite(file)
  await db.createTables(Note)
  if (fresh) await db.insert(Note, firstNotes())
  return db
}
