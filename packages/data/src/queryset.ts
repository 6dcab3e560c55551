/**
 * `QuerySet<T>`: a lazy, immutable query. Chaining methods return new QuerySets and run nothing;
 * the async methods run it. `BaseQuerySet` implements everything but deriving, fetching and
 * counting, so a backend supplies only those. Django: django.db.models.query.QuerySet
 */
import { TimeZone } from '@manouche/core'
import { UTC } from '@manouche/core/internal'
import { checkDatesArguments, type DateKind, type DatesOptions, sortedDistinct, truncate } from './dates.js'
import { DoesNotExist, errors, MultipleObjectsReturned, ValidationError } from './errors.js'
import type { ModelMeta } from './model.js'
import {
  clampCount,
  EMPTY_STATE,
  type FieldRef,
  fieldRef,
  isEmptySlice,
  isSliced,
  parseOrdering,
  parseValuesList,
  parseWhere,
  type QueryState,
  reversed,
  sliceState,
  totalOrdering,
  type ValuesListOptions,
  valuesListArgs,
  type WhereGroup,
} from './query.js'
import { cleanForCreate, cleanForSave, cleanForUpdate, type Values } from './writes.js'

/** Conditions keyed `field` or `field__lookup` (`pk` is the primary key); several keys AND together. */
export type Where = Readonly<Record<string, unknown>>

/** A lazy, immutable query over objects of type `T`. Django: QuerySet */
export interface QuerySet<T> extends AsyncIterable<T> {
  /** The model queried (app, name, verboseName...); undefined for a model-less MemoryQuerySet. */
  readonly model: ModelMeta | undefined
  /** True when the results have a defined order: `orderBy()` or the model's default ordering. Django: QuerySet.ordered */
  readonly ordered: boolean
  /** True once `slice()` was applied; filtering and reordering are then refused. Django: Query.is_sliced */
  readonly isSliced: boolean
  /** A copy of this QuerySet (Django's views call it for a fresh clone). Django: QuerySet.all */
  all(): QuerySet<T>
  /** A QuerySet matching nothing. Django: QuerySet.none */
  none(): QuerySet<T>
  /** Keep the objects matching every key of `where`. Django: QuerySet.filter */
  filter(where?: Where): QuerySet<T>
  /** Leave out the objects matching all keys of `where` together. Django: QuerySet.exclude */
  exclude(where?: Where): QuerySet<T>
  /** Order by fields, `-field` descending; no field clears the ordering. Django: QuerySet.order_by */
  orderBy(...fields: string[]): QuerySet<T>
  /** Flip the ordering. Django: QuerySet.reverse */
  reverse(): QuerySet<T>
  /** Keep the objects from `start` up to `end` (excluded), like Python's `qs[start:end]`. Django: QuerySet.__getitem__ */
  slice(start: number, end?: number): QuerySet<T>
  /** Give each row's value of one field instead of the object, fetching only that column: `valuesList('publicationDate', { flat: true })`. Django: QuerySet.values_list */
  valuesList<K extends keyof T & string>(field: K, options: { readonly flat: true }): QuerySet<T[K]>
  /** Give each row's value of a field named at run time (or `pk`) instead of the object. Django: QuerySet.values_list */
  valuesList(field: string, options: { readonly flat: true }): QuerySet<unknown>
  /** Give an array per row of the named fields' values, in that order (no name: every field, in model order). Django: QuerySet.values_list */
  valuesList(...fields: string[]): QuerySet<unknown[]>
  /** Give arrays of the named fields' values, or bare values when `options.flat` (which needs exactly one field). Django: QuerySet.values_list */
  valuesList(...args: [...fields: string[], options: ValuesListOptions]): QuerySet<unknown>
  /** Count the objects (of the slice, when sliced) with one query. Django: QuerySet.count */
  count(): Promise<number>
  /** Tell whether any object matches, with one query. Django: QuerySet.exists */
  exists(): Promise<boolean>
  /** Return the one object matching `where`, or throw DoesNotExist / MultipleObjectsReturned. Django: QuerySet.get */
  get(where?: Where): Promise<T>
  /** Return the first object (by pk when unordered), or null. Django: QuerySet.first */
  first(): Promise<T | null>
  /** Return the last object (by pk when unordered), or null. Django: QuerySet.last */
  last(): Promise<T | null>
  /** Return the object with the greatest value of `fields` (default: the model's getLatestBy). Django: QuerySet.latest */
  latest(...fields: string[]): Promise<T>
  /** Return the object with the smallest value of `fields` (default: the model's getLatestBy). Django: QuerySet.earliest */
  earliest(...fields: string[]): Promise<T>
  /** Run the query and return the objects. Django: list(qs) */
  toArray(): Promise<T[]>
  /**
   * The distinct first days (midnight UTC, or when that day begins in `options.timeZone`) of the
   * periods of `kind` holding a non-null value of the date field `field`, sorted `order`.
   * Django: QuerySet.dates, and QuerySet.datetimes with `tzinfo`
   */
  dates(field: string, kind: DateKind, order?: 'ASC' | 'DESC', options?: DatesOptions): Promise<Date[]>
  /** Insert one object from checked `values` (a field's `default` fills a missing key); resolve to it, with its pk. Django: QuerySet.create */
  create(values: Partial<T> | Readonly<Record<string, unknown>>): Promise<T>
  /** Set checked `values` on every matching row; resolve to the number of rows. Django: QuerySet.update */
  update(values: Partial<T> | Readonly<Record<string, unknown>>): Promise<number>
  /** Delete every matching row; resolve to the number of rows. Django: QuerySet.delete */
  delete(): Promise<number>
  /** The one object matching `where`, or a new one made of `where`'s exact values and `defaults`: `[object, created]`. Django: QuerySet.get_or_create */
  getOrCreate(where: Where, defaults?: Readonly<Record<string, unknown>>): Promise<[T, boolean]>
  /** Insert several objects, all or none; resolve to them, with their pks. Django: QuerySet.bulk_create */
  bulkCreate(objects: Iterable<Partial<T>>): Promise<T[]>
  /** Update the row of `object`'s pk with every field of it, or insert it when there is none; resolve to `object`, its pk set. Django: Model.save */
  save(object: T): Promise<T>
}

