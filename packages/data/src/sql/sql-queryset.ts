/**
 * `SqlQuerySet`: the QuerySet of a model in a SQL database. `count()` is one COUNT query,
 * `toArray()` one SELECT with LIMIT/OFFSET, whatever the table's size.
 */
import type { DateKind } from '../dates.js'
import { EMPTY_STATE, type FieldRef, isEmptySlice, type QueryState } from '../query.js'
import { BaseQuerySet } from '../queryset.js'
import type { Rows, SqlTable } from './table.js'

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

  // Each method gives its answer itself when the database answered on the spot, and a promise
  // only when it must wait for the connection.
  protected fetch(state: QueryState): T[] | Promise<T[]> {
    const rows = this.table.select('select', state)
    return rows instanceof Promise ? rows.then((found) => this.objects(found, state)) : this.objects(rows, state)
  }

  /** The rows as the QuerySet gives them: model instances, or with valuesList() the selected values. */
  private objects(rows: Rows, state: QueryState): T[] {
    return state.values ? (this.table.valuesAll(rows, state.values) as T[]) : this.table.hydrateAll(rows)
  }

  protected countAll(state: QueryState): number | Promise<number> {
    const rows = this.table.select('count', state)
    return rows instanceof Promise ? rows.then(countOf) : countOf(rows)
  }

  protected override fetchDates(state: QueryState, field: FieldRef, kind: DateKind): Date[] | Promise<Date[]> {
    return this.table.dates(state, field, kind)
  }

  override async exists(): Promise<boolean> {
    if (isEmptySlice(this.state)) return false
    return (await this.table.select('exists', this.state)).length > 0
  }
}

/** The count a COUNT statement's one row holds (a string from some drivers). */
function countOf([row]: Rows): number {
  return Number(row?.[0] ?? 0)
}
