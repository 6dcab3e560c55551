// Books gain `updated_at`: a database made before it gets the column, each book's value being its
// publication date (the list's Last-Modified until then). A database made since has it already.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  const book = (await db.introspection.getTables()).find((table) => table.name === 'books_book')
  if (!book || book.columns.some((column) => column.name === 'updated_at')) return
  // The type the database gives dates: text in SQLite, timestamptz in PostgreSQL.
  const dateType = book.columns.find((column) => column.name === 'publication_date')?.dataType ?? 'text'
  await db.schema.alterTable('books_book').addColumn('updated_at', sql.raw(dateType)).execute()
  await sql`update books_book set updated_at = publication_date`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('books_book').dropColumn('updated_at').execute()
}
