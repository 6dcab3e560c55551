/**
 * The state of a QuerySet, shared by every backend: parsed conditions, ordering and slice.
 * Parsing checks every name against the model and converts every value to its field's type,
 * so a backend only ever sees known fields and typed values. Django: django.db.models.sql.Query
 */
import { DATE_PARTS, type DatePart } from './dates.js'
import { errors } from './errors.js'
import { type FieldType, type ModelMeta, resolveField } from './model.js'
import { EXPECTED, INVALID, toFieldValue } from './values.js'

/** A field as a condition or ordering refers to it; `type` is undefined for a model-less MemoryQuerySet. */
export interface FieldRef {
  readonly name: string
  readonly column: string
  readonly type?: FieldType
  readonly nullable: boolean
}

/** How a text lookup compares. */
export type TextMode = 'exact' | 'contains' | 'startswith' | 'endswith'

/** One parsed lookup; `never` matches no row (a value that cannot be converted, an empty `in`). */
export type Condition =
  | { readonly lookup: 'never' }
  | { readonly lookup: 'exact' | 'gt' | 'gte' | 'lt' | 'lte'; readonly field: FieldRef; readonly value: unknown }
  | { readonly lookup: 'in'; readonly field: FieldRef; readonly values: readonly unknown[] }
  | { readonly lookup: 'isnull'; readonly field: FieldRef; readonly value: boolean }
  | { readonly lookup: 'range'; readonly field: FieldRef; readonly value: readonly [unknown, unknown] }
  /** A part of a date field (`__year`, `__month`, `__day`, `__week`, `__week_day`) equal to an integer. */
  | { readonly lookup: 'datePart'; readonly field: FieldRef; readonly part: DatePart; readonly value: number }
  | {
      readonly lookup: 'text'
      readonly field: FieldRef
      readonly mode: TextMode
      readonly insensitive: boolean
      readonly value: string
    }

/** The conditions of one `filter()` (ANDed), or of one `exclude()` (ANDed, then negated). */
export interface WhereGroup {
  readonly negated: boolean
  readonly conditions: readonly Condition[]
}

/** One term of an ORDER BY. */
export interface OrderTerm {
  readonly field: FieldRef
  readonly descending: boolean
}

/** What `valuesList()` asked for: each row's values of `fields`, as a tuple or (`flat`) the one bare value. Django: Query.values_select */
export interface ValuesSelection {
  /** The fields, in the order asked; empty only for every property of a model-less MemoryQuerySet. */
  readonly fields: readonly FieldRef[]
  readonly flat: boolean
}

/** Options of `valuesList()`: `flat` gives the bare values of its single field instead of 1-tuples. Django: values_list(flat=) */
export interface ValuesListOptions {
  readonly flat?: boolean
}

/** Everything a backend needs to answer: `ordering` undefined means the model's default (see `parseOrdering`); `values` undefined means objects. */
export interface QueryState {
  readonly where: readonly WhereGroup[]
  readonly ordering: readonly OrderTerm[] | undefined
  readonly low: number
  readonly high: number | undefined
  readonly values: ValuesSelection | undefined
}

/**
 * The state of `all()`: no condition, default ordering, no slice. Every state is a copy of it
 * with some properties replaced (`{ ...state, ordering }`), never with one added: V8 then gives
 * them all one hidden class, and copies them on its fast path (adding a property to a spread
 * took ~1 µs, a replacement ~40 ns; a frozen source ~100 ns). Typed readonly, so not frozen.
 */
export const EMPTY_STATE: QueryState = { where: [], ordering: undefined, low: 0, high: undefined, values: undefined }

/** The lookups Django offers that a QuerySet here understands. */
export const LOOKUPS = [
  'exact',
  'iexact',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'range',
  'isnull',
  'contains',
  'icontains',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
  'year',
  'month',
  'day',
  'week',
  'week_day',
] as const

const LOOKUP_SET: ReadonlySet<string> = new Set(LOOKUPS)
const COMPARISONS: ReadonlySet<string> = new Set(['gt', 'gte', 'lt', 'lte'])
const NEVER: Condition = Object.freeze({ lookup: 'never' })
const NO_TERMS: readonly OrderTerm[] = Object.freeze([])
const defaultOrderings = new WeakMap<ModelMeta, readonly OrderTerm[]>()

