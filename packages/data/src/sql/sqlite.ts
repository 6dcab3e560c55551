/**
 * SQLite through better-sqlite3: `openSqlite()` opens a file or `':memory:'` as a SqlDatabase
 * with the SQLite flavor and its SQL functions installed, whose QuerySets run their SELECTs on
 * the spot when the connection is free.
 */
import nodePath from 'node:path'
import { ImproperlyConfigured } from '@manouche/core'
import BetterSqlite3 from 'better-sqlite3'
import { errors } from '../errors.js'
import { SqlDatabase, type SqlDatabaseOptions } from './database.js'
import { DirectSqliteDialect } from './sqlite-direct.js'
import { installSqliteFunctions, sqliteFlavor } from './sqlite-flavor.js'

/** Options of `openSqlite`: SqlDatabase's plus better-sqlite3's own. */
export interface OpenSqliteOptions extends SqlDatabaseOptions {
  sqlite?: BetterSqlite3.Options
  /**
   * Milliseconds a statement waits for a lock another connection or process holds, retrying
   * with timers, so the event loop keeps serving meanwhile; then it fails with DatabaseUnavailable
   * (a 503 with Retry-After). Default 2,000. (SQLite's own busy timeout, which would wait inside
   * the event loop, is set to 0 once the file is open.)
   */
  busyTimeout?: number
}

const DEFAULT_BUSY_TIMEOUT = 2000

/**
 * Open a SQLite database (a file name, `':memory:'`, or a better-sqlite3 Database) as a SqlDatabase.
 * A file that cannot be opened (its folder missing, no permission) or is not SQLite fails here,
 * with DatabaseUnavailable naming its absolute path, not at the first query.
 */
export function openSqlite(
  filename: string | BetterSqlite3.Database = ':memory:',
  options: OpenSqliteOptions = {},
): SqlDatabase {
  const busyTimeout = options.busyTimeout ?? DEFAULT_BUSY_TIMEOUT
  if (!Number.isFinite(busyTimeout) || busyTimeout < 0)
    throw new ImproperlyConfigured(`openSqlite(): busyTimeout must be a number of milliseconds, not ${busyTimeout}.`)
  const database = typeof filename === 'string' ? openFile(filename, options.sqlite) : filename
  installSqliteFunctions(database)
  // A lock is waited for with timers (sqlite-direct.ts), never inside the event loop.
  database.pragma('busy_timeout = 0')
  const dialect = new DirectSqliteDialect(database, { busyTimeout, name: database.name })
  return new SqlDatabase(dialect, { flavor: sqliteFlavor, ...options })
}

function openFile(filename: string, options: BetterSqlite3.Options | undefined): BetterSqlite3.Database {
  const inMemory = filename === ':memory:' || filename === ''
  let database: BetterSqlite3.Database | undefined
  try {
    database = new BetterSqlite3(filename, options)
    if (inMemory) return database
    // Reading the schema's version reads the file's header: a file that is not SQLite fails now.
    database.pragma('schema_version')
    if (!database.readonly) database.pragma('journal_mode = WAL')
    return database
  } catch (cause) {
    database?.close()
    throw errors.cannotOpenSqlite(nodePath.resolve(filename), cause)
  }
}
