import path from 'node:path'
import { migrate, type OpenDatabaseOptions, openDatabase, type SqlDatabase } from 'manouche'
import { Book, LIBRARY, LibraryState } from './models.js'

const ADJECTIVES = ['Silent', 'Golden', 'Hidden', 'Last', 'Northern', 'Broken', 'Secret', 'Distant', 'Quiet', 'Burning']
const NOUNS = ['River', 'Garden', 'Empire', 'Letter', 'Harbour', 'Mountain', 'Clock', 'Orchard', 'Lantern', 'Voyage']
const AUTHORS = ['Ada Brandt', 'Émile Roux', 'Mina Okafor', 'Tomás Ibarra', 'Yuki Tanaka', 'Ravi Menon', 'Lena Vogel']
const DAY = 86_400_000

/** The `index`-th book of the seed: the same 1,000 books on every machine. */
export function seedBook(index: number): Book {
  const title = `The ${ADJECTIVES[index % 10]} ${NOUNS[Math.floor(index / 10) % 10]} ${Math.floor(index / 100) + 1}`
  const publicationDate = new Date(Date.UTC(1900, 0, 1) + ((index * 7919) % 45_000) * DAY)
  return Object.assign(new Book(), {
    id: index + 1,
    title,
    author: AUTHORS[index % AUTHORS.length],
    pages: 90 + ((index * 37) % 610),
    publicationDate,
    slug: `${title.toLowerCase().replaceAll(' ', '-')}-${index + 1}`,
    updatedAt: publicationDate,
  })
}

/** The library's database: DATABASE_URL (`sqlite:<file>` or `postgres://…`), else SQLite in BOOKS_DB or books.sqlite3. */
export function libraryUrl(): string {
  const file = process.env.BOOKS_DB ?? path.resolve(import.meta.dirname, '../books.sqlite3')
  return process.env.DATABASE_URL ?? `sqlite:${file}`
}

/**
 * Open the library's database (`sqlite:<file>` or `postgres://…`): create its tables, apply the
 * migrations not applied yet (a database from an older sample gets its new columns), seed 1,000
 * books when it is empty, and record when the library last changed: the first `npm start` needs
 * nothing else, and neither does a database an older sample made.
 */
export async function openLibrary(url: string, count = 1000, options?: OpenDatabaseOptions): Promise<SqlDatabase> {
  const db = await openDatabase(url, options)
  await db.createTables(Book, LibraryState)
  await migrate(db, MIGRATIONS)
  const books = db.querySet(Book)
  if (!(await books.exists())) {
    await db.insert(
      Book,
      Array.from({ length: count }, (_, i) => seedBook(i)),
    )
  }
  const newest = await books.orderBy('-updatedAt').valuesList('updatedAt', { flat: true }).first()
  await db.querySet(LibraryState).getOrCreate({ id: LIBRARY }, { changedAt: newest ?? new Date() })
  return db
}

/** The folder of the compiled migrations, beside this file. */
const MIGRATIONS = path.resolve(import.meta.dirname, 'migrations')
