/**
 * The PostgreSQL flavor, for `new SqlDatabase(new PostgresDialect({ pool }))`: native booleans and
 * timestamps, LIKE with escaped wildcards (case-sensitive there), `lower()` for the `i` lookups,
 * and explicit NULLS FIRST/LAST so NULLs sort as in SQLite and MemoryQuerySet.
 */
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
  type OrderByItemBuilder,
  type QueryExecutorProvider,
  type SqlBool,
  sql,
} from 'kysely'
import type { DatePart } from '../dates.js'
import type { FieldMeta, FieldType } from '../model.js'
import type { TextMode } from '../query.js'
import { commonConstraints, escapeLike, type SqlFlavor } from './flavor.js'

const COLUMN_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'text',
  integer: 'integer',
  number: 'double precision',
  boolean: 'boolean',
  date: 'timestamptz',
}

/** The PostgreSQL flavor (the `pg` driver returns `timestamptz` as Date and booleans as booleans). */
export const postgresFlavor: SqlFlavor = {
  name: 'postgres',
  limitForOffset: undefined,
  columnType: (field) => (field.autoIncrement ? 'serial' : COLUMN_TYPES[field.type]) as ColumnDataType,
  column: (field: FieldMeta, column: ColumnDefinitionBuilder) => commonConstraints(field, column),
  encoder: () => undefined,
  decoder: (type) => (type === 'number' ? toNumber : undefined),
  textValues: postgresTextValues,
  textMatch: postgresTextMatch,
  order: postgresOrder,
  followExplicitKeys: postgresFollowExplicitKeys,
  datePart: postgresDatePart,
  // The zone's name is one Intl resolved (letters, digits, '/', '_', '+', '-'), written as a literal.
  truncateDate: (column, kind, zone) => sql`date_trunc(${sql.lit(kind)}, ${sql.ref(column)}, ${sql.lit(zone.name)})`,
}

const PART_FIELDS: Readonly<Record<DatePart, string>> = {
  year: 'year',
  month: 'month',
  day: 'day',
  week: 'week',
  week_day: 'dow',
}

function postgresDatePart(column: string, part: DatePart): Expression<number> {
  const value = sql<number>`extract(${sql.raw(PART_FIELDS[part])} from ${sql.ref(column)} at time zone 'UTC')::integer`
  // dow counts from 0 (Sunday); Django's week_day from 1.
  return part === 'week_day' ? sql<number>`(${value} + 1)` : value
}

function postgresTextValues(mode: TextMode, needle: string): readonly unknown[] {
  if (mode === 'exact') return [needle]
  const escaped = escapeLike(needle)
  return [mode === 'contains' ? `%${escaped}%` : mode === 'startswith' ? `${escaped}%` : `%${escaped}`]
}

function postgresTextMatch(
  column: string,
  mode: TextMode,
  insensitive: boolean,
  [pattern]: readonly unknown[],
): Expression<SqlBool> {
  const subject = insensitive ? sql`lower(${sql.ref(column)})` : sql.ref(column)
  if (mode === 'exact') return sql<SqlBool>`${subject} = ${pattern}`
  return sql<SqlBool>`${subject} like ${pattern} escape '\\'`
}

// PostgreSQL puts NULLs last when ascending; say where they go only when a column may hold them,
// so an index on a NOT NULL column still serves the ORDER BY.
function postgresOrder(item: OrderByItemBuilder, descending: boolean, nullable: boolean): OrderByItemBuilder {
  if (!nullable) return descending ? item.desc() : item.asc()
  return descending ? item.desc().nullsLast() : item.asc().nullsFirst()
}

/** Set the key's sequence so its next value is one past the table's greatest key (1 when empty). */
async function postgresFollowExplicitKeys(db: QueryExecutorProvider, table: string, column: string): Promise<void> {
  const quoted = table
    .split('.')
    .map((part) => `"${part}"`)
    .join('.')
  const sequence = sql`pg_get_serial_sequence(${quoted}, ${column})`
  await sql`select setval(${sequence}, coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(
    db,
  )
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' ? Number(value) : value
}
