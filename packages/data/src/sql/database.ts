/**
 * `SqlDatabase`: a Kysely instance of any dialect plus what QuerySets need from it: one
 * `SqlQuerySet` per model, the one cache of their statements, the one function their SELECTs
 * run through, table creation from model fields, batched inserts for seeding, and a count of
 * the statements run (through Kysely's `log` hook, and for the SELECTs run on the spot, by the
 * same recorder) so tests can bound them.
 */
import { type Dialect, Kysely, type LogEvent, PostgresAdapter, SqliteAdapter } from 'kysely'
import { errors } from '../errors.js'
import { type ModelClass, requireMeta } from '../model.js'
import type { QuerySet } from '../queryset.js'
import type { SqlFlavor } from './flavor.js'
import { postgresFlavor } from './postgres.js'
import { compiledQuery, type ShapeStatement } from './shapes.js'
import { SqlQuerySet } from './sql-queryset.js'
import { DirectSqliteDialect, type DirectStatement, isBusy } from './sqlite-direct.js'
import { sqliteFlavor } from './sqlite-flavor.js'
import { StatementCache } from './statement-cache.js'
import { type Rows, SqlTable, type TableDatabase } from './table.js'
import { Transactions } from './transactions.js'

/** What `onQuery` listeners receive for every statement run (failed ones included). */
export interface QueryEvent {
  readonly sql: string
  readonly parameters: readonly unknown[]
  readonly durationMs: number
  readonly error?: unknown
}

/** A listener of every statement a SqlDatabase runs. */
export type QueryListener = (event: QueryEvent) => void

/** Options of `SqlDatabase`: the flavor (found from the dialect when omitted), a query listener, the statement cache's size. */
export interface SqlDatabaseOptions {
  flavor?: SqlFlavor
  onQuery?: QueryListener
  /** How many shapes of SELECT are kept compiled (and on SQLite prepared); default 200, 0: none. */
  statementCache?: number
}

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time, from model metadata.
type AnyDb = any

/** SQLite's default limit on bound parameters per statement was 999 before 3.32; stay under it. */
const MAX_PARAMETERS = 999

/** A SQL database holding model tables, answering `querySet(Model)`. */
export class SqlDatabase {
  /** The Kysely instance, for queries QuerySets do not cover. */
  readonly kysely: Kysely<AnyDb>
  readonly flavor: SqlFlavor
  private statementsRun = 0
  private readonly listeners = new Set<QueryListener>()
  private readonly tables = new Map<ModelClass, SqlTable<unknown>>()
  private readonly querySets = new Map<ModelClass, SqlQuerySet<unknown>>()
  private readonly direct: DirectSqliteDialect | undefined
  /** What its tables use of it: Kysely, the flavor, the statement cache, its transactions and `select()`. */
  private readonly forTables: TableDatabase
  private readonly transactions: Transactions

  constructor(dialect: Dialect, options: SqlDatabaseOptions = {}) {
    this.flavor = options.flavor ?? flavorFor(dialect)
    if (options.onQuery) this.listeners.add(options.onQuery)
    this.kysely = new Kysely<AnyDb>({ dialect, log: (event) => this.record(event) })
    this.direct = dialect instanceof DirectSqliteDialect ? dialect : undefined
    this.transactions = new Transactions(this.kysely)
    this.forTables = {
      transactions: this.transactions,
      kysely: this.kysely,
      flavor: this.flavor,
      statements: new StatementCache(options.statementCache ?? 200),
      select: (statement, parameters, oneRow) => this.select(statement, parameters, oneRow),
    }
  }

  /** How many statements this database has run so far; tests compare it before and after. */
  get queryCount(): number {
    return this.statementsRun
  }

  /** Call `listener` after every statement; returns the function that stops it. */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Return the QuerySet of every row of `model`'s table (one per model: QuerySets are immutable). */
  querySet<T>(model: ModelClass<T>): QuerySet<T> {
    let querySet = this.querySets.get(model)
    if (!querySet) {
      querySet = new SqlQuerySet(this.table(model))
      this.querySets.set(model, querySet)
    }
    return querySet as QuerySet<T>
  }

  /**
   * Run `work` in a transaction: committed when it resolves, rolled back when it throws (the
   * error is thrown again). A call inside another is a savepoint, rolled back alone. The
   * QuerySets of this database used inside `work` run in the transaction. Django: transaction.atomic
   */
  atomic<R>(work: () => Promise<R>): Promise<R> {
    return this.transactions.atomic(work)
  }

  /** Create each model's table and indexes from its fields, unless they exist (CREATE ... IF NOT EXISTS). */
  async createTables(...models: ModelClass[]): Promise<void> {
    for (const model of models) {
      const { meta } = this.table(model)
      const flavor = this.flavor
      let builder = this.kysely.schema.createTable(meta.table).ifNotExists()
      for (const field of meta.fields) {
        builder = builder.addColumn(field.column, flavor.columnType(field), (column) => flavor.column(field, column))
      }
      await builder.execute()
      for (const field of meta.fields.filter((each) => each.index)) {
        const name = `${meta.table.replace('.', '_')}_${field.column}_idx`
        await this.kysely.schema.createIndex(name).ifNotExists().on(meta.table).column(field.column).execute()
      }
    }
  }

