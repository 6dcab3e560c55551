/**
 * Compile once, run many: a QueryState's *shape* is the state with its values taken out (the
 * fields and lookups of its conditions, its ordering, its slice, the fields `valuesList()` selects).
 * Every state of one shape has the same SQL text, so `SqlTable` builds that text with Kysely once
 * per shape, with a `Slot` in place of each value, and afterwards only reads the values of each
 * new state into parameters. The statements are kept in the database's `StatementCache`.
 */
import { type CompiledQuery, createQueryId, type RootOperationNode } from 'kysely'
import { errors } from '../errors.js'
import type { Condition, OrderTerm, QueryState } from '../query.js'
import type { SqlFlavor } from './flavor.js'

/** What a compiled statement answers: the rows, their count, or whether one exists. */
export type QueryKind = 'select' | 'count' | 'exists'

/** Reads one parameter's value out of a state of the shape it was compiled for. */
export type SlotReader = (state: QueryState) => unknown

/** Stands in the query builder for a value: Kysely binds it as a parameter, never as SQL text. */
export class Slot {
  constructor(readonly read: SlotReader) {}
}

/** One shape's SQL, the columns it selects and how to read its parameters from a state. */
export interface ShapeStatement {
  readonly sql: string
  /** The Kysely node the SQL came from (Kysely's executor and plugins may look at it). */
  readonly query: RootOperationNode
  /** The names of the columns selected, in order: rows as objects are read into arrays by them. */
  readonly columns: readonly string[]
  readonly readers: readonly SlotReader[]
  /** False when the builder bound a value itself: the SQL then serves only the state it came from. */
  readonly reusable: boolean
  /** The database's own prepared form of `sql`, made on the first run (SQLite); see `SqlDatabase.select`. */
  prepared?: unknown
}

/** Keep a compiled query's SQL and turn its parameters into readers of any state of its shape. */
export function compileShape(compiled: CompiledQuery, columns: readonly string[]): ShapeStatement {
  let reusable = true
  const readers = compiled.parameters.map((parameter): SlotReader => {
    if (parameter instanceof Slot) return parameter.read
    // A value bound directly belongs to the state it was built from: never reuse it for another.
    reusable = false
    return () => parameter
  })
  return { sql: compiled.sql, query: compiled.query, columns, readers, reusable }
}

/**
 * Keep the SQL of an INSERT built with `slots` as the values of its columns, in the order they
 * were given: its parameters are then a row's values in that order. Not reusable when the
 * builder bound them in another order (or bound a value of its own).
 */
export function compileInsert(
  compiled: CompiledQuery,
  slots: readonly Slot[],
  columns: readonly string[],
): ShapeStatement {
  const { parameters } = compiled
  const reusable = parameters.length === slots.length && parameters.every((parameter, at) => parameter === slots[at])
  return { sql: compiled.sql, query: compiled.query, columns, readers: [], reusable }
}

/** The state's values, in the order of the shape's parameters. */
export function bindParameters(shape: ShapeStatement, state: QueryState): unknown[] {
  const { readers } = shape
  const parameters = new Array<unknown>(readers.length)
  for (let index = 0; index < readers.length; index++) parameters[index] = (readers[index] as SlotReader)(state)
  return parameters
}

/** The statement of `shape` with `parameters`, as Kysely runs it. */
export function compiledQuery(shape: ShapeStatement, parameters: readonly unknown[]): CompiledQuery {
  return { sql: shape.sql, query: shape.query, parameters, queryId: createQueryId() }
}

/**
 * The cache key of a state's shape for `kind` on the table numbered `table` in its database. It
 * names only what the model and the code decide (the table, field names checked against the
 * model, lookups from a fixed list, counts, validated integers), never a value, so no value can
 * choose the SQL that runs.
 */
export function shapeKey(
  table: number,
  kind: QueryKind,
  state: QueryState,
  ordering: readonly OrderTerm[],
  flavor: SqlFlavor,
): string {
  const where = whereKey(state, flavor)
  if (kind === 'count') return `${table}|c${where}`
  if (kind === 'exists') return `${table}|e${where}|${checkedIndex(state.low)}`
  let key = `${table}|s${where}|`
  for (const term of ordering) key += term.descending ? `-${term.field.name},` : `${term.field.name},`
  const high = state.high === undefined ? '' : checkedIndex(state.high)
  key += `|${checkedIndex(state.low)}:${high}`
  if (state.values === undefined) return key
  // valuesList(): the selected columns, named by their fields (checked against the model).
  key += '|v:'
  for (const field of state.values.fields) key += `${field.name},`
  return key
}

/** The cache key of `dates(field, kind)` over a state's conditions (see `shapeKey`; names only, never values). */
export function datesKey(table: number, kind: string, field: string, state: QueryState, flavor: SqlFlavor): string {
  return `${table}|d:${kind}:${field}${whereKey(state, flavor)}`
}

function whereKey(state: QueryState, flavor: SqlFlavor): string {
  let key = ''
  for (const group of state.where) {
    key += group.negated ? '!(' : '('
    for (const condition of group.conditions) key += `${conditionKey(condition, flavor)};`
    key += ')'
  }
  return key
}

function conditionKey(condition: Condition, flavor: SqlFlavor): string {
  switch (condition.lookup) {
    case 'never':
      return '0'
    case 'isnull':
      return `${condition.value ? 'null' : 'notnull'}:${condition.field.name}`
    case 'in':
      return `in${condition.values.length}:${condition.field.name}`
    case 'datePart':
      return `${condition.part}:${condition.field.name}`
    case 'text': {
      const values = flavor.textValues(condition.mode, condition.value).length
      return `${condition.insensitive ? 'i' : ''}${condition.mode}${values}:${condition.field.name}`
    }
    default:
      return `${condition.lookup}:${condition.field.name}`
  }
}

/** Check that a slice bound may be written into SQL as an integer literal, and return it. */
export function checkedIndex(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw errors.unsafeIndex(value)
  return value
}
