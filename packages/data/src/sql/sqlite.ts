/**
 * SQLite through better-sqlite3: `openSqlite()` opens a file or `':memory:'` as a SqlDatabase
 * with the SQLite flavor, its SQL functions installed, prepared statements reused (least
 * recently used dropped first) and QuerySets' SELECTs run on the spot when the connection is free.
 */
import BetterSqlite3 from 'better-sqlite3'
import { SqlDatabase, type SqlDatabaseOptions } from './database.js'
import { LruCache } from './lru.js'
import { DirectSqliteDialect, type StatementSource } from './sqlite-direct.js'
import { installSqliteFunctions, sqliteFlavor } from './sqlite-flavor.js'

/** Options of `openSqlite`: SqlDatabase's plus better-sqlite3's own. */
export interface OpenSqliteOptions extends SqlDatabaseOptions {
  sqlite?: BetterSqlite3.Options
  /** Prepared statements kept by SQL text, for Kysely and for QuerySets' own SELECTs, each (default 200, least recently used dropped first; 0: none). */
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
  const cacheSize = options.statementCache ?? 200
  const dialect = new DirectSqliteDialect(withStatementCache(database, cacheSize), database, cacheSize)
  return new SqlDatabase(dialect, { flavor: sqliteFlavor, ...options })
}

/** Reuse prepared statements: a list page runs the same SQL text with new parameters every request. */
function withStatementCache(database: BetterSqlite3.Database, size: number): StatementSource {
  if (size <= 0) return database
  const cache = new LruCache<string, BetterSqlite3.Statement>(size)
  return {
    close: () => database.close(),
    prepare(text: string): BetterSqlite3.Statement {
      let statement = cache.get(text)
      if (!statement) {
        statement = database.prepare(text)
        cache.set(text, statement)
      }
      return statement
    },
  }
}
