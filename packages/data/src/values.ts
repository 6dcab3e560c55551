/**
 * Value conversion by field type, shared by every backend so they agree: a filter value is
 * turned into the field's type (`'12'` -> 12 for a number field) or marked INVALID.
 */
import type { FieldType } from './model.js'

/** Marks a value that cannot be converted to a field's type. */
export const INVALID: unique symbol = Symbol('invalid value')

/** Words used in "Field 'x' expected <word> but got 'y'." for each type. Django: Field.error_messages */
export const EXPECTED: Readonly<Record<FieldType, string>> = {
  string: 'a string',
  integer: 'a number',
  number: 'a number',
  boolean: 'a boolean',
  date: 'a date',
}

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const TRUE_WORDS = new Set(['true', 't', '1'])
const FALSE_WORDS = new Set(['false', 'f', '0'])

/** Convert a non-null value to `type`, or return INVALID. Django: Field.to_python */
export function toFieldValue(type: FieldType | undefined, value: unknown): unknown {
  switch (type) {
    case 'string':
      return toText(value)
    case 'integer':
      return toNumber(value, INTEGER)
    case 'number':
      return toNumber(value, DECIMAL)
    case 'boolean':
      return toBoolean(value)
    case 'date':
      return toDate(value)
    default:
      return value
  }
}

function toText(value: unknown): unknown {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  return INVALID
}

function toNumber(value: unknown, pattern: RegExp): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : INVALID
  if (typeof value === 'string' && pattern.test(value.trim())) return Number(value.trim())
  return INVALID
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === 0) return value === 1
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  if (word !== undefined && TRUE_WORDS.has(word)) return true
  if (word !== undefined && FALSE_WORDS.has(word)) return false
  return INVALID
}

function toDate(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? INVALID : value
  if (typeof value !== 'string') return INVALID
  const match = ISO_DATE.exec(value.trim())
  if (!match || !isCalendarDate(value.trim())) return INVALID
  // A date-time without an offset is read as UTC, so results never depend on the server's zone.
  const text = value.trim().replace(' ', 'T')
  const date = new Date(text.length > 10 && !match[1] ? `${text}Z` : text)
  return Number.isNaN(date.getTime()) ? INVALID : date
}

/** True when the YYYY-MM-DD part names a real day (JavaScript reads 2020-02-31 as March 2nd). */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))]
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12
}

/** Turn a stored value into something `<` compares the way SQLite does: dates as time, booleans as 0/1. */
export function sortKey(value: unknown, type: FieldType | undefined): unknown {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'boolean') return value ? 1 : 0
  if (type === 'date' && typeof value === 'string') return Date.parse(value)
  return value
}

/** Compare two non-null sort keys: numbers before strings (SQLite's rule), strings by code unit. */
export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  const left = String(a)
  const right = String(b)
  return left < right ? -1 : left > right ? 1 : 0
}