/** Find a field by name: through the model when there is one, else any name (`pk` being `id`). */
export function fieldRef(meta: ModelMeta | undefined, name: string): FieldRef {
  if (meta) return resolveField(meta, name)
  const field = name === 'pk' ? 'id' : name
  return { name: field, column: field, nullable: true }
}

/** Parse a `where` object into conditions; throw FieldError for unknown names, lookups or bad values. */
export function parseWhere(meta: ModelMeta | undefined, where: Readonly<Record<string, unknown>>): Condition[] {
  return Object.keys(where).map((key) => {
    const at = key.indexOf('__')
    const field = fieldRef(meta, at < 0 ? key : key.slice(0, at))
    return parseLookup(field, at < 0 ? 'exact' : key.slice(at + 2), where[key])
  })
}

function parseLookup(field: FieldRef, lookup: string, value: unknown): Condition {
  if (!LOOKUP_SET.has(lookup)) throw errors.unsupportedLookup(lookup, field.name)
  if (lookup === 'isnull') return isNull(field, value)
  if (lookup === 'in') return inList(field, value)
  if (value === null || value === undefined) {
    if (lookup === 'exact') return { lookup: 'isnull', field, value: true }
    throw errors.noneValue()
  }
  if (lookup === 'range') return range(field, value)
  if (DATE_PARTS.has(lookup)) return datePart(field, lookup as DatePart, value)
  if (lookup === 'exact') return exact(field, value)
  if (COMPARISONS.has(lookup)) return { lookup: lookup as 'gt', field, value: strict(field, value) }
  return text(field, lookup, value)
}

function isNull(field: FieldRef, value: unknown): Condition {
  if (typeof value !== 'boolean') throw errors.isnullValue()
  return { lookup: 'isnull', field, value }
}

function inList(field: FieldRef, value: unknown): Condition {
  const items = listOf(field, 'in', value)
  // Django drops None from `in` lists; a value of the wrong type can match nothing, so it goes too.
  const values = items
    .filter((item) => item !== null && item !== undefined)
    .map((item) => toFieldValue(field.type, item))
  const valid = values.filter((item) => item !== INVALID)
  return valid.length === 0 ? NEVER : { lookup: 'in', field, values: valid }
}

function range(field: FieldRef, value: unknown): Condition {
  const bounds = listOf(field, 'range', value)
  if (bounds.length !== 2) throw errors.notAList('range', field.name)
  if (bounds.some((bound) => bound === null || bound === undefined)) throw errors.noneValue()
  return { lookup: 'range', field, value: [strict(field, bounds[0]), strict(field, bounds[1])] }
}

function datePart(field: FieldRef, part: DatePart, value: unknown): Condition {
  if (field.type !== undefined && field.type !== 'date') throw errors.unsupportedLookup(part, field.name)
  const converted = toFieldValue('integer', value)
  if (converted === INVALID || !Number.isInteger(converted)) throw errors.invalidValue(field.name, 'an integer', value)
  return { lookup: 'datePart', field, part, value: converted as number }
}

function exact(field: FieldRef, value: unknown): Condition {
  const converted = toFieldValue(field.type, value)
  return converted === INVALID ? NEVER : { lookup: 'exact', field, value: converted }
}

function text(field: FieldRef, lookup: string, value: unknown): Condition {
  if (field.type !== undefined && field.type !== 'string') throw errors.unsupportedLookup(lookup, field.name)
  const insensitive = lookup.startsWith('i')
  const mode = (insensitive ? lookup.slice(1) : lookup) as TextMode
  const converted = toFieldValue('string', value)
  if (converted === INVALID) throw errors.invalidValue(field.name, EXPECTED.string, value)
  const needle = converted as string
  return { lookup: 'text', field, mode, insensitive, value: insensitive ? needle.toLowerCase() : needle }
}

/** Convert a value for a comparison, where a wrong type is the client's error rather than "no match". */
function strict(field: FieldRef, value: unknown): unknown {
  const converted = toFieldValue(field.type, value)
  if (converted === INVALID) throw errors.invalidValue(field.name, EXPECTED[field.type ?? 'string'], value)
  return converted
}

function listOf(field: FieldRef, lookup: string, value: unknown): unknown[] {
  if (typeof value === 'string' || value === null || typeof value !== 'object' || !(Symbol.iterator in value)) {
    throw errors.notAList(lookup, field.name)
  }
  return Array.from(value as Iterable<unknown>)
}

