/**
 * `QuerySet<T>`: a lazy, immutable query. Chaining methods return new QuerySets and run nothing;
 * the async methods run it. `BaseQuerySet` implements everything but fetching and counting,
 * so a backend supplies only those. Django: django.db.models.query.QuerySet
 */
import { DoesNotExist, errors, MultipleObjectsReturned } from './errors.js'
import type { ModelMeta } from './model.js'
import {
  clampCount,
  EMPTY_STATE,
  effectiveOrdering,
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
  withTiebreak,
} from './query.js'

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
}

/** Django's `get()` fetches at most this many rows to report how many matched. Django: MAX_GET_RESULTS */
const MAX_GET_RESULTS = 21

// QuerySets are immutable, so the QuerySet `orderBy(...)`, `slice(...)` or `valuesList(...)`
// derives from one is always the same: remembering a few per QuerySet lets a view that derives
// the same QuerySet from a registered one on every request skip re-parsing, and the SQL backend
// reuse what it built for it. Keys are the arguments themselves where one suffices (a field
// name the code wrote, a pair of small integers): no string is built or hashed per call.
const kDerived = Symbol('derived')
const MAX_DERIVED = 32

class Derivations {
  all: BaseQuerySet<unknown> | undefined
  first: BaseQuerySet<unknown> | undefined
  last: BaseQuerySet<unknown> | undefined
  /** By the one field name ordered by; looked up before the name is checked, so nothing else is kept here. */
  readonly orderings = new Map<string, BaseQuerySet<unknown>>()
  /** By namesKey() of any other number of names. */
  readonly orderingLists = new Map<string, BaseQuerySet<unknown>>()
  readonly slices = new Map<number | string, BaseQuerySet<unknown>>()
  /** By the one field name of `valuesList(name, { flat: true })`; as `orderings`. */
  readonly flatValues = new Map<string, BaseQuerySet<unknown>>()
  /** By namesKey() of the names, NUL first when flat. */
  readonly valueLists = new Map<string, BaseQuerySet<unknown>>()
}

function derivations(qs: BaseQuerySet<unknown>): Derivations {
  const holder = qs as unknown as { [kDerived]?: Derivations }
  let found = holder[kDerived]
  if (found === undefined) {
    found = new Derivations()
    // Non-enumerable, so withState()'s copies never share it.
    Object.defineProperty(holder, kDerived, { value: found })
  }
  return found
}

/** The QuerySet remembered under `names` (a hit needs no check: only checked keys are stored), or undefined. */
function recall<T>(cache: Map<string, BaseQuerySet<unknown>>, names: readonly unknown[]): BaseQuerySet<T> | undefined {
  const name = names[0]
  return names.length === 1 && typeof name === 'string' ? (cache.get(name) as BaseQuerySet<T> | undefined) : undefined
}

function remembered<K, T>(cache: Map<K, BaseQuerySet<unknown>>, key: K, make: () => BaseQuerySet<T>): BaseQuerySet<T> {
  let found = cache.get(key) as BaseQuerySet<T> | undefined
  if (found === undefined) {
    found = make()
    if (cache.size < MAX_DERIVED) cache.set(key, found as BaseQuerySet<unknown>)
  }
  return found
}

/** The key of an integer slice: one number while both bounds are small, else text. */
function sliceKey(start: number, end: number | undefined): number | string {
  const small = start >= 0 && start < 2 ** 24 && (end === undefined || (end >= 0 && end < 2 ** 24))
  return small ? start * 2 ** 25 + (end === undefined ? 2 ** 24 : end) : `${start}:${end}`
}

/**
 * The key of a list of names, or undefined when one is no string or holds NUL: one name is its
 * own key; any other count is written first, then each name after a NUL, so no two lists share one.
 */
function namesKey(names: readonly unknown[]): string | undefined {
  if (names.length === 1) {
    const name = names[0]
    return typeof name === 'string' && !name.includes('\u0000') ? name : undefined
  }
  let key = String(names.length)
  for (const name of names) {
    if (typeof name !== 'string' || name.includes('\u0000')) return undefined
    key += `\u0000${name}`
  }
  return key
}

