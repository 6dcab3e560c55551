// A test migration that must not run: the one before it fails.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('never_table').addColumn('id', 'integer').execute()
}
