/**
 * `SqlQuerySet`: the QuerySet of a model in a SQL database. `count()` is one COUNT query,
 * `toArray()` one SELECT with LIMIT/OFFSET, whatever the table's size.
 */
import type { TimeZone } from '@manouche/core'
import type { DateKind } from '../dates.js'
import type { FieldMeta } from '../model.js'
import { EMPTY_STATE, type FieldRef, isEmptySlice, type QueryState } from '../query.js'
import { BaseQuerySet } from '../queryset.js'
import type { Values } from '../writes.js'
import type { Rows, SqlTable } from './table.js'
import type { Transactions } from './transactions.js'
import { deleteByPks, insertRows, updateByPks } from './writes.js'

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

  protected override fetchDates(
    state: QueryState,
    field: FieldRef,
    kind: DateKind,
    zone: TimeZone,
  ): Date[] | Promise<Date[]> {
    return this.table.dates(state, field, kind, zone)
  }

  protected insertRows(rows: Values[]): Promise<T[]> {
    return insertRows(this.table, this.table.database.transactions, rows)
  }

  protected updateRows(state: QueryState, values: Values): Promise<number> {
    return this.atomically(async () => updateByPks(this.untyped, this.transactions, await this.pks(state), values))
  }

  protected deleteRows(state: QueryState): Promise<number> {
    return this.atomically(async () => deleteByPks(this.untyped, this.transactions, await this.pks(state)))
  }

  protected override atomically<R>(work: () => Promise<R>): Promise<R> {
    return this.transactions.atomic(work)
  }

  private get transactions(): Transactions {
    return this.table.database.transactions
  }

  private get untyped(): SqlTable<unknown> {
    return this.table as SqlTable<unknown>
  }

  /** The pks of the rows matching `state`, read in the transaction that changes them. */
  private async pks(state: QueryState): Promise<unknown[]> {
    const pk = this.table.meta.fields.find((field) => field.primaryKey) as FieldMeta
    return this.fetch({ ...state, ordering: [], values: { fields: [pk], flat: true } }) as unknown[]
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
