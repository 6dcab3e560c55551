// The first change to the library's schema after createTables(): an index for lookups by author.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('books_book_author_idx').ifNotExists().on('books_book').column('author').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('books_book_author_idx').ifExists().execute()
}
