/**
 * The date parts of the `__year`, `__month`, `__day`, `__week` and `__week_day` lookups and the
 * periods of `dates()`, computed in JavaScript for MemoryQuerySet and as the reference the SQL
 * flavors must agree with. Every part is read in UTC, as the databases store dates.
 * Django: django.db.models.functions.datetime (Extract*, Trunc*)
 */

import { TimeZone } from '@manouche/core'
import { errors } from './errors.js'

/** A part of a date a lookup compares: `week` is the ISO-8601 week, `week_day` 1 (Sunday) to 7 (Saturday). */
export type DatePart = 'year' | 'month' | 'day' | 'week' | 'week_day'

/** The period `dates()` truncates to: weeks start on Monday, as in Django. */
export type DateKind = 'year' | 'month' | 'week' | 'day'

/** The lookups naming a date part. */
export const DATE_PARTS: ReadonlySet<string> = new Set<DatePart>(['year', 'month', 'day', 'week', 'week_day'])

/** The kinds `dates()` accepts. */
export const DATE_KINDS: readonly DateKind[] = ['year', 'month', 'week', 'day']

const DAY = 86_400_000

/** What `dates()` takes besides the field, the kind and the order. */
export interface DatesOptions {
  /** The zone whose calendar decides the periods (an IANA name or a `TimeZone`); default UTC. */
  timeZone?: TimeZone | string
}

/** The value of `part` of a date, in UTC. */
export function datePart(date: Date, part: DatePart): number {
  switch (part) {
    case 'year':
      return date.getUTCFullYear()
    case 'month':
      return date.getUTCMonth() + 1
    case 'day':
      return date.getUTCDate()
    case 'week_day':
      return date.getUTCDay() + 1
    case 'week':
      return isoWeek(date)
  }
}

/** The ISO-8601 week number (1 to 53): week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  // The Thursday of the same Monday-to-Sunday week decides the week's year.
  const thursday = day + (3 - ((new Date(day).getUTCDay() + 6) % 7)) * DAY
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1)
  return Math.floor((thursday - yearStart) / DAY / 7) + 1
}

/**
 * The first day of the period of `kind` holding `date`: midnight UTC, or the instant that day
 * begins in `zone` (days, weeks, months and years as that zone's calendar has them). Django: Trunc
 */
export function truncate(date: Date, kind: DateKind, zone?: TimeZone): Date {
  if (zone === undefined || zone.isUtc) return truncateUtc(date, kind)
  return zone.startOf(truncateUtc(zone.dayOf(date), kind))
}

function truncateUtc(date: Date, kind: DateKind): Date {
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const day = date.getUTCDate()
  if (kind === 'year') return utcDay(year, 0, 1)
  if (kind === 'month') return utcDay(year, month, 1)
  const midnight = utcDay(year, month, day)
  if (kind === 'day') return midnight
  const sinceMonday = (midnight.getUTCDay() + 6) % 7
  return new Date(midnight.getTime() - sinceMonday * DAY)
}

function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month, day))
  date.setUTCFullYear(year)
  return date
}

/**
 * `dates()`'s answer from values of the field already read (nulls skipped): the distinct first
 * days of their periods of `kind`, sorted `order`. A view that holds a query's rows lists their
 * periods with it instead of asking the database again.
 */
export function periodsOf(values: readonly unknown[], kind: DateKind, order: 'ASC' | 'DESC', zone?: TimeZone): Date[] {
  checkDatesArguments(kind, order)
  const found: Date[] = []
  for (const value of values) if (value !== null && value !== undefined) found.push(truncate(value as Date, kind, zone))
  return sortedDistinct(found, order)
}

/** The distinct dates of `found`, sorted `order`. */
export function sortedDistinct(found: readonly Date[], order: 'ASC' | 'DESC'): Date[] {
  const times = [...new Set(found.map((date) => date.getTime()))].sort((a, b) => a - b)
  if (order === 'DESC') times.reverse()
  return times.map((time) => new Date(time))
}

/** `dates()`'s checks of its kind and order, with Django's messages. */
export function checkDatesArguments(kind: DateKind, order: 'ASC' | 'DESC'): void {
  if (!DATE_KINDS.includes(kind)) throw errors.datesKind()
  if (order !== 'ASC' && order !== 'DESC') throw errors.datesOrder()
}