/** Django's `get()` fetches at most this many rows to report how many matched. Django: MAX_GET_RESULTS */
const MAX_GET_RESULTS = 21

/**
 * Give `answer(rows)` for what `fetch` returns as a promise, a rejected one for any error. When
 * the backend answered on the spot, the promise is settled already: no microtask and no async
 * function resumed on the way (an `await` of the rows cost one of each per call).
 */
function settle<R, A>(fetch: () => R | Promise<R>, answer: (rows: R) => A): Promise<A> {
  try {
    const rows = fetch()
    return rows instanceof Promise ? rows.then(answer) : Promise.resolve(answer(rows))
  } catch (error) {
    return Promise.reject(error)
  }
}

/** The one row `get()` fetched, or DoesNotExist / MultipleObjectsReturned. Django: QuerySet.get */
function only<T>(model: ModelMeta | undefined, rows: readonly T[]): T {
  if (rows.length === 1) return rows[0] as T
  if (rows.length === 0) throw new DoesNotExist(model)
  const found = rows.length < MAX_GET_RESULTS ? String(rows.length) : `more than ${MAX_GET_RESULTS - 1}`
  throw new MultipleObjectsReturned(model, found)
}

/** The values of `where`'s exact conditions (`field` or `field__exact`), which `getOrCreate()` gives a new object. */
function exactValues(where: Where): Values {
  const values: Values = {}
  for (const [key, value] of Object.entries(where)) {
    if (!key.includes('__')) values[key] = value
    else if (key.endsWith('__exact') && !key.slice(0, -7).includes('__')) values[key.slice(0, -7)] = value
  }
  return values
}

