/**
 * One model's table in one database: turns a QueryState into SQL (bound parameters only;
 * identifiers come from the model, never from the caller) and rows into model instances.
 * Kysely builds each *shape* of query once (see shapes.ts), kept in the database's statement
 * cache; later states of that shape only have their values read into parameters. LIMIT and
 * OFFSET are integer literals, so the database plans them; each page offset is a shape of its own.
 */
import type { TimeZone } from '@manouche/core'
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import type { DateKind } from '../dates.js'
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
import type { SqlFlavor, ValueCodec } from './flavor.js'
import {
  bindParameters,
  checkedIndex,
  compileInsert,
  compileShape,
  datesKey,
  type QueryKind,
  type ShapeStatement,
  Slot,
  shapeKey,
} from './shapes.js'
import type { StatementCache } from './statement-cache.js'
import type { Transactions } from './transactions.js'

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time, from model metadata.
type AnyDb = any
type Builder = ExpressionBuilder<AnyDb, AnyDb>
type Select = SelectQueryBuilder<AnyDb, AnyDb, AnyDb>
type Row = Record<string, unknown>
/** The rows of a SELECT, each an array of its columns' values in the order selected (fresh arrays, the caller's to change). */
export type Rows = unknown[][]
/** What a table needs of its SqlDatabase. */
export interface TableDatabase {
  readonly kysely: Kysely<AnyDb>
  readonly flavor: SqlFlavor
  /** The database's one cache of compiled SELECTs, shared by its tables. */
  readonly statements: StatementCache
  /** Its transactions: what writes and `atomic()` run on. */
  readonly transactions: Transactions
  /** Run a cached statement that gives rows (see `SqlDatabase`): its rows, at once when the database can. */
  select(statement: ShapeStatement, parameters: readonly unknown[], oneRow: boolean): Rows | Promise<Rows>
}
/** Finds, in any state of the shape being compiled, the condition at the place of the one being built. */
type At = (state: QueryState) => Condition
type Compared = Extract<Condition, { lookup: keyof typeof COMPARISONS }>
type Text = Extract<Condition, { lookup: 'text' }>

interface Column {
  readonly field: FieldMeta
  readonly encode: ValueCodec
  readonly decode: ValueCodec
}

