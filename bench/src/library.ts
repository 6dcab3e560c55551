// The write workload's model and database: the books sample's Book (samples/books/src/models.ts),
// its `updatedAt` aside (the sample's own Last-Modified feature, not CreateView's work), in a
// database of its own so that the read workloads keep reading theirs, unchanged and read-only.
// Every round writes into a fresh copy of it, one per app, made from a template written once.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Field, Model } from 'manouche'
import { benchDir } from './fixtures.js'

/** A book of the sample's library: table `books_book`, as the sample names it. */
@Model({ app: 'library', table: 'books_book' })
export class Book {
  @Field({ primaryKey: true }) id!: number
  @Field({ maxLength: 200 }) title!: string
  @Field({ maxLength: 100 }) author!: string
  @Field({ type: 'integer' }) pages!: number
  @Field({ index: true }) publicationDate!: Date
  @Field({ unique: true, maxLength: 220 }) slug!: string
}

/** The template every round copies (gitignored, written on first use). */
export const libraryTemplate = path.join(benchDir, 'library.sqlite3')

const COUNT = 1000
const DAY = 86_400_000

/** Write the template with 1,000 books, unless it exists (an existing file is kept as it is). */
export function ensureLibraryDb(file = libraryTemplate): void {
  if (existsSync(file)) return
  const partial = `${file}.${process.pid}.partial`
  rmSync(partial, { force: true })
  const db = new Database(partial)
  db.exec(`CREATE TABLE books_book (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    title VARCHAR(200) NOT NULL,
    author VARCHAR(100) NOT NULL,
    pages INTEGER NOT NULL,
    publication_date DATETIME NOT NULL,
    slug VARCHAR(220) NOT NULL UNIQUE
  );
  CREATE INDEX books_book_publication_date_idx ON books_book (publication_date);`)
  const insert = db.prepare(
    'INSERT INTO books_book (title, author, pages, publication_date, slug) VALUES (?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const day = new Date(Date.UTC(1900, 0, 1) + ((i * 7919) % 45_000) * DAY).toISOString()
      insert.run(`Volume ${i + 1}`, `Author ${i % 7}`, 90 + ((i * 37) % 610), day, `volume-${i + 1}`)
    }
  })()
  db.close()
  renameSync(partial, file)
}

/** A fresh copy of the template at `file` (its WAL files removed): what one app writes into for one round. */
export function freshLibrary(file: string): string {
  ensureLibraryDb()
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  copyFileSync(libraryTemplate, file)
  return file
}

/** The form a browser posts to `/books/new/` (the token aside); `n` makes the slug unique. */
export function newBookForm(n: number): Record<string, string> {
  return {
    title: `Posted <volume> & more ${n}`,
    author: 'Ada Brandt',
    pages: '312',
    publicationDate: '2024-05-17',
    slug: `posted-${n}`,
  }
}
