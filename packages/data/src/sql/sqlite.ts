/**
 * SQLite through better-sqlite3: `openSqlite()` opens a file or `':memory:'` as a SqlDatabase
 * with the SQLite flavor, its SQL functions installed and prepared statements reused.
 */
import BetterSqlite3 from 'better-sqlite3'
import { SqliteDialect } from 'kysely'
import { SqlDatabase, type SqlDatabaseOptions } from './database.js'
import { installSqliteFunctions, sqliteFlavor } from './sqlite-flavor.js'

/** Options of `openSqlite`: SqlDatabase's plus better-sqlite3's own. */
export interface OpenSqliteOptions extends SqlDatabaseOptions {
  sqlite?: BetterSqlite3.Options
  /** Prepared statements kept for reuse, keyed by SQL text (default 200; 0 turns the cache off). */
  statementCache?: number
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
  const dialect = new SqliteDialect({ database: withStatementCache(database, options.statementCache ?? 200) })
  return new SqlDatabase(dialect, { flavor: sqliteFlavor, ...options })
}

/** Reuse prepared statements: a list page runs the same SQL text with new parameters every request. */
function withStatementCache(database: BetterSqlite3.Database, size: number) {
  if (size <= 0) return database
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => database.close(),
    prepare(text: string): BetterSqlite3.Statement {
      let statement = cache.get(text)
      if (!statement) {
        statement = database.prepare(text)
        if (cache.size >= size) cache.delete(cache.keys().next().value as string)
        cache.set(text, statement)
      }
      return statement
    },
  }
}