/** Tell a QuerySet from an array or other iterable (ListView calls `.all()` only on QuerySets). */
export function isQuerySet(value: unknown): value is QuerySet<unknown> {
  if (value instanceof BaseQuerySet) return true
  const candidate = value as Partial<QuerySet<unknown>> | null
  return (
    typeof candidate?.filter === 'function' &&
    typeof candidate.toArray === 'function' &&
    typeof candidate.count === 'function'
  )
}

/**
 * The shared implementation of QuerySet: a backend implements `derive`, `fetch` and `countAll`.
 * Every chaining method checks its arguments, makes the new state and hands it to `derive()`.
 */
export abstract class BaseQuerySet<T> implements QuerySet<T> {
  readonly model: ModelMeta | undefined
  protected readonly state: QueryState

  protected constructor(model: ModelMeta | undefined, state: QueryState = EMPTY_STATE) {
    this.model = model
    this.state = state
  }

  /** A QuerySet of the same backend and model with another state (a QuerySet is never changed). */
  protected abstract derive(state: QueryState): BaseQuerySet<T>

  /**
   * Run the query: matching rows, ordered and sliced as the state says. A backend that can
   * answer at once returns the rows themselves (no promise of its own to settle); it may throw.
   */
  protected abstract fetch(state: QueryState): T[] | Promise<T[]>

  /** Count the rows matching the state's conditions, ignoring its slice (at once when it can, as `fetch`). */
  protected abstract countAll(state: QueryState): number | Promise<number>

  get ordered(): boolean {
    return totalOrdering(this.model, this.state).length > 0
  }

  get isSliced(): boolean {
    return isSliced(this.state)
  }

  all(): QuerySet<T> {
    return this.derive(this.state)
  }

  none(): QuerySet<T> {
    return this.derive({
      ...this.state,
      where: [...this.state.where, { negated: false, conditions: [{ lookup: 'never' }] }],
    })
  }

  filter(where?: Where): QuerySet<T> {
    return this.derive(this.whereState(where, false))
  }

  exclude(where?: Where): QuerySet<T> {
    return this.derive(this.whereState(where, true))
  }

  orderBy(...fields: string[]): QuerySet<T> {
    return this.derive(this.orderedBy(fields))
  }

  reverse(): QuerySet<T> {
    return this.derive(this.reversedState())
  }

  slice(start: number, end?: number): QuerySet<T> {
    return this.derive(sliceState(this.state, start, end))
  }

  valuesList<K extends keyof T & string>(field: K, options: { readonly flat: true }): QuerySet<T[K]>
  valuesList(field: string, options: { readonly flat: true }): QuerySet<unknown>
  valuesList(...fields: string[]): QuerySet<unknown[]>
  valuesList(...args: [...fields: string[], options: ValuesListOptions]): QuerySet<unknown>
  valuesList(...args: (string | ValuesListOptions)[]): QuerySet<unknown> {
    const { names, flat } = valuesListArgs(args)
    // The rows become the selected values: the QuerySet's type changes, its class does not.
    return this.derive({ ...this.state, values: parseValuesList(this.model, names, flat) }) as QuerySet<unknown>
  }

  count(): Promise<number> {
    const { state } = this
    const countAll = () => (isEmptySlice(state) ? 0 : this.countAll(state))
    return settle(countAll, (total) => clampCount(state, total))
  }

  async exists(): Promise<boolean> {
    return (await this.slice(0, 1).count()) > 0
  }

  get(where?: Where): Promise<T> {
    const fetch = () => {
      const filtered = this.whereState(where, false)
      if (isSliced(filtered)) return this.fetch(sliceState(filtered, 0, MAX_GET_RESULTS))
      // Ordering cannot change how many rows match, so get() drops it (and its cost) when it may.
      return this.fetch({ ...filtered, ordering: [], high: MAX_GET_RESULTS })
    }
    return settle(fetch, (rows) => only(this.model, rows))
  }

