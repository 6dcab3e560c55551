/**
 * better-sqlite3 answers in the calling thread, so a QuerySet's SELECT need not queue behind
 * Kysely's connection mutex and logging layers when nothing holds the connection.
 * `DirectSqliteDialect` is Kysely's SQLite dialect whose driver counts the connections Kysely
 * holds: `free` says a SELECT may run now (no transaction, stream or statement in flight).
 * Its statements are prepared to give rows as arrays (or, selecting one column, bare values),
 * apart from Kysely's, which stay in object mode: no run toggles a mode.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { type DatabaseConnection, type Driver, SqliteDialect } from 'kysely'

/** A SELECT prepared by `DirectSqliteDialect.prepare`; `plucked` when it gives one column's bare values. */
export interface DirectStatement {
  readonly statement: BetterSqlite3.Statement
  readonly plucked: boolean
}

/** Kysely's SQLite dialect over one better-sqlite3 connection, able to run a SELECT on the spot. */
export class DirectSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database
  #ready = false
  #held = 0

  constructor(database: BetterSqlite3.Database) {
    super({ database })
    this.#database = database
  }

  /** True when a SELECT may run now: Kysely's driver is initialized and holds no connection. */
  get free(): boolean {
    return this.#ready && this.#held === 0
  }

  /** Kysely's driver, counting the connections held through it; `free` once it is initialized. */
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

  // better-sqlite3 builds a raw row with one V8 API call per column (~1.4k instructions for a
  // row of one column, measured under callgrind); a plucked value needs none. The array the
  // caller expects is then made in JavaScript.
  /** Prepare a SELECT to give its rows as arrays of column values. */
  prepare(sql: string): DirectStatement {
    const prepared = this.#database.prepare(sql)
    const plucked = prepared.columns().length === 1
    return { statement: plucked ? prepared.pluck(true) : prepared.raw(true), plucked }
  }

  /**
   * Run a prepared SELECT and return its rows as arrays, in the order the columns are selected.
   * `oneRow` says it gives at most one row (LIMIT 1): it is then read with a single step.
   * (A column's value is never undefined, SQL NULL being null: get() giving undefined means "no row".)
   */
  run({ statement, plucked }: DirectStatement, parameters: readonly unknown[], oneRow: boolean): unknown[][] {
    // A statement with no parameter is run with no argument: better-sqlite3 spends ~500
    // instructions (callgrind) binding even an empty array, and most pages' queries have none.
    const bound = parameters.length > 0
    if (!oneRow) {
      const rows = bound ? statement.all(parameters) : statement.all()
      if (plucked) for (let index = 0; index < rows.length; index++) rows[index] = [rows[index]]
      return rows as unknown[][]
    }
    const row = bound ? statement.get(parameters) : statement.get()
    if (row === undefined) return []
    return [plucked ? [row] : (row as unknown[])]
  }
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
