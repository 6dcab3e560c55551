/**
 * Migrations: Kysely's `Migrator` over a folder of modules, each exporting `up(db)` (and
 * optionally `down(db)`) that receive the database's Kysely instance. Applied in name order, each
 * once: Kysely records them in `kysely_migration` and locks `kysely_migration_lock` meanwhile.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FileMigrationProvider, Migrator, sql } from 'kysely'
import { errors } from '../errors.js'
import type { SqlDatabase } from './database.js'

/**
 * Apply the migrations in `folder` (an absolute path) that `db` has not applied yet; resolve to
 * their names, in the order applied (empty when it is up to date). Rejects with
 * `MNC_ERR_DATA_MIGRATION_FAILED` naming the migration that failed (it and the later ones are
 * not applied) or the folder that cannot be read.
 */
export async function migrate(db: SqlDatabase, folder: string): Promise<string[]> {
  const provider = new FileMigrationProvider({ fs, path, migrationFolder: folder })
  // On PostgreSQL, keep the bookkeeping tables in the connection's own schema: Kysely otherwise
  // takes a kysely_migration table of any other schema for its own, then fails to find it.
  const migrationTableSchema = db.flavor.name === 'postgres' ? await currentSchema(db) : undefined
  const migrator = new Migrator({ db: db.kysely, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName
    throw errors.migrationFailed(failed === undefined ? `the migrations in ${folder}` : `migration ${failed}`, error)
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

/** The first schema of the connection's search_path, where unqualified tables are made. */
async function currentSchema(db: SqlDatabase): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db.kysely)
  return rows[0]?.schema ?? undefined
}
