// migrate(): Kysely's Migrator over a folder, on SQLite (postgres-live.test.ts runs it on PostgreSQL).
import { openSqlite, type SqlDatabase } from '@manouche/data'
import { migrationCases } from './migrations.js'

describe('migrate() on SQLite', () => {
  const opened: SqlDatabase[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()))
  })

  migrationCases(async () => {
    const db = openSqlite(':memory:')
    opened.push(db)
    return db
  }, false)
})
