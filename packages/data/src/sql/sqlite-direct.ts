/**
 * better-sqlite3 answers in the calling thread, so a QuerySet's SELECT need not queue behind
 * Kysely's connection mutex and logging layers when nothing holds the connection.
 * `DirectSqliteDialect` is Kysely's SQLite dialect whose driver counts the connections Kysely
 * holds; `runNow()` runs a statement Kysely compiled on the spot when it holds none (no
 * transaction, stream or statement in flight), and declines otherwise, so the caller goes
 * through Kysely as usual and waits its turn. It keeps prepared statements of its own, set once
 * to give rows as arrays (or, selecting one column, its bare values): Kysely's statements stay
 * in object mode, and no run toggles a mode.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { type DatabaseConnection, type Driver, SqliteDialect } from 'kysely'
import { LruCache } from './lru.js'

/** What prepares statements: a better-sqlite3 Database, or a statement cache in front of one. */
export interface StatementSource {
  prepare(sql: string): BetterSqlite3.Statement
  close(): void
}

/** Kysely's SQLite dialect over one better-sqlite3 connection, able to run a SELECT on the spot. */
export class DirectSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database
  /** SELECT statements by SQL text, in raw (array) or pluck mode; null marks a text that reads no rows. */
  readonly #statements: LruCache<string, DirectStatement | null>
  #ready = false
  #held = 0

  /** `source` serves Kysely; `database` prepares the on-the-spot statements, `cacheSize` of them kept. */
  constructor(source: StatementSource, database: BetterSqlite3.Database, cacheSize: number) {
    super({ database: source })
    this.#database = database
    this.#statements = new LruCache(cacheSize)
  }

  /** Kysely's driver, counting the connections held through it; direct runs start once it is initialized. */
  override createDriver(): Driver {
    const inner = super.createDriver()
    return {
      init: async () => {
        await inner.init()
        this.#ready = true
      },
      acquireConnection: async () => {
        const connection = await inner.acquireConnection()
        this.#held++
        return connection
      },
      releaseConnection: async (connection: DatabaseConnection) => {
        this.#held--
        await inner.releaseConnection(connection)
      },
      beginTransaction: (connection, settings) => inner.beginTransaction(connection, settings),
      commitTransaction: (connection) => inner.commitTransaction(connection),
      rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
      savepoint: (connection, name, compile) => delegate(inner.savepoint, inner, connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) =>
        delegate(inner.rollbackToSavepoint, inner, connection, name, compile),
      releaseSavepoint: (connection, name, compile) =>
        delegate(inner.releaseSavepoint, inner, connection, name, compile),
      destroy: async () => {
        this.#ready = false
        await inner.destroy()
      },
    }
  }

  /**
   * Run a SELECT now and return its rows as arrays of column values (in the order selected),
   * or undefined when Kysely holds the connection or is not initialized (or already destroyed).
   * `oneRow` says the statement gives at most one row (LIMIT 1): it is then read with a single step.
   */
  runNow(sql: string, parameters: readonly unknown[], oneRow = false): unknown[][] | undefined {
    if (!this.#ready || this.#held > 0) return undefined
    let direct = this.#statements.get(sql)
    if (direct === undefined) {
      direct = prepareDirect(this.#database.prepare(sql))
      this.#statements.set(sql, direct)
    }
    if (direct === null) return undefined
    const { statement, plucked } = direct
    if (!oneRow) {
      const rows = statement.all(parameters)
      if (plucked) for (let index = 0; index < rows.length; index++) rows[index] = [rows[index]]
      return rows as unknown[][]
    }
    const row = statement.get(parameters)
    if (row === undefined) return []
    return [plucked ? [row] : (row as unknown[])]
  }
}

/** A prepared SELECT of ours; `plucked` when it selects one column and gives that column's values. */
interface DirectStatement {
  statement: BetterSqlite3.Statement
  plucked: boolean
}

// better-sqlite3 builds a raw row with one V8 API call per column (~1.4k instructions for a
// row of one column, measured under callgrind); a plucked value needs none. The array the
// caller expects is then made in JavaScript. (A column's value is never undefined: SQL NULL is
// null, so get() giving undefined still means "no row".)
function prepareDirect(prepared: BetterSqlite3.Statement): DirectStatement | null {
  if (!prepared.reader) return null
  const plucked = prepared.columns().length === 1
  return { statement: plucked ? prepared.pluck(true) : prepared.raw(true), plucked }
}

type SavepointMethod = Driver['savepoint']

function delegate(
  method: SavepointMethod,
  inner: Driver,
  ...args: Parameters<NonNullable<SavepointMethod>>
): Promise<void> {
  if (!method) throw new Error('The SQLite driver does not support savepoints')
  return method.apply(inner, args)
}
