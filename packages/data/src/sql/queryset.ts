/**
 * `SqlQuerySet`: the QuerySet of a model in a SQL database. `count()` is one COUNT query,
 * `toArray()` one SELECT with LIMIT/OFFSET, whatever the table's size.
 */
import { isEmptySlice, type QueryState } from '../query.js'
import { BaseQuerySet } from '../queryset.js'
import type { SqlTable } from './table.js'

/** A QuerySet answered by a SQL database through Kysely; get one from `SqlDatabase.querySet(Model)`. */
export class SqlQuerySet<T> extends BaseQuerySet<T> {
  private readonly table: SqlTable<T>

  /** Wrap a model's table; applications call `db.querySet(Model)` instead. */
  constructor(table: SqlTable<T>) {
    super(table.meta)
    this.table = table
  }

  // Each method runs its statement on the spot when the database can, and through Kysely's
  // promise otherwise: a request's query then costs no extra turn of the microtask queue.
  protected async fetch(state: QueryState): Promise<T[]> {
    return this.fetchNow(state) ?? this.objects(await this.table.run('select', state), state)
  }

  protected override fetchNow(state: QueryState): T[] | undefined {
    const rows = this.table.runNow('select', state)
    return rows === undefined ? undefined : this.objects(rows, state)
  }

  /** The rows as the QuerySet gives them: model instances, or with valuesList() the selected values. */
  private objects(rows: readonly unknown[], state: QueryState): T[] {
    return state.values ? (this.table.valuesAll(rows, state.values) as T[]) : this.table.hydrateAll(rows)
  }

  protected async countAll(state: QueryState): Promise<number> {
    const [row] = this.table.runNow('count', state) ?? (await this.table.run('count', state))
    const count = Array.isArray(row) ? row[0] : (row as { count?: unknown } | undefined)?.count
    return Number(count ?? 0)
  }

  override async exists(): Promise<boolean> {
    if (isEmptySlice(this.state)) return false
    const rows = this.table.runNow('exists', this.state) ?? (await this.table.run('exists', this.state))
    return rows.length > 0
  }
}
