/**
 * better-sqlite3 answers in the calling thread, so a QuerySet's SELECT need not queue behind
 * Kysely's connection mutex and logging layers when nothing holds the connection.
 * `DirectSqliteDialect` is Kysely's SQLite dialect whose driver counts the connections Kysely
 * holds: `free` says a SELECT may run now (no transaction, stream or statement in flight).
 * Its statements are prepared to give rows as arrays (or, selecting one column, bare values),
 * apart from Kysely's, which stay in object mode: no run toggles a mode.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely'
import { errors } from '../errors.js'

/** How `DirectSqliteDialect` waits for a lock: up to `busyTimeout` ms; `name` is the file, for the error. */
export interface BusyWait {
  busyTimeout: number
  name: string
}

const NO_WAIT: BusyWait = { busyTimeout: 0, name: 'database' }

/** Whether `error` is SQLite saying another connection holds the lock (SQLITE_BUSY and its kinds). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/**
 * Try `attempt` again on timers, 5 ms apart doubling to 100 ms, while SQLite says the database
 * is locked, for at most `wait.busyTimeout` ms; then DatabaseUnavailable (a 503). The event loop
 * serves other requests between attempts: better-sqlite3 itself would wait inside it.
 */
async function retryWhileBusy<T>(attempt: () => T | Promise<T>, wait: BusyWait, first: unknown): Promise<T> {
  const started = performance.now()
  let delay = 5
  let last = first
  for (;;) {
    const waited = performance.now() - started
    if (waited + delay > wait.busyTimeout) throw errors.sqliteBusy(wait.name, wait.busyTimeout, last)
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 100)
    try {
      return await attempt()
    } catch (error) {
      if (!isBusy(error)) throw error
      last = error
    }
  }
}

/** A SELECT prepared by `DirectSqliteDialect.prepare`; `plucked` when it gives one column's bare values. */
export interface DirectStatement {
  readonly statement: BetterSqlite3.Statement
  readonly plucked: boolean
}

/** Kysely's SQLite dialect over one better-sqlite3 connection, able to run a SELECT on the spot. */
export class DirectSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database
  readonly #wait: BusyWait
  #ready = false
  #held = 0

  constructor(database: BetterSqlite3.Database, wait: BusyWait = NO_WAIT) {
    super({ database })
    this.#database = database
    this.#wait = wait
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
        return this.#waiting(connection)
      },
      releaseConnection: async (connection: DatabaseConnection) => {
        this.#held--
        await inner.releaseConnection(connection)
      },
      // IMMEDIATE takes the write lock at BEGIN, where waiting for it can be retried; a deferred
      // transaction that read first could only fail later (SQLITE_BUSY_SNAPSHOT), not wait.
      beginTransaction: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'))
      },
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

  #wrapped: [DatabaseConnection, DatabaseConnection] | undefined

  /** `connection` (Kysely's one SQLite connection) whose statements wait for a lock on timers. */
  #waiting(connection: DatabaseConnection): DatabaseConnection {
    if (this.#wrapped?.[0] === connection) return this.#wrapped[1]
    const wait = this.#wait
    const waiting: DatabaseConnection = {
      // Kysely's SQLite connection may throw rather than reject: both are caught.
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        try {
          return await connection.executeQuery<R>(query)
        } catch (error) {
          if (!isBusy(error)) throw error
          return retryWhileBusy(() => connection.executeQuery<R>(query), wait, error)
        }
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    }
    this.#wrapped = [connection, waiting]
    return waiting
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
  /**
   * When `error` says another connection holds the lock: `attempt` retried on timers until it
   * succeeds or the busy timeout has passed (then DatabaseUnavailable). Any other error: thrown.
   */
  waitForLock<T>(error: unknown, attempt: () => T): Promise<T> {
    if (!isBusy(error)) throw error
    return retryWhileBusy(attempt, this.#wait, error)
  }

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