  first(): Promise<T | null> {
    const fetch = () => this.fetchOne(this.ordered ? this.state : this.orderedBy(['pk']))
    return settle(fetch, (rows) => rows[0] ?? null)
  }

  last(): Promise<T | null> {
    const fetch = () => this.fetchOne(this.ordered ? this.reversedState() : this.orderedBy(['-pk']))
    return settle(fetch, (rows) => rows[0] ?? null)
  }

  latest(...fields: string[]): Promise<T> {
    return this.getLatest(fields, true)
  }

  earliest(...fields: string[]): Promise<T> {
    return this.getLatest(fields, false)
  }

  toArray(): Promise<T[]> {
    const fetch = () => (isEmptySlice(this.state) ? [] : this.fetch(this.state))
    return settle(fetch, (rows) => rows)
  }

  dates(field: string, kind: DateKind, order: 'ASC' | 'DESC' = 'ASC', options: DatesOptions = {}): Promise<Date[]> {
    const fetch = () => {
      const zone = zoneOf(options.timeZone)
      checkDatesArguments(kind, order)
      if (this.isSliced) throw errors.sliced('change')
      const ref = fieldRef(this.model, String(field))
      if (ref.type !== undefined && ref.type !== 'date') throw errors.notADateField(ref.name)
      return this.fetchDates(this.state, ref, kind, zone)
    }
    return settle(fetch, (found) => sortedDistinct(found, order))
  }

  /**
   * The first days of the periods of `kind` holding a value of `field` among the rows of
   * `state`, in any order, repeats allowed. This default reads the field's values and truncates
   * them here; a database overrides it with one aggregate query.
   */
  protected fetchDates(state: QueryState, field: FieldRef, kind: DateKind, zone: TimeZone): Date[] | Promise<Date[]> {
    const values = { fields: [field], flat: true }
    const truncated = (rows: unknown[]) =>
      rows.filter((value) => value !== null && value !== undefined).map((value) => truncate(toDate(value), kind, zone))
    const rows = this.fetch({ ...state, ordering: [], values }) as unknown[] | Promise<unknown[]>
    return rows instanceof Promise ? rows.then(truncated) : truncated(rows)
  }

  async create(values: Partial<T> | Readonly<Record<string, unknown>>): Promise<T> {
    const [created] = await this.insertRows([this.cleaned(values, cleanForCreate)])
    return created as T
  }

  async bulkCreate(objects: Iterable<Partial<T>>): Promise<T[]> {
    const rows = Array.from(objects, (object) => this.cleaned(object, cleanForCreate))
    return rows.length === 0 ? [] : this.insertRows(rows)
  }

  async update(values: Partial<T> | Readonly<Record<string, unknown>>): Promise<number> {
    if (this.isSliced) throw errors.sliced('update')
    const cleaned = this.cleaned(values, cleanForUpdate)
    return Object.keys(cleaned).length === 0 ? this.count() : this.updateRows(this.state, cleaned)
  }

  async delete(): Promise<number> {
    if (this.isSliced) throw errors.slicedDelete()
    return this.deleteRows(this.state)
  }

  getOrCreate(where: Where, defaults: Readonly<Record<string, unknown>> = {}): Promise<[T, boolean]> {
    return this.atomically(async () => {
      try {
        return [await this.get(where), false]
      } catch (error) {
        if (!(error instanceof DoesNotExist)) throw error
      }
      try {
        // A savepoint of its own: a failed INSERT must not spoil the transaction for the get() below.
        return [await this.atomically(() => this.create({ ...exactValues(where), ...defaults })), true]
      } catch (error) {
        // Created meanwhile by another request (a unique value taken): that object is the answer.
        if (!(error instanceof ValidationError)) throw error
        const found = await this.filter(where).first()
        if (found === null) throw error
        return [found, false]
      }
    })
  }

