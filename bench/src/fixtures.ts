// What both bench apps share: where the files are, and the about page's context.
import path from 'node:path'

/** Where the bench keeps its files. */
export const benchDir = path.resolve(import.meta.dirname, '..')
export const templatesDir = path.join(benchDir, 'templates')
/** The 1,000-book database both apps read (database.ts writes it; gitignored). */
export const dbFile = path.join(benchDir, 'books.sqlite3')

/** Books on a page of the list. */
export const PER_PAGE = 20

/** The about page's context, as the lean reference renders it: a title, a year, ten strings to escape. */
export const about = {
  title: 'About',
  year: 2026,
  items: [
    'Class-based views',
    'Templates & layouts',
    'Dependency <injection>',
    'SQLite data',
    'Pagination',
    'Conditional GET',
    'Escaping & safety',
    'Routing',
    'Middleware',
    'Static files',
  ],
}
