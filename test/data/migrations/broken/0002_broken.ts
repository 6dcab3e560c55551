// A test migration that fails: it names a table no migration created.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('missing_idx').on('no_such_table').column('text').execute()
}
