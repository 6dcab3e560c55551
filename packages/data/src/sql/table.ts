/**
 * One model's table in one database: turns a QueryState into Kysely queries (bound parameters
 * only; identifiers come from the model, never from the caller) and rows into model instances.
 * Built once per model and database, so per-query work is only what the query itself needs.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import { errors } from '../errors.js'
import type { FieldMeta, ModelMeta } from '../model.js'
import { type Condition, type QueryState, totalOrdering, type WhereGroup } from '../query.js'
import { EXPECTED, INVALID, toFieldValue } from '../values.js'
import type { SqlFlavor, ValueCodec } from './flavor.js'

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time, from model metadata.
type AnyDb = any
type Builder = ExpressionBuilder<AnyDb, AnyDb>
type Select = SelectQueryBuilder<AnyDb, AnyDb, AnyDb>
type Row = Record<string, unknown>

interface Column {
  readonly field: FieldMeta
  readonly encode: ValueCodec
  readonly decode: ValueCodec
}

/** A model's table in one database, with its columns, codecs and query compilation. */
export class SqlTable<T> {
  readonly columnNames: readonly string[]
  private readonly columns: readonly Column[]
  private readonly encoders: ReadonlyMap<string, ValueCodec>

  constructor(
    readonly db: Kysely<AnyDb>,
    readonly flavor: SqlFlavor,
    readonly meta: ModelMeta,
  ) {
    this.columns = meta.fields.map((field) => ({
      field,
      encode: flavor.encoder(field.type),
      decode: flavor.decoder(field.type),
    }))
    this.columnNames = meta.fields.map((field) => field.column)
    this.encoders = new Map(this.columns.map((column) => [column.field.column, column.encode]))
  }

  /** SELECT the model's columns, filtered, ordered and sliced as `state` says. */
  select(state: QueryState): Select {
    let query = this.where(this.db.selectFrom(this.meta.table).select(this.columnNames), state)
    for (const { field, descending } of totalOrdering(this.meta, state)) {
      query = query.orderBy(field.column, (item) => this.flavor.order(item, descending, field.nullable))
    }
    return this.limit(query, state)
  }

  /** SELECT count(*) of the rows matching `state`'s conditions (its slice is applied by the caller). */
  count(state: QueryState): Select {
    return this.where(
      this.db.selectFrom(this.meta.table).select((eb) => eb.fn.countAll().as('count')),
      state,
    )
  }

  /** SELECT 1 of the first matching row inside `state`'s slice. */
  exists(state: QueryState): Select {
    const query = this.where(this.db.selectFrom(this.meta.table).select(sql`1`.as('found')), state)
    return this.limit(query, { ...state, high: state.low + 1 })
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
    return query.where((eb) => eb.and(state.where.map((group) => this.group(eb, group))))
  }

  private group(eb: Builder, { negated, conditions }: WhereGroup): Expression<SqlBool> {
    if (!negated) return eb.and(conditions.map((condition) => this.condition(eb, condition)))
    // Django's exclude(): a NULL column is "not equal", so guard nullable columns against SQL's UNKNOWN.
    return eb.not(eb.and(conditions.map((condition) => this.guarded(eb, condition))))
  }

  private guarded(eb: Builder, condition: Condition): Expression<SqlBool> {
    const expression = this.condition(eb, condition)
    if (condition.lookup === 'never' || condition.lookup === 'isnull' || !condition.field.nullable) return expression
    return eb.and([expression, eb(condition.field.column, 'is not', null)])
  }

  private condition(eb: Builder, condition: Condition): Expression<SqlBool> {
    if (condition.lookup === 'never') return sql<SqlBool>`1 = 0`
    const column = condition.field.column
    const encode = (value: unknown) => this.encode(column, value)
    switch (condition.lookup) {
      case 'isnull':
        return eb(column, condition.value ? 'is' : 'is not', null)
      case 'exact':
        return eb(column, '=', encode(condition.value))
      case 'gt':
        return eb(column, '>', encode(condition.value))
      case 'gte':
        return eb(column, '>=', encode(condition.value))
      case 'lt':
        return eb(column, '<', encode(condition.value))
      case 'lte':
        return eb(column, '<=', encode(condition.value))
      case 'in':
        return eb(column, 'in', condition.values.map(encode))
      case 'range':
        return eb.between(column, encode(condition.value[0]), encode(condition.value[1]))
      case 'text':
        return this.flavor.textMatch(column, condition.mode, condition.insensitive, condition.value)
    }
  }

  private encode(column: string, value: unknown): unknown {
    const encode = this.encoders.get(column)
    return encode ? encode(value) : value
  }

  private limit(query: Select, { low, high }: QueryState): Select {
    let limited = query
    if (high !== undefined) limited = limited.limit(high - low)
    else if (low > 0 && this.flavor.limitForOffset !== undefined) limited = limited.limit(this.flavor.limitForOffset)
    return low > 0 ? limited.offset(low) : limited
  }
}
