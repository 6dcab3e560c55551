/**
 * The SQLite flavor: dates as ISO-8601 text (which sorts like time), booleans as 0/1, text
 * lookups with `instr()`/`substr()` (SQLite's LIKE ignores ASCII case, so it cannot do `contains`),
 * and case folding by JavaScript's `toLowerCase()` so results equal MemoryQuerySet's.
 */
import { TimeZone } from '@manouche/core'
import type BetterSqlite3 from 'better-sqlite3'
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  type Expression,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import { type DateKind, type DatePart, truncate } from '../dates.js'
import type { FieldMeta, FieldType } from '../model.js'
import type { TextMode } from '../query.js'
import { commonConstraints, type SqlFlavor, type ValueCodec } from './flavor.js'
import { readIsoDate } from './iso-date.js'

/** The SQL function `openSqlite` installs so case-insensitive lookups fold case like JavaScript. */
export const SQLITE_LOWER = 'manouche_lower'

const COLUMN_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'text',
  integer: 'integer',
  number: 'real',
  boolean: 'integer',
  date: 'text',
}

const encoders: Readonly<Record<FieldType, ValueCodec>> = {
  string: undefined,
  integer: undefined,
  number: undefined,
  boolean: (value) => (value === null ? null : value ? 1 : 0),
  date: (value) => (value instanceof Date ? value.toISOString() : value),
}

const decoders: Readonly<Record<FieldType, ValueCodec>> = {
  string: undefined,
  integer: undefined,
  number: undefined,
  boolean: (value) => (value === null ? null : value !== 0),
  date: (value) => (value === null ? null : typeof value === 'string' ? readIsoDate(value) : new Date(value as number)),
}

/** The SQLite flavor; its case-insensitive lookups need the `manouche_lower` function (see `installSqliteFunctions`). */
export const sqliteFlavor: SqlFlavor = {
  name: 'sqlite',
  limitForOffset: -1,
  columnType: (field) => COLUMN_TYPES[field.type] as ColumnDataType,
  column: (field: FieldMeta, column: ColumnDefinitionBuilder) => {
    const constrained = commonConstraints(field, column)
    return field.autoIncrement ? constrained.autoIncrement() : constrained
  },
  encoder: (type) => encoders[type],
  decoder: (type) => decoders[type],
  textValues: sqliteTextValues,
  textMatch: sqliteTextMatch,
  order: (item, descending) => (descending ? item.desc() : item.asc()),
  datePart: sqliteDatePart,
  truncateDate: sqliteTruncateDate,
}

// strftime() reads the stored ISO text (its `Z` included) and formats it in UTC.
const PART_FORMATS: Readonly<Record<DatePart, string>> = {
  year: '%Y',
  month: '%m',
  day: '%d',
  week: '%V',
  week_day: '%w',
}

function sqliteDatePart(column: string, part: DatePart): Expression<number> {
  const value = sql<number>`cast(strftime(${sql.lit(PART_FORMATS[part])}, ${sql.ref(column)}) as integer)`
  // %w counts from 0 (Sunday); Django's week_day from 1.
  return part === 'week_day' ? sql<number>`(${value} + 1)` : value
}

/** The SQL function `openSqlite` installs to truncate a date in a time zone other than UTC. */
export const SQLITE_TRUNCATE = 'manouche_truncate'

function sqliteTruncateDate(column: string, kind: DateKind, zone: TimeZone): RawBuilder<unknown> {
  const ref = sql.ref(column)
  // SQLite knows no time zone but UTC: another zone's calendar is JavaScript's, row by row inside the one query.
  if (!zone.isUtc) return sql`${sql.raw(SQLITE_TRUNCATE)}(${ref}, ${sql.lit(kind)}, ${sql.lit(zone.name)})`
  if (kind === 'year') return sql`strftime('%Y-01-01', ${ref})`
  if (kind === 'month') return sql`strftime('%Y-%m-01', ${ref})`
  if (kind === 'day') return sql`date(${ref})`
  // To the next Sunday (the same day if it is one), then back to that week's Monday.
  return sql`date(${ref}, 'weekday 0', '-6 days')`
}

function sqliteTextValues(mode: TextMode, needle: string): readonly unknown[] {
  // endswith compares the last N characters; SQLite counts characters as code points, like [...s].
  return mode === 'endswith' ? [[...needle].length, needle] : [needle]
}

function sqliteTextMatch(
  column: string,
  mode: TextMode,
  insensitive: boolean,
  values: readonly unknown[],
): Expression<SqlBool> {
  const subject = insensitive ? sql`${sql.raw(SQLITE_LOWER)}(${sql.ref(column)})` : sql.ref(column)
  const [needle] = values
  if (mode === 'contains') return sql<SqlBool>`instr(${subject}, ${needle}) > 0`
  if (mode === 'startswith') return sql<SqlBool>`instr(${subject}, ${needle}) = 1`
  if (mode === 'exact') return sql<SqlBool>`${subject} = ${needle}`
  // endswith: the values are the suffix's length and the suffix. Starting past the end gives ''
  // (an empty suffix matches any text); a suffix longer than the text never equals substr()'s.
  const [length, suffix] = values
  return sql<SqlBool>`substr(${subject}, length(${subject}) + 1 - ${length}) = ${suffix}`
}

/** Install the SQL functions the SQLite flavor relies on into a better-sqlite3 database. */
export function installSqliteFunctions(database: BetterSqlite3.Database): void {
  database.function(SQLITE_LOWER, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  // The zones this database's statements name (one, as a rule), each built once.
  const zones = new Map<string, TimeZone>()
  database.function(SQLITE_TRUNCATE, { deterministic: true }, (value: unknown, kind: unknown, name: unknown) => {
    if (typeof value !== 'string') return null
    let zone = zones.get(name as string)
    if (zone === undefined) {
      zone = new TimeZone(name as string)
      zones.set(zone.name, zone)
    }
    return truncate(readIsoDate(value), kind as DateKind, zone).toISOString()
  })
}