  /** Insert rows (plain objects or instances) in one transaction, in batches; return them as saved instances. */
  async insert<T>(model: ModelClass<T>, rows: Iterable<Partial<T>>): Promise<T[]> {
    const table = this.table(model)
    const encoded = Array.from(rows, (row) => table.encodeRow(row as Record<string, unknown>))
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / table.columnNames.length))
    return this.kysely.transaction().execute(async (trx) => {
      const saved: T[] = []
      for (const batch of batches(encoded, perStatement)) {
        const inserted = await trx.insertInto(table.meta.table).values(batch).returning(table.columnNames).execute()
        for (const row of inserted) saved.push(table.fromRow(row))
      }
      const key = table.meta.fields.find((field) => field.autoIncrement)
      if (key && this.flavor.followExplicitKeys && encoded.some((row) => key.column in row)) {
        await this.flavor.followExplicitKeys(trx, table.meta.table, key.column)
      }
      return saved
    })
  }

  /** Close the connection (or pool). */
  async close(): Promise<void> {
    await this.kysely.destroy()
  }

  private table<T>(model: ModelClass<T>): SqlTable<T> {
    let table = this.tables.get(model)
    if (!table) {
      table = new SqlTable(this.forTables, requireMeta(model), this.tables.size)
      this.tables.set(model, table)
    }
    return table as SqlTable<T>
  }

  /**
   * Run a QuerySet's SELECT and give its rows as arrays of column values. On SQLite it runs on the
   * spot when the connection is free, else once Kysely lets the connection go (a transaction
   * never shows a QuerySet its uncommitted rows); on other databases, through Kysely.
   */
  private select(statement: ShapeStatement, parameters: readonly unknown[], oneRow: boolean): Rows | Promise<Rows> {
    const direct = this.direct
    if (direct === undefined) return this.selectThroughKysely(statement, parameters)
    // Inside atomic(), the transaction holds the connection: its own statements run on it.
    if (direct.free || this.transactions.active) return this.runDirect(direct, statement, parameters, oneRow)
    return this.kysely.connection().execute(async () => this.runDirect(direct, statement, parameters, oneRow))
  }

  private async selectThroughKysely(statement: ShapeStatement, parameters: readonly unknown[]): Promise<Rows> {
    const executor = this.transactions.executor
    const { rows } = await executor.executeQuery<Record<string, unknown>>(compiledQuery(statement, parameters))
    return rows.map((row) => statement.columns.map((column) => row[column]))
  }

  /** Run a SELECT on SQLite's connection now, preparing it on its first run. */
  private runDirect(
    direct: DirectSqliteDialect,
    statement: ShapeStatement,
    parameters: readonly unknown[],
    oneRow: boolean,
  ): Rows | Promise<Rows> {
    // The clock is read only for listeners: a request's one query is a few microseconds.
    const started = this.listeners.size > 0 ? performance.now() : undefined
    try {
      statement.prepared ??= direct.prepare(statement.sql)
      const rows = direct.run(statement.prepared as DirectStatement, parameters, oneRow)
      this.report(statement.sql, parameters, since(started))
      return rows
    } catch (error) {
      if (!isBusy(error)) {
        this.report(statement.sql, parameters, since(started), { error })
        throw error
      }
      // Another connection holds the lock: wait for it on timers (or fail as unavailable). The
      // closure is made here only, so the ordinary SELECT allocates nothing for it.
      const again = () => {
        statement.prepared ??= direct.prepare(statement.sql)
        return direct.run(statement.prepared as DirectStatement, parameters, oneRow)
      }
      return this.reportLater(direct.waitForLock(error, again), statement.sql, parameters, started)
    }
  }

  /** Report a SELECT that waited for a lock once it settles. */
  private reportLater(
    rows: Promise<Rows>,
    sql: string,
    parameters: readonly unknown[],
    started?: number,
  ): Promise<Rows> {
    return rows.then(
      (settled) => {
        this.report(sql, parameters, since(started))
        return settled
      },
      (error: unknown) => {
        this.report(sql, parameters, since(started), { error })
        throw error
      },
    )
  }

  /** Count a statement Kysely ran (or failed to) and tell the listeners. */
  private record(event: LogEvent): void {
    const { sql, parameters } = event.query
    const failure = event.level === 'error' ? { error: event.error } : undefined
    this.report(sql, parameters, event.queryDurationMillis, failure)
  }

  private report(sql: string, parameters: readonly unknown[], durationMs: number, failure?: { error: unknown }): void {
    this.statementsRun++
    if (this.listeners.size === 0) return
    const payload: QueryEvent = failure ? { sql, parameters, durationMs, ...failure } : { sql, parameters, durationMs }
    for (const listener of this.listeners) listener(payload)
  }
}

/** Milliseconds since `started`, or 0 when the clock was not read. */
function since(started: number | undefined): number {
  return started === undefined ? 0 : performance.now() - started
}

/** Pick the flavor of a Kysely dialect from its adapter, or throw ImproperlyConfigured. */
export function flavorFor(dialect: Dialect): SqlFlavor {
  const adapter = dialect.createAdapter()
  if (adapter instanceof SqliteAdapter) return sqliteFlavor
  if (adapter instanceof PostgresAdapter) return postgresFlavor
  throw errors.noFlavor(adapter.constructor.name)
}

/** Split rows into consecutive batches of at most `size` that share the same columns (with or without the key). */
function* batches(rows: Record<string, unknown>[], size: number): Generator<Record<string, unknown>[]> {
  let batch: Record<string, unknown>[] = []
  let shape = ''
  for (const row of rows) {
    const rowShape = Object.keys(row).join(',')
    if (batch.length === size || (batch.length > 0 && rowShape !== shape)) {
      yield batch
      batch = []
    }
    batch.push(row)
    shape = rowShape
  }
  if (batch.length > 0) yield batch
}
