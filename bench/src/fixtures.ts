import { existsSync } from 'node:fs'
import path from 'node:path'
import { openSqlite } from 'manouche'
import { Book } from './models.js'

/** Where the bench keeps its files. */
export const benchDir = path.resolve(import.meta.dirname, '..')
export const templatesDir = path.join(benchDir, 'templates')
export const dbFile = path.join(benchDir, 'bench.sqlite3')

/** The people the about page lists (its loop). */
export const team = Array.from({ length: 8 }, (_, i) => ({
  name: `Librarian ${i + 1}`,
  role: i % 2 ? 'cataloguer' : 'lender',
  favourite: `Book <${i + 1}> & "friends"`,
}))

/** Create the 1,000-book database both apps read, once. */
export async function ensureBenchDb(): Promise<void> {
  if (existsSync(dbFile)) return
  const db = openSqlite(dbFile)
  await db.createTables(Book)
  const day = 86_400_000
  const books = Array.from({ length: 1000 }, (_, i) =>
    Object.assign(new Book(), {
      id: i + 1,
      title: `Book number ${i + 1}`,
      author: `Author ${i % 37}`,
      pages: 100 + ((i * 7) % 400),
      publicationDate: new Date(Date.UTC(1950, 0, 1) + ((i * 7919) % 25000) * day),
      slug: `book-${i + 1}`,
    }),
  )
  await db.insert(Book, books)
  await db.close()
}
