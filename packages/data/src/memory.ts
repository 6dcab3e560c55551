/**
 * `MemoryQuerySet`: a QuerySet over an array, giving the same answers as the SQLite backend
 * (NULLs first when ascending, last when descending; ties broken by primary key; case-insensitive
 * lookups folding case the same way). Handy in tests and for data that lives in code.
 */
import { datePart } from './dates.js'

import { deleteFrom, insertInto, updateIn } from './memory-writes.js'
import { type FieldType, type ModelClass, type ModelMeta, modelMeta, requireMeta } from './model.js'
import {
  type Condition,
  EMPTY_STATE,
  type FieldRef,
  type OrderTerm,
  type QueryState,
  totalOrdering,
  type ValuesSelection,
  type WhereGroup,
} from './query.js'
import { BaseQuerySet } from './queryset.js'
import { compareKeys, sortKey } from './values.js'

/** Options of `MemoryQuerySet`: the model (class or meta) its items belong to, if any. */
export interface MemoryQuerySetOptions {
  model?: ModelClass | ModelMeta
}

type Row = Record<string, unknown>

/** Whether each comparison lookup holds, from the order of the row's value against the lookup's. */
const COMPARISONS = {
  exact: (order: number) => order === 0,
  gt: (order: number) => order > 0,
  gte: (order: number) => order >= 0,
  lt: (order: number) => order < 0,
  lte: (order: number) => order <= 0,
} as const

/** A QuerySet over items held in memory; with a model, names are checked and values converted as in SQL. */
export class MemoryQuerySet<T> extends BaseQuerySet<T> {
  // An array is read when the QuerySet is evaluated (like a table), so later pushes show up.
  private readonly items: readonly T[]

  /**
   * Query `items`; `state` is for the QuerySets it derives (default: every item, unordered). A
   * subclass keeps these parameters: derived QuerySets are made through its constructor. Django: QuerySet._clone
   */
  constructor(items: Iterable<T>, options: MemoryQuerySetOptions = {}, state: QueryState = EMPTY_STATE) {
    super(metaOf(options.model), state)
    this.items = Array.isArray(items) ? items : Array.from(items)
  }

  protected derive(state: QueryState): MemoryQuerySet<T> {
    const Class = this.constructor as typeof MemoryQuerySet<T>
    return new Class(this.items, { model: this.model }, state)
  }

  protected fetch(state: QueryState): T[] {
    const rows = this.items.filter((item) => matchesAll(item as Row, state.where))
    const ordering = totalOrdering(this.model, state)
    if (ordering.length > 0) rows.sort((a, b) => compareRows(a as Row, b as Row, ordering))
    const sliced = rows.slice(state.low, state.high)
    // With valuesList(), the QuerySet's T is the selected values' type: the rows become those values.
    return state.values ? (valuesOf(sliced as Row[], state.values) as T[]) : sliced
  }

  protected countAll(state: QueryState): number {
    let count = 0
    for (const item of this.items) if (matchesAll(item as Row, state.where)) count++
    return count
  }

  // Writes change the one array every QuerySet derived from this one reads (see memory-writes.ts).
  protected async insertRows(rows: Row[]): Promise<T[]> {
    return insertInto(this.items as T[], this.model, rows)
  }

  protected async updateRows(state: QueryState, values: Row): Promise<number> {
    return updateIn(this.items as T[], this.model, this.fetch({ ...state, ordering: [], values: undefined }), values)
  }

  protected async deleteRows(state: QueryState): Promise<number> {
    return deleteFrom(this.items as T[], this.fetch({ ...state, ordering: [], values: undefined }))
  }
}

function metaOf(model: ModelClass | ModelMeta | undefined): ModelMeta | undefined {
  if (model === undefined) return undefined
  return typeof model === 'function' ? requireMeta(model) : (modelMeta(model.modelClass) ?? model)
}

/** The selected values of each row, as SQL gives them: a missing property is null. */
function valuesOf(rows: readonly Row[], { fields, flat }: ValuesSelection): unknown[] {
  if (flat) {
    const name = (fields[0] as FieldRef).name
    return rows.map((row) => row[name] ?? null)
  }
  // No field and no model: every property of the item, in its own order.
  if (fields.length === 0) return rows.map((row) => Object.values(row))
  return rows.map((row) => fields.map((field) => row[field.name] ?? null))
}

function matchesAll(row: Row, where: readonly WhereGroup[]): boolean {
  for (const group of where) {
    const all = group.conditions.every((condition) => matches(row, condition))
    if (all === group.negated) return false
  }
  return true
}

function matches(row: Row, condition: Condition): boolean {
  if (condition.lookup === 'never') return false
  const value = row[condition.field.name]
  if (condition.lookup === 'isnull') return (value === null || value === undefined) === condition.value
  if (value === null || value === undefined) return false
  const key = sortKey(value, condition.field.type)
  switch (condition.lookup) {
    case 'in':
      return condition.values.some((item) => compare(key, item, condition.field.type) === 0)
    case 'range':
      return inRange(key, condition.value, condition.field.type)
    case 'datePart': {
      const date = sortKey(value, 'date')
      return typeof date === 'number' && datePart(new Date(date), condition.part) === condition.value
    }
    case 'text':
      return typeof value === 'string' && textMatches(value, condition.mode, condition.insensitive, condition.value)
    default:
      return COMPARISONS[condition.lookup](compare(key, condition.value, condition.field.type))
  }
}

function compare(key: unknown, value: unknown, type: FieldType | undefined): number {
  return compareKeys(key, sortKey(value, type))
}

function inRange(key: unknown, [low, high]: readonly [unknown, unknown], type: FieldType | undefined): boolean {
  return compare(key, low, type) >= 0 && compare(key, high, type) <= 0
}

function textMatches(value: string, mode: string, insensitive: boolean, needle: string): boolean {
  const haystack = insensitive ? value.toLowerCase() : value
  if (mode === 'contains') return haystack.includes(needle)
  if (mode === 'startswith') return haystack.startsWith(needle)
  if (mode === 'endswith') return haystack.endsWith(needle)
  return haystack === needle
}

function compareRows(a: Row, b: Row, ordering: readonly OrderTerm[]): number {
  for (const { field, descending } of ordering) {
    const left = sortKey(a[field.name], field.type)
    const right = sortKey(b[field.name], field.type)
    if (left === right) continue
    // SQLite's rule: NULL is the smallest value, so first when ascending and last when descending.
    const order = left === null ? -1 : right === null ? 1 : compareKeys(left, right)
    if (order !== 0) return descending ? -order : order
  }
  return 0
}