  async save(object: T): Promise<T> {
    const meta = this.model
    const values = meta ? cleanForSave(meta, object as object) : { ...(object as Values) }
    const pkName = meta?.pk ?? 'id'
    const pk = values[pkName]
    const saved = await this.atomically(async () => {
      if (pk !== undefined && pk !== null) {
        const { [pkName]: _, ...changes } = values
        const byPk = (this.all().filter({ pk }) as BaseQuerySet<T>).state
        if ((await this.updateRows(byPk, changes)) > 0) return values
      }
      const [inserted] = await this.insertRows([values])
      return inserted as Values
    })
    Object.assign(object as object, { [pkName]: saved[pkName] })
    return object
  }

  /**
   * Insert checked rows (values keyed by field name), all or none, numbering an automatic pk
   * that is not given; resolve to new instances. A unique value taken is a ValidationError.
   */
  protected abstract insertRows(rows: Values[]): Promise<T[]>

  /** Set checked values on the rows matching `state` (never sliced); resolve to how many. */
  protected abstract updateRows(state: QueryState, values: Values): Promise<number>

  /** Delete the rows matching `state` (never sliced); resolve to how many. */
  protected abstract deleteRows(state: QueryState): Promise<number>

  /** Run `work` as one transaction where the backend has them (a savepoint inside another). */
  protected atomically<R>(work: () => Promise<R>): Promise<R> {
    return work()
  }

  /** The values checked against the model (as given, for a model-less QuerySet). */
  private cleaned(values: unknown, clean: (meta: ModelMeta, values: Values) => Values): Values {
    return this.model ? clean(this.model, values as Values) : { ...(values as Values) }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.toArray()
  }

  /** The state ordered by `fields` instead of its own ordering. Django: QuerySet.order_by */
  private orderedBy(fields: readonly string[]): QueryState {
    if (this.isSliced) throw errors.sliced('reorder')
    return { ...this.state, ordering: parseOrdering(this.model, fields) }
  }

  private reversedState(): QueryState {
    if (this.isSliced) throw errors.sliced('reverse')
    // Reverse the tie-breaker too, so `last()` is exactly the last row `toArray()` gives.
    return { ...this.state, ordering: reversed(totalOrdering(this.model, this.state)) }
  }

  /** `latest(...fields)`, or `earliest()`: the one row of the state ordered by `fields`. Django: QuerySet._earliest */
  private getLatest(fields: readonly string[], latest: boolean): Promise<T> {
    const fetch = () => {
      if (this.isSliced) throw errors.sliced('change')
      const names = fields.length > 0 ? fields : this.model?.getLatestBy
      if (!names || names.length === 0) throw errors.noLatestBy()
      const ordering = parseOrdering(this.model, names)
      return this.fetch({ ...this.state, ordering: latest ? reversed(ordering) : ordering, high: 1 })
    }
    return settle(fetch, (rows) => only(this.model, rows))
  }

  /** The first row of `state` at most (none when its slice is empty). */
  private fetchOne(state: QueryState): T[] | Promise<T[]> {
    const one = sliceState(state, 0, 1)
    return isEmptySlice(one) ? [] : this.fetch(one)
  }

  /** The state with the conditions of `where` added, negated together for `exclude()`. */
  private whereState(where: Where | undefined, negated: boolean): QueryState {
    if (where === undefined || where === null) return this.state
    if (this.isSliced && Object.keys(where).length > 0) throw errors.sliced('filter')
    const conditions = parseWhere(this.model, where)
    if (conditions.length === 0) return this.state
    const group: WhereGroup = { negated, conditions }
    return { ...this.state, where: [...this.state.where, group] }
  }
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string)
}

/** The zone `dates()` was given: UTC when none, a `TimeZone` as it is, a name checked once here. */
function zoneOf(timeZone: TimeZone | string | undefined): TimeZone {
  if (timeZone === undefined) return UTC
  return typeof timeZone === 'string' ? new TimeZone(timeZone) : timeZone
}
