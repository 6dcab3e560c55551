import { existsSync } from 'node:fs'
import { openSqlite, type SqlDatabase } from 'manouche'
import { Book } from './models.js'

const ADJECTIVES = ['Silent', 'Golden', 'Hidden', 'Last', 'Northern', 'Broken', 'Secret', 'Distant', 'Quiet', 'Burning']
const NOUNS = ['River', 'Garden', 'Empire', 'Letter', 'Harbour', 'Mountain', 'Clock', 'Orchard', 'Lantern', 'Voyage']
const AUTHORS = ['Ada Brandt', 'Émile Roux', 'Mina Okafor', 'Tomás Ibarra', 'Yuki Tanaka', 'Ravi Menon', 'Lena Vogel']
const DAY = 86_400_000

/** The `index`-th book of the seed: the same 1,000 books on every machine. */
export function seedBook(index: number): Book {
  const title = `The ${ADJECTIVES[index % 10]} ${NOUNS[Math.floor(index / 10) % 10]} ${Math.floor(index / 100) + 1}`
  return Object.assign(new Book(), {
    id: index + 1,
    title,
    author: AUTHORS[index % AUTHORS.length],
    pages: 90 + ((index * 37) % 610),
    publicationDate: new Date(Date.UTC(1900, 0, 1) + ((index * 7919) % 45_000) * DAY),
    slug: `${title.toLowerCase().replaceAll(' ', '-')}-${index + 1}`,
  })
}

/**
 * Open the library's database, creating its table and seeding 1,000 books when it is new:
 * the first `npm start` needs nothing else.
 */
export async function openLibrary(file: string, count = 1000): Promise<SqlDatabase> {
  const fresh = file === ':memory:' || !existsSync(file)
  const db = openSqlite(file)
  await db.createTables(Book)
  if (fresh || (await db.querySet(Book).count()) === 0) {
    await db.insert(
      Book,
      Array.from({ length: count }, (_, i) => seedBook(i)),
    )
  }
  return db
}