/** The SQL operator of each comparison lookup. */
const COMPARISONS = { exact: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const
const NO_ORDERING: readonly OrderTerm[] = Object.freeze([])
const countAll = (eb: Builder) => eb.fn.countAll().as('count')

/** A model's table in one database, with its columns and codecs. */
export class SqlTable<T> {
  readonly columnNames: readonly string[]
  private readonly columns: readonly Column[]
  private readonly encoders: ReadonlyMap<string, ValueCodec>
  private readonly decoders: ReadonlyMap<string, ValueCodec>

  constructor(
    readonly database: TableDatabase,
    readonly meta: ModelMeta,
    /** This table's number in its database, in its statements' keys (two models may share a table name). */
    private readonly id: number,
  ) {
    const { flavor } = database
    this.columns = meta.fields.map((field) => ({
      field,
      encode: flavor.encoder(field.type),
      decode: flavor.decoder(field.type),
    }))
    this.columnNames = meta.fields.map((field) => field.column)
    this.encoders = new Map(this.columns.map((column) => [column.field.column, column.encode]))
    this.decoders = new Map(this.columns.map((column) => [column.field.column, column.decode]))
  }

  /** Run the statement answering `kind` for `state`: its rows, at once when the database can. */
  select(kind: QueryKind, state: QueryState): Rows | Promise<Rows> {
    // A count, an exists() or a one-row slice (first(), last()) reads at most one row.
    const oneRow = kind !== 'select' || state.high === state.low + 1
    const statement = this.statement(kind, state)
    return this.database.select(statement, bindParameters(statement, state), oneRow)
  }

  /**
   * The distinct first days of the periods of `kind` holding a value of `field` among the rows
   * of `state`, in no particular order: one SELECT DISTINCT, no row read. Django: QuerySet.dates
   */
  dates(state: QueryState, field: FieldRef, kind: DateKind, zone: TimeZone): Date[] | Promise<Date[]> {
    const { flavor, statements } = this.database
    const key = datesKey(this.id, `${kind}@${zone.name}`, field.name, state, flavor)
    let statement = statements.get(key)
    if (statement === undefined) {
      const period = flavor.truncateDate(field.column, kind, zone).as('period')
      const from = this.database.kysely.selectFrom(this.meta.table).select(period).distinct()
      const query = this.where(from.where(field.column, 'is not', null), state)
      statement = compileShape(query.compile(), ['period'])
      if (statement.reusable) statements.set(key, statement)
    }
    const rows = this.database.select(statement, bindParameters(statement, state), false)
    const decode = flavor.decoder('date')
    const read = (found: Rows) => found.map(([value]) => decoded(decode, value) as Date)
    return rows instanceof Promise ? rows.then(read) : read(rows)
  }

  /** The statement answering `kind` for states of `state`'s shape: from the cache, else built by Kysely and kept. */
  private statement(kind: QueryKind, state: QueryState): ShapeStatement {
    const { flavor, statements } = this.database
    const ordering = kind === 'select' ? totalOrdering(this.meta, state) : NO_ORDERING
    const key = shapeKey(this.id, kind, state, ordering, flavor)
    let statement = statements.get(key)
    if (statement === undefined) {
      const columns = kind === 'count' ? ['count'] : kind === 'exists' ? ['found'] : this.selected(state.values)
      statement = compileShape(this.build(kind, state, ordering).compile(), columns)
      if (statement.reusable) statements.set(key, statement)
    }
    return statement
  }

  private selected(values: ValuesSelection | undefined): readonly string[] {
    return values ? values.fields.map((field) => field.column) : this.columnNames
  }

  private build(kind: QueryKind, state: QueryState, ordering: readonly OrderTerm[]): Select {
    const from = this.database.kysely.selectFrom(this.meta.table)
    if (kind === 'count') return this.where(from.select(countAll), state)
    if (kind === 'exists') {
      const query = this.where(from.select(sql`1`.as('found')), state)
      return this.limit(query, { ...state, high: state.low + 1 })
    }
    let query = this.where(from.select(this.selected(state.values)), state)
    for (const { field, descending } of ordering) {
      query = query.orderBy(field.column, (item) => this.database.flavor.order(item, descending, field.nullable))
    }
    return this.limit(query, state)
  }

  /**
   * Insert one row of column values (as `encodeRow` gives them) and build the saved instance from
   * the row the database returns. The INSERT of each set of columns is built by Kysely once and
   * kept in the database's statement cache, and runs the way the SELECTs run (on the spot on SQLite).
   */
  insertOne(row: Row): T | Promise<T> {
    const { statements } = this.database
    const key = `${this.id}|i:${Object.keys(row).join(',')}`
    let statement = statements.get(key)
    if (statement === undefined) {
      const slots = Object.keys(row).map(() => new Slot(() => undefined))
      const values = Object.fromEntries(Object.keys(row).map((column, at) => [column, slots[at]]))
      const query = this.database.kysely.insertInto(this.meta.table).values(values).returning(this.columnNames)
      // Reusable when Kysely binds the columns in the order given: a row's values in that order.
      statement = compileInsert(query.compile(), slots, this.columnNames)
      if (!statement.reusable) throw new Error(`Kysely reordered the columns of an INSERT into ${this.meta.table}`)
      statements.set(key, statement)
    }
    return this.insertedFrom(this.database.select(statement, Object.values(row), true))
  }

  private insertedFrom(rows: Rows | Promise<Rows>): T | Promise<T> {
    return rows instanceof Promise
      ? rows.then((found) => this.hydrate(found[0] as unknown[]))
      : this.hydrate(rows[0] as unknown[])
  }

  /** Build model instances from the rows of a `select` statement, in order. */
  hydrateAll(rows: Rows): T[] {
    const instances = new Array<T>(rows.length)
    for (let index = 0; index < rows.length; index++) instances[index] = this.hydrate(rows[index] as unknown[])
    return instances
  }

  /** Build a model instance from a row as an object keyed by column (as Kysely gives it). */
  fromRow(row: Row): T {
    return this.hydrate(this.columnNames.map((column) => row[column]))
  }

  /** The values of the rows of a `select` of `valuesList()`: an array per row, decoded as fields are, or the bare value when flat. */
  valuesAll(rows: Rows, { fields, flat }: ValuesSelection): unknown[] {
    const result = new Array<unknown>(rows.length)
    for (let at = 0; at < rows.length; at++) {
      const values = rows[at] as unknown[]
      for (let index = 0; index < fields.length; index++) {
        values[index] = decoded(this.decoders.get((fields[index] as FieldMeta).column), values[index])
      }
      result[at] = flat ? values[0] : values
    }
    return result
  }

  /** Build a model instance from a row's values, in model order: constructed with no arguments, then each field assigned. */
  private hydrate(values: readonly unknown[]): T {
    const instance = new this.meta.modelClass() as Row
    const columns = this.columns
    for (let index = 0; index < columns.length; index++) {
      const { field, decode } = columns[index] as Column
      instance[field.name] = decoded(decode, values[index])
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
      case 'in':
        return eb(
          column,
          'in',
          condition.values.map((_, k) => slot<{ values: readonly unknown[] }>((found) => found.values[k])),
        )
      case 'range': {
        const [low, high] = [0, 1].map((k) => slot<{ value: readonly unknown[] }>((found) => found.value[k]))
        return eb.between(column, low, high)
      }
      case 'text':
        return this.text(condition, at)
      case 'datePart': {
        const part = this.database.flavor.datePart(column, condition.part)
        return sql<SqlBool>`${part} = ${new Slot((state) => (at(state) as { value: number }).value)}`
      }
      default: {
        const value = slot<Compared>((found) => found.value)
        return eb(column, COMPARISONS[condition.lookup], value)
      }
    }
  }

  private text(condition: Text, at: At): Expression<SqlBool> {
    const { field, mode, insensitive, value } = condition
    const { flavor } = this.database
    const values = (state: QueryState) => flavor.textValues(mode, (at(state) as Text).value)
    const slots = flavor.textValues(mode, value).map((_, k) => new Slot((state) => values(state)[k]))
    return flavor.textMatch(field.column, mode, insensitive, slots)
  }

  private limit(query: Select, { low, high }: QueryState): Select {
    const { limitForOffset } = this.database.flavor
    let limited = query
    if (high !== undefined) limited = limited.limit(sql.lit(checkedIndex(high - low)))
    else if (low > 0 && limitForOffset !== undefined) limited = limited.limit(sql.lit(offsetLimit(limitForOffset)))
    return low > 0 ? limited.offset(sql.lit(checkedIndex(low))) : limited
  }
}

/** A flavor's LIMIT for an OFFSET with no end, checked to be an integer SQL can take. */
function offsetLimit(limit: number): number {
  if (!Number.isSafeInteger(limit)) throw errors.unsafeIndex(limit)
  return limit
}

/** A stored value as its field holds it: decoded unless NULL, and NULL (never undefined) when missing. */
function decoded(decode: ValueCodec, value: unknown): unknown {
  return decode && value !== null && value !== undefined ? decode(value) : (value ?? null)
}