/** The first row of a QuerySet, as a QuerySet. */
function oneRow<T>(qs: QuerySet<T>): BaseQuerySet<unknown> {
  return qs.slice(0, 1) as BaseQuerySet<unknown>
}

/** The first of some rows, or null. */
function firstRow<T>(rows: readonly T[]): T | null {
  return rows.length > 0 ? (rows[0] as T) : null
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

/** The shared implementation of QuerySet: a backend implements `fetch` and `countAll`. */
export abstract class BaseQuerySet<T> implements QuerySet<T> {
  readonly model: ModelMeta | undefined
  protected readonly state: QueryState

  protected constructor(model: ModelMeta | undefined, state: QueryState = EMPTY_STATE) {
    this.model = model
    this.state = state
  }

  /** Run the query: matching rows, ordered and sliced as the state says. */
  protected abstract fetch(state: QueryState): Promise<T[]>

  /** Count the rows matching the state's conditions, ignoring its slice. */
  protected abstract countAll(state: QueryState): Promise<number>

  /**
   * The rows `fetch(state)` would give, when the backend can read them in this turn; else
   * undefined (the default), and `fetch()` runs. Throws what `fetch()` would reject with.
   */
  protected fetchNow(_state: QueryState): T[] | undefined {
    return undefined
  }

  get ordered(): boolean {
    return effectiveOrdering(this.model, this.state).length > 0
  }

  get isSliced(): boolean {
    return isSliced(this.state)
  }

  /** A copy of this QuerySet (the same copy each call: QuerySets never change). */
  all(): QuerySet<T> {
    const memo = derivations(this)
    memo.all ??= this.withState(this.state)
    return memo.all as BaseQuerySet<T>
  }

  none(): QuerySet<T> {
    return this.withState({
      ...this.state,
      where: [...this.state.where, { negated: false, conditions: [{ lookup: 'never' }] }],
    })
  }

  filter(where?: Where): QuerySet<T> {
    return this.withWhere(where, false)
  }

  exclude(where?: Where): QuerySet<T> {
    return this.withWhere(where, true)
  }

  orderBy(...fields: string[]): QuerySet<T> {
    if (this.isSliced) throw errors.sliced('reorder')
    const memo = derivations(this)
    const known = recall<T>(memo.orderings, fields)
    if (known !== undefined) return known
    const make = () => this.withState({ ...this.state, ordering: parseOrdering(this.model, fields) })
    // Only plain names make a key: a name holding the separator must reach parseOrdering().
    const key = namesKey(fields)
    if (key === undefined) return make()
    return remembered(fields.length === 1 ? memo.orderings : memo.orderingLists, key, make)
  }

  reverse(): QuerySet<T> {
    if (this.isSliced) throw errors.sliced('reverse')
    // Reverse the tie-breaker too, so `last()` is exactly the last row `toArray()` gives.
    return this.withState({ ...this.state, ordering: reversed(totalOrdering(this.model, this.state)) })
  }

  slice(start: number, end?: number): QuerySet<T> {
    const make = () => this.withState(sliceState(this.state, start, end))
    // Only integer bounds make a key: `'1'` must still reach sliceState() and be refused.
    const integers = Number.isInteger(start) && (end === undefined || Number.isInteger(end))
    return integers ? remembered(derivations(this).slices, sliceKey(start, end), make) : make()
  }

  valuesList<K extends keyof T & string>(field: K, options: { readonly flat: true }): QuerySet<T[K]>
  valuesList(field: string, options: { readonly flat: true }): QuerySet<unknown>
  valuesList(...fields: string[]): QuerySet<unknown[]>
  valuesList(...args: [...fields: string[], options: ValuesListOptions]): QuerySet<unknown>
  valuesList(...args: (string | ValuesListOptions)[]): QuerySet<unknown> {
    const memo = derivations(this as BaseQuerySet<unknown>)
    // valuesList(name, { flat: true }), which a view's lastModified() may call on every request:
    // found by the name itself, before the names are split from the options into a new array.
    const [first, second] = args
    if (args.length === 2 && typeof first === 'string' && (second as ValuesListOptions | undefined)?.flat === true) {
      const known = memo.flatValues.get(first)
      if (known !== undefined) return known
    }
    const { names, flat } = valuesListArgs(args)
    const make = (): BaseQuerySet<unknown> =>
      this.withState({ ...this.state, values: parseValuesList(this.model, names, flat) }) as BaseQuerySet<unknown>
    // A name holding NUL (no field's name) makes no key.
    const key = namesKey(names)
    if (key === undefined) return make()
    if (flat && names.length === 1) return remembered(memo.flatValues, key, make)
    return remembered(memo.valueLists, flat ? `\u0000${key}` : key, make)
  }

  async count(): Promise<number> {
    if (isEmptySlice(this.state)) return 0
    return clampCount(this.state, await this.countAll(this.state))
  }

  async exists(): Promise<boolean> {
    return (await this.slice(0, 1).count()) > 0
  }

  async get(where?: Where): Promise<T> {
    const filtered = this.filter(where) as BaseQuerySet<T>
    // Ordering cannot change how many rows match, so get() drops it (and its cost) when it may.
    const state = filtered.isSliced ? filtered.state : { ...filtered.state, ordering: [] }
    const rows = await this.fetch(sliceState(state, 0, MAX_GET_RESULTS))
    if (rows.length === 1) return rows[0] as T
    if (rows.length === 0) throw new DoesNotExist(this.model)
    const found = rows.length < MAX_GET_RESULTS ? String(rows.length) : `more than ${MAX_GET_RESULTS - 1}`
    throw new MultipleObjectsReturned(this.model, found)
  }

  // A view's lastModified() awaits first() on every request: when the row can be read on the
  // spot, first() and last() give a promise already settled with it (no async frame, no then()).
  first(): Promise<T | null> {
    try {
      const memo = derivations(this)
      memo.first ??= oneRow(this.ordered ? this : this.orderBy('pk'))
      return (memo.first as BaseQuerySet<T>).firstOfRows()
    } catch (error) {
      return Promise.reject(error)
    }
  }

  last(): Promise<T | null> {
    try {
      const memo = derivations(this)
      memo.last ??= oneRow(this.ordered ? this.reverse() : this.orderBy('-pk'))
      return (memo.last as BaseQuerySet<T>).firstOfRows()
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** The first of this QuerySet's rows, or null; read on the spot when the backend can. */
  private firstOfRows(): Promise<T | null> {
    const state = this.state
    if (isEmptySlice(state)) return Promise.resolve(null)
    const rows = this.fetchNow(state)
    return rows !== undefined ? Promise.resolve(firstRow(rows)) : this.fetch(state).then(firstRow)
  }

  async latest(...fields: string[]): Promise<T> {
    return this.earliestOrLatest(fields, true)
  }

  async earliest(...fields: string[]): Promise<T> {
    return this.earliestOrLatest(fields, false)
  }

  toArray(): Promise<T[]> {
    if (isEmptySlice(this.state)) return Promise.resolve([])
    return this.fetch(this.state)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.toArray()
  }

  private async earliestOrLatest(fields: string[], latest: boolean): Promise<T> {
    if (this.isSliced) throw errors.sliced('change')
    const names = fields.length > 0 ? fields : this.model?.getLatestBy
    if (!names || names.length === 0) throw errors.noLatestBy()
    const ordering = withTiebreak(this.model, parseOrdering(this.model, names))
    const query = this.withState({ ...this.state, ordering: latest ? reversed(ordering) : ordering })
    return query.slice(0, 1).get()
  }

  private withWhere(where: Where | undefined, negated: boolean): QuerySet<T> {
    if (where && Object.keys(where).length > 0 && this.isSliced) throw errors.sliced('filter')
    const conditions = parseWhere(this.model, where ?? {})
    if (conditions.length === 0) return this.withState(this.state)
    const group: WhereGroup = { negated, conditions }
    return this.withState({ ...this.state, where: [...this.state.where, group] })
  }

  /** Copy this QuerySet with another state: every field but the state is shared, nothing is mutated. */
  protected withState(state: QueryState): BaseQuerySet<T> {
    const copy = Object.create(Object.getPrototypeOf(this)) as BaseQuerySet<T>
    Object.assign(copy, this, { state })
    return copy
  }
}
