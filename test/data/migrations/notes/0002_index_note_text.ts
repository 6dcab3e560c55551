// A test migration: an index added to an existing table.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('notes_note_text_idx').on('notes_note').column('text').execute()
}
