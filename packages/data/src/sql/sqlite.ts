/**
 * SQLite through better-sqlite3: `openSqlite()` opens a file or `':memory:'` as a SqlDatabase
 * with the SQLite flavor and its SQL functions installed, whose QuerySets run their SELECTs on
 * the spot when the connection is free.
 */
import BetterSqlite3 from 'better-sqlite3'
import { SqlDatabase, type SqlDatabaseOptions } from './database.js'
import { DirectSqliteDialect } from './sqlite-direct.js'
import { installSqliteFunctions, sqliteFlavor } from './sqlite-flavor.js'

/** Options of `openSqlite`: SqlDatabase's plus better-sqlite3's own. */
export interface OpenSqliteOptions extends SqlDatabaseOptions {
  sqlite?: BetterSqlite3.Options
}

/** Open a SQLite database (a file name, `':memory:'`, or a better-sqlite3 Database) as a SqlDatabase. */
export function openSqlite(
  filename: string | BetterSqlite3.Database = ':memory:',
  options: OpenSqliteOptions = {},
): SqlDatabase {
  const database = typeof filename === 'string' ? new BetterSqlite3(filename, options.sqlite) : filename
  if (typeof filename === 'string' && filename !== ':memory:' && filename !== '' && !database.readonly) {
    database.pragma('journal_mode = WAL')
  }
  installSqliteFunctions(database)
  return new SqlDatabase(new DirectSqliteDialect(database), { flavor: sqliteFlavor, ...options })
}