/**
 * Parse `orderBy()` names (`'-pages'` is descending); throw FieldError for unknown fields. The
 * primary key ends a non-empty ordering that lacks it, in the direction of the last term, so
 * every backend agrees on ties and an index on that term serves the whole ORDER BY (SQLite
 * indexes end with the rowid).
 */
export function parseOrdering(meta: ModelMeta | undefined, names: readonly string[]): OrderTerm[] {
  const ordering = names.map((name) => {
    const text = String(name)
    const descending = text.startsWith('-')
    return { field: fieldRef(meta, descending ? text.slice(1) : text), descending }
  })
  const last = ordering[ordering.length - 1]
  if (meta && last && !ordering.some((term) => term.field.name === meta.pk)) {
    ordering.push({ field: resolveField(meta, meta.pk), descending: last.descending })
  }
  return ordering
}

/** Split `valuesList()`'s arguments into field names and `flat` (options come last, if at all). */
export function valuesListArgs(args: readonly unknown[]): { names: readonly unknown[]; flat: boolean } {
  const last = args[args.length - 1]
  if (typeof last !== 'object' || last === null) return { names: args, flat: false }
  return { names: args.slice(0, -1), flat: Boolean((last as ValuesListOptions).flat) }
}

/**
 * Parse `valuesList()`'s field names; throw FieldError for unknown fields and TypeError for
 * `flat` without exactly one field. No field means every field of the model.
 */
export function parseValuesList(
  meta: ModelMeta | undefined,
  names: readonly unknown[],
  flat: boolean,
): ValuesSelection {
  if (flat && names.length !== 1) throw errors.flatValues(names.length > 1 ? 'more than one field' : 'no fields')
  if (names.length === 0) return { fields: meta?.fields ?? [], flat }
  return { fields: names.map((name) => fieldRef(meta, String(name))), flat }
}

/** The ordering a state is evaluated with: its own, else the model's default (parsed once per model). */
export function totalOrdering(meta: ModelMeta | undefined, state: QueryState): readonly OrderTerm[] {
  if (state.ordering !== undefined || !meta?.ordering) return state.ordering ?? NO_TERMS
  let ordering = defaultOrderings.get(meta)
  if (!ordering) {
    ordering = Object.freeze(parseOrdering(meta, meta.ordering))
    defaultOrderings.set(meta, ordering)
  }
  return ordering
}

/** Flip every term of an ordering. Django: QuerySet.reverse */
export function reversed(ordering: readonly OrderTerm[]): OrderTerm[] {
  return ordering.map((term) => ({ field: term.field, descending: !term.descending }))
}

/** Narrow a state's slice the way Python's `qs[start:end]` does on an already sliced query. Django: Query.set_limits */
export function sliceState(state: QueryState, start: number, end: number | undefined): QueryState {
  checkIndex(start)
  if (end !== undefined) checkIndex(end)
  let { low, high } = state
  if (end !== undefined) high = high === undefined ? low + end : Math.min(high, low + end)
  low = high === undefined ? low + start : Math.min(high, low + start)
  // SQL receives the bounds as integer literals: refuse sums past 2**53, where integers blur.
  if (!Number.isSafeInteger(low)) throw errors.unsafeIndex(low)
  if (high !== undefined && !Number.isSafeInteger(high)) throw errors.unsafeIndex(high)
  return { ...state, low, high }
}

function checkIndex(index: unknown): void {
  if (typeof index !== 'number' || !Number.isInteger(index)) throw errors.invalidIndex(index)
  if (index < 0) throw errors.negativeIndex()
  if (!Number.isSafeInteger(index)) throw errors.unsafeIndex(index)
}

/** True when the state's slice holds no row (`slice(3, 3)`): no query needs to run. */
export function isEmptySlice(state: QueryState): boolean {
  return state.high !== undefined && state.high <= state.low
}

/** True once `slice()` has limited the state. Django: Query.is_sliced */
export function isSliced(state: QueryState): boolean {
  return state.low !== 0 || state.high !== undefined
}

/** Count of a slice from the count of the whole: one COUNT query answers a sliced `count()`. */
export function clampCount(state: QueryState, total: number): number {
  const high = state.high === undefined ? total : Math.min(total, state.high)
  return Math.max(0, high - state.low)
}
