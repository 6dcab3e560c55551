// The bench database: the lean reference's shape (table `books`, dates as 'YYYY-MM-DD' text,
// an index on publication_date), 1,000 rows made the same way every time, written once.
// After changing the rows, delete bench/books.sqlite3: an existing file is kept as it is.
import { existsSync, renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { dbFile } from './fixtures.js'

const COUNT = 1000
const WORDS = ['Tide', 'Ember', 'Atlas', 'Meadow', 'Cipher', 'Quarry', 'Beacon', 'Thicket', 'Ledger', 'Spire']
const MOODS = ['Patient', 'Restless', 'Amber', 'Northern', 'Hollow', 'Luminous', 'Tangled', 'Unwritten']
const GIVEN = ['Hedy', 'Claude', 'Sophie', 'John', 'Katherine', 'Evelyn', 'Tim', 'Lynn', 'Carl', 'Mary']
const FAMILY = ['Lamarr', 'Shannon', 'Wilson', 'Backus', 'Johnson', 'Berezin', 'Berners', 'Conway', 'Petri']
const FIRST_DAY = Date.UTC(1970, 0, 1)
const DAY = 86_400_000

/** Book `i` (0 to 999): its id, title, author and day. Ids are a permutation of 1..1000 unrelated to dates. */
export function bookRow(i: number): [number, string, string, string] {
  const mood = MOODS[(i * 5) % MOODS.length] as string
  const word = WORDS[(i * 3 + (i >> 3)) % WORDS.length] as string
  let title = `${mood} ${word}, volume ${i + 1}`
  if (i % 6 === 0) title += ' & Sequels'
  if (i % 17 === 0) title = `<${mood}> ${word} > all`
  let author = `${GIVEN[(i * 7) % GIVEN.length]} ${FAMILY[(i * 4 + (i >> 2)) % FAMILY.length]}`
  if (i % 9 === 0) author += ' & Partners'
  // Each book owns a window of 13 days and takes one of them: every date differs from the others.
  const day = new Date(FIRST_DAY + (13 * i + ((i * 7) % 13)) * DAY).toISOString().slice(0, 10)
  const id = ((i * 389) % COUNT) + 1
  return [id, title, author, day]
}

/** Write `file` (default: the bench's) with the 1,000 books, unless it exists. */
export function ensureBenchDb(file = dbFile): void {
  if (existsSync(file)) return
  // Built under another name and renamed: two processes never see a half-written database.
  const partial = `${file}.${process.pid}.partial`
  rmSync(partial, { force: true })
  const db = new Database(partial)
  db.exec(`CREATE TABLE books (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    title VARCHAR(200) NOT NULL,
    author VARCHAR(100) NOT NULL,
    publication_date DATE NOT NULL
  );
  CREATE INDEX books_publication_date_idx ON books (publication_date);`)
  const insert = db.prepare('INSERT INTO books (id, title, author, publication_date) VALUES (?, ?, ?, ?)')
  db.transaction(() => {
    for (let i = 0; i < COUNT; i++) insert.run(...bookRow(i))
  })()
  db.close()
  renameSync(partial, file)
}
