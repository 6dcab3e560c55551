/**
 * One model's table in one database: turns a QueryState into SQL (bound parameters only;
 * identifiers come from the model, never from the caller) and rows into model instances.
 * Kysely builds each *shape* of query once (see compiled.ts); later states of that shape only
 * have their values read into parameters. LIMIT and OFFSET are integer literals, so the
 * database plans them; each page offset is then a shape of its own, in a bounded cache.
 */
import {
  type CompiledQuery,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import { errors } from '../errors.js'
import type { FieldMeta, ModelMeta } from '../model.js'
import {
  type Condition,
  type FieldRef,
  type OrderTerm,
  type QueryState,
  totalOrdering,
  type ValuesSelection,
  type WhereGroup,
} from '../query.js'
import { EXPECTED, INVALID, toFieldValue } from '../values.js'
import {
  bindParameters,
  bindShape,
  type CompiledShape,
  checkedIndex,
  compileShape,
  type QueryKind,
  Slot,
  shapeKey,
} from './compiled.js'
import type { SqlFlavor, ValueCodec } from './flavor.js'
import { LruCache } from './lru.js'

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time, from model metadata.
type AnyDb = any
type Builder = ExpressionBuilder<AnyDb, AnyDb>
type Select = SelectQueryBuilder<AnyDb, AnyDb, AnyDb>
type Row = Record<string, unknown>
/** Runs a compiled SELECT through Kysely; each row comes back as an object keyed by column. */
export type SelectRunner = (query: CompiledQuery) => Promise<readonly unknown[]>
/**
 * Runs a SELECT in the calling turn when the database can, giving rows as arrays; else
 * undefined. `oneRow`: the statement gives at most one row.
 */
export type SyncSelectRunner = (
  sql: string,
  parameters: readonly unknown[],
  oneRow: boolean,
) => readonly unknown[] | undefined
/** Finds, in any state of the shape being compiled, the condition at the place of the one being built. */
type At = (state: QueryState) => Condition
type Compared = { readonly value: unknown }
type Ranged = { readonly value: readonly [unknown, unknown] }
type Listed = { readonly values: readonly unknown[] }
type Text = Extract<Condition, { lookup: 'text' }>

interface Column {
  readonly field: FieldMeta
  readonly encode: ValueCodec
  readonly decode: ValueCodec
}

/** How many shapes of query a table keeps compiled (each page offset of a list is one). */
export const SHAPE_CACHE_SIZE = 256
const NO_ORDERING: readonly OrderTerm[] = Object.freeze([])
const countAll = (eb: Builder) => eb.fn.countAll().as('count')

/** A model's table in one database, with its columns, codecs and compiled queries. */
export class SqlTable<T> {
  readonly columnNames: readonly string[]
  private readonly columns: readonly Column[]
  private readonly encoders: ReadonlyMap<string, ValueCodec>
  private readonly decoders: ReadonlyMap<string, ValueCodec>
  private readonly shapes = new LruCache<string, CompiledShape>(SHAPE_CACHE_SIZE)
  private readonly byState = new WeakMap<QueryState, Partial<Record<QueryKind, CompiledShape>>>()

  constructor(
    readonly db: Kysely<AnyDb>,
    readonly flavor: SqlFlavor,
    readonly meta: ModelMeta,
    private readonly select: SelectRunner,
    private readonly selectNow: SyncSelectRunner = () => undefined,
  ) {
    this.columns = meta.fields.map((field) => ({
      field,
      encode: flavor.encoder(field.type),
      decode: flavor.decoder(field.type),
    }))
    this.columnNames = meta.fields.map((field) => field.column)
    this.encoders = new Map(this.columns.map((column) => [column.field.column, column.encode]))
    this.decoders = new Map(this.columns.map((column) => [column.field.column, column.decode]))
  }

  /** Run the statement answering `kind` for `state` through Kysely and return its rows (objects). */
  run(kind: QueryKind, state: QueryState): Promise<readonly unknown[]> {
    return this.select(this.statement(kind, state))
  }

  /** Run it in this turn when the database can (no promise to wait for), else return undefined. */
  runNow(kind: QueryKind, state: QueryState): readonly unknown[] | undefined {
    // A count, an exists() or a one-row slice (first(), last()) reads at most one row.
    const oneRow = kind !== 'select' || state.high === state.low + 1
    const shape = this.shape(kind, state)
    return this.selectNow(shape.sql, bindParameters(shape, state), oneRow)
  }

  /** The statement answering `kind` for `state`: built by Kysely once per shape, then only bound. */
  statement(kind: QueryKind, state: QueryState): CompiledQuery {
    return bindShape(this.shape(kind, state), state)
  }

  private shape(kind: QueryKind, state: QueryState): CompiledShape {
    // A state object met before (a QuerySet a view derives the same way on every request)
    // skips building its shape key.
    const known = this.byState.get(state)?.[kind]
    if (known !== undefined) return known
    const ordering = kind === 'select' ? totalOrdering(this.meta, state) : NO_ORDERING
    const key = shapeKey(kind, state, ordering, this.flavor)
    let shape = this.shapes.get(key)
    if (shape === undefined) {
      shape = compileShape(this.build(kind, state, ordering).compile())
      if (shape.reusable) this.shapes.set(key, shape)
    }
    if (shape.reusable) this.byState.set(state, { ...this.byState.get(state), [kind]: shape })
    return shape
  }

  private build(kind: QueryKind, state: QueryState, ordering: readonly OrderTerm[]): Select {
    const from = this.db.selectFrom(this.meta.table)
    if (kind === 'count') return this.where(from.select(countAll), state)
    if (kind === 'exists') {
      const query = this.where(from.select(sql`1`.as('found')), state)
      return this.limit(query, { ...state, high: state.low + 1 })
    }
    const columns = state.values ? state.values.fields.map((field) => field.column) : this.columnNames
    let query = this.where(from.select(columns), state)
    for (const { field, descending } of ordering) {
      query = query.orderBy(field.column, (item) => this.flavor.order(item, descending, field.nullable))
    }
    return this.limit(query, state)
  }

  /** Build model instances from the rows of a `select` statement, in order. */
  hydrateAll(rows: readonly unknown[]): T[] {
    const instances = new Array<T>(rows.length)
    const arrays = Array.isArray(rows[0])
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]
      instances[index] = arrays ? this.fromValues(row as readonly unknown[]) : this.hydrate(row as Row)
    }
    return instances
  }

  /** The values of the rows of a `select` of `valuesList()`: an array per row, decoded as fields are, or the bare value when flat. */
  valuesAll(rows: readonly unknown[], { fields, flat }: ValuesSelection): unknown[] {
    const result = new Array<unknown>(rows.length)
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at]
      // Arrays come from the on-the-spot runner (fresh ones, ours to fill); objects from Kysely.
      const values = Array.isArray(row) ? row : fields.map((field) => (row as Row)[field.column])
      for (let index = 0; index < fields.length; index++) {
        values[index] = decoded(this.decoders.get((fields[index] as FieldRef).column), values[index])
      }
      result[at] = flat ? values[0] : values
    }
    return result
  }

  /** Build a model instance from a row: constructed with no arguments, then each field assigned. */
  hydrate(row: Row): T {
    const instance = new this.meta.modelClass() as Row
    for (const { field, decode } of this.columns) {
      const value = row[field.column]
      instance[field.name] = decode && value !== null && value !== undefined ? decode(value) : (value ?? null)
    }
    return instance as T
  }

  /** Build a model instance from a row's values, in the order `select` lists the columns. */
  private fromValues(values: readonly unknown[]): T {
    const instance = new this.meta.modelClass() as Row
    const columns = this.columns
    for (let index = 0; index < columns.length; index++) {
      const { field, decode } = columns[index] as Column
      const value = values[index]
      instance[field.name] = decode && value !== null && value !== undefined ? decode(value) : (value ?? null)
    }
    return instance as T
  }

  /** Turn an object into column values for INSERT, checking and converting each field. */
  encodeRow(values: Row): Row {
    const row: Row = {}
    for (const { field, encode } of this.columns) {
      const raw = values[field.name]
      if (raw === null || raw === undefined) {
        if (field.autoIncrement) continue
        if (!field.nullable) throw errors.nullField(this.meta.objectName, field.name)
        row[field.column] = null
        continue
      }
      const value = toFieldValue(field.type, raw)
      if (value === INVALID) throw errors.invalidValue(field.name, EXPECTED[field.type], raw)
      row[field.column] = encode ? encode(value) : value
    }
    return row
  }

  private where(query: Select, state: QueryState): Select {
    if (state.where.length === 0) return query
    return query.where((eb) => eb.and(state.where.map((group, index) => this.group(eb, group, index))))
  }

  private group(eb: Builder, { negated, conditions }: WhereGroup, index: number): Expression<SqlBool> {
    const at =
      (place: number): At =>
      (state) =>
        (state.where[index] as WhereGroup).conditions[place] as Condition
    if (!negated) return eb.and(conditions.map((condition, place) => this.condition(eb, condition, at(place))))
    // Django's exclude(): a NULL column is "not equal", so guard nullable columns against SQL's UNKNOWN.
    return eb.not(eb.and(conditions.map((condition, place) => this.guarded(eb, condition, at(place)))))
  }

  private guarded(eb: Builder, condition: Condition, at: At): Expression<SqlBool> {
    const expression = this.condition(eb, condition, at)
    if (condition.lookup === 'never' || condition.lookup === 'isnull' || !condition.field.nullable) return expression
    return eb.and([expression, eb(condition.field.column, 'is not', null)])
  }

  /** Build one condition with a Slot, never a value, wherever a value is bound. */
  private condition(eb: Builder, condition: Condition, at: At): Expression<SqlBool> {
    if (condition.lookup === 'never') return sql<SqlBool>`1 = 0`
    const column = condition.field.column
    const encode = this.encoders.get(column)
    const slot = <C>(pick: (condition: C) => unknown) =>
      new Slot(encode ? (state) => encode(pick(at(state) as C)) : (state) => pick(at(state) as C))
    switch (condition.lookup) {
      case 'isnull':
        return eb(column, condition.value ? 'is' : 'is not', null)
      case 'exact':
        return eb(
          column,
          '=',
          slot<Compared>((found) => found.value),
        )
      case 'gt':
        return eb(
          column,
          '>',
          slot<Compared>((found) => found.value),
        )
      case 'gte':
        return eb(
          column,
          '>=',
          slot<Compared>((found) => found.value),
        )
      case 'lt':
        return eb(
          column,
          '<',
          slot<Compared>((found) => found.value),
        )
      case 'lte':
        return eb(
          column,
          '<=',
          slot<Compared>((found) => found.value),
        )
      case 'in':
        return eb(
          column,
          'in',
          condition.values.map((_, k) => slot<Listed>((found) => found.values[k])),
        )
      case 'range': {
        const [low, high] = [0, 1].map((k) => slot<Ranged>((found) => found.value[k]))
        return eb.between(column, low, high)
      }
      case 'text':
        return this.text(condition, at)
    }
  }

  private text(condition: Text, at: At): Expression<SqlBool> {
    const { field, mode, insensitive, value } = condition
    const values = (state: QueryState) => this.flavor.textValues(mode, (at(state) as Text).value)
    const slots = this.flavor.textValues(mode, value).map((_, k) => new Slot((state) => values(state)[k]))
    return this.flavor.textMatch(field.column, mode, insensitive, slots)
  }

  private limit(query: Select, { low, high }: QueryState): Select {
    let limited = query
    if (high !== undefined) limited = limited.limit(sql.lit(checkedIndex(high - low)))
    else if (low > 0 && this.flavor.limitForOffset !== undefined) limited = limited.limit(sql.lit(this.offsetLimit()))
    return low > 0 ? limited.offset(sql.lit(checkedIndex(low))) : limited
  }

  private offsetLimit(): number {
    const limit = this.flavor.limitForOffset as number
    if (!Number.isSafeInteger(limit)) throw errors.unsafeIndex(limit)
    return limit
  }
}

/** A stored value as its field holds it: decoded unless NULL, and NULL (never undefined) when missing. */
function decoded(decode: ValueCodec, value: unknown): unknown {
  return decode && value !== null && value !== undefined ? decode(value) : (value ?? null)
}
