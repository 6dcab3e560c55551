/**
 * The backend boundary of the SQL QuerySet: what differs between databases (column types, value
 * encoding, text matching, NULL ordering) lives in a `SqlFlavor`; everything else is Kysely's
 * query builder, which already speaks each dialect. A new database needs a Kysely dialect and a flavor.
 */
import type { TimeZone } from '@manouche/core'
import type {
  ColumnDataType,
  ColumnDefinitionBuilder,
  Expression,
  OrderByItemBuilder,
  QueryExecutorProvider,
  RawBuilder,
  SqlBool,
} from 'kysely'
import type { DateKind, DatePart } from '../dates.js'
import type { FieldMeta, FieldType } from '../model.js'
import type { TextMode } from '../query.js'

/** Convert one value on its way into or out of the database; `undefined` means "as is". */
export type ValueCodec = ((value: unknown) => unknown) | undefined

/** How one database stores fields and matches text. */
export interface SqlFlavor {
  readonly name: string
  /** `LIMIT` to send with an `OFFSET` and no end (SQLite needs one; -1 means "all"). */
  readonly limitForOffset: number | undefined
  /** The column type of a field in CREATE TABLE. */
  columnType(field: FieldMeta): ColumnDataType
  /** Add constraints to a column: primary key, auto-increment, NOT NULL, UNIQUE. */
  column(field: FieldMeta, column: ColumnDefinitionBuilder): ColumnDefinitionBuilder
  /** The codec turning a typed value into what the driver binds. */
  encoder(type: FieldType): ValueCodec
  /** The codec turning what the driver returns into a typed value. */
  decoder(type: FieldType): ValueCodec
  /**
   * The values a text lookup binds, in the order `textMatch` uses them, made from its needle
   * (already lower-cased when the lookup is case-insensitive).
   */
  textValues(mode: TextMode, needle: string): readonly unknown[]
  /**
   * The condition of a text lookup. `values` stand for `textValues()`'s: place each in a `sql`
   * template, where it becomes a bound parameter; the SQL must not depend on what they hold,
   * since it is compiled once and reused for every needle.
   */
  textMatch(column: string, mode: TextMode, insensitive: boolean, values: readonly unknown[]): Expression<SqlBool>
  /** A date part of a date column, in UTC, as an integer (`week` ISO-8601, `week_day` 1 = Sunday). */
  datePart(column: string, part: DatePart): Expression<number>
  /**
   * A date column truncated to the first day of its period of `kind` (weeks from Monday) in `zone`:
   * the instant that day begins there; read with `decoder('date')`.
   */
  truncateDate(column: string, kind: DateKind, zone: TimeZone): RawBuilder<unknown>
  /** Order one term, putting NULLs first when ascending and last when descending (SQLite's rule). */
  order(item: OrderByItemBuilder, descending: boolean, nullable: boolean): OrderByItemBuilder
  /**
   * After an insert gave explicit values to an auto-increment key: make the next generated key
   * follow the greatest one (PostgreSQL's sequences do not see explicit values). Absent: nothing to do.
   */
  followExplicitKeys?(db: QueryExecutorProvider, table: string, column: string): Promise<void>
}

/** Escape LIKE's wildcards (`%`, `_`) and its escape character so a value matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&')
}

/** The constraints every flavor shares; `autoIncrement` adds the dialect's own keyword. */
export function commonConstraints(field: FieldMeta, column: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  if (field.primaryKey) return column.primaryKey()
  const required = field.nullable ? column : column.notNull()
  return field.unique ? required.unique() : required
}
