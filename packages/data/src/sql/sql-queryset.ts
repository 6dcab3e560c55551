/**
 * `SqlQuerySet`: the QuerySet of a model in a SQL database. `count()` is one COUNT query,
 * `toArray()` one SELECT with LIMIT/OFFSET, whatever the table's size.
 */
import { EMPTY_STATE, isEmptySlice, type QueryState } from '../query.js'
import { BaseQuerySet } from '../queryset.js'
import type { SqlTable } from './table.js'

/** A QuerySet answered by a SQL database; get one from `SqlDatabase.querySet(Model)`. */
export class SqlQuerySet<T> extends BaseQuerySet<T> {
  private readonly table: SqlTable<T>

  /**
   * Wrap a model's table; applications call `db.querySet(Model)` instead. A subclass keeps these
   * parameters: derived QuerySets are made through its constructor. Django: QuerySet._clone
   */
  constructor(table: SqlTable<T>, state: QueryState = EMPTY_STATE) {
    super(table.meta, state)
    this.table = table
  }

  protected derive(state: QueryState): SqlQuerySet<T> {
    const Class = this.constructor as typeof SqlQuerySet<T>
    return new Class(this.table, state)
  }

  // Each method awaits only when the database could not answer on the spot, so a request's
  // query then costs no extra turn of the microtask queue.
  protected async fetch(state: QueryState): Promise<T[]> {
    const found = this.table.select('select', state)
    const rows = found instanceof Promise ? await found : found
    // With valuesList(), the QuerySet's T is the selected values' type.
    return state.values ? (this.table.valuesAll(rows, state.values) as T[]) : this.table.hydrateAll(rows)
  }

  protected async countAll(state: QueryState): Promise<number> {
    const found = this.table.select('count', state)
    const [row] = found instanceof Promise ? await found : found
    return Number(row?.[0] ?? 0)
  }

  override async exists(): Promise<boolean> {
    if (isEmptySlice(this.state)) return false
    const found = this.table.select('exists', this.state)
    return (found instanceof Promise ? await found : found).length > 0
  }
}
