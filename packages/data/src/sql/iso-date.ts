/**
 * Reading the dates the SQLite flavor stores: `toISOString()` text such as
 * `2024-05-01T12:30:00.000Z`, or the day alone, `2024-05-01`, as a DATE column written by other
 * tools (Django's DateField among them) holds it. Reading that fixed layout digit by digit takes
 * about half the time of `new Date(text)`, which a page of rows pays once per date field; any
 * other text still goes to `new Date(text)`, so the result is always the same Date (a day alone
 * is midnight UTC, as `new Date()` reads it).
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
/** The layout `toISOString()` writes: a digit of field 0 to 6 (year … millisecond), or a separator. */
const LAYOUT = '0000-11-22T33:44:55.666Z'
/** The length of the day alone, `YYYY-MM-DD`: the layout's first places, the time fields left at 0. */
const DAY_LENGTH = 10
/** For each of the 24 places: the field its digit belongs to, or -1 for a separator. */
const FIELD_AT = Int8Array.from(LAYOUT, (char) => (char >= '0' && char <= '6' ? Number(char) : -1))
/** For each place: the separator's character code (unused where a digit goes). */
const CODE_AT = Uint8Array.from(LAYOUT, (char) => char.charCodeAt(0))
/** The fields being read (one text at a time: JavaScript runs one call at a time). */
const fields = new Int32Array(7)

/** Turn stored date text into a Date, reading the `toISOString()` layout directly. */
export function readIsoDate(text: string): Date {
  const time = isoTime(text)
  return new Date(Number.isNaN(time) ? text : time)
}

/** The time of `YYYY-MM-DDTHH:MM:SS.sssZ` or `YYYY-MM-DD` text (year 100 to 9999, a real calendar day), else NaN. */
function isoTime(text: string): number {
  const length = text.length
  if (length !== LAYOUT.length && length !== DAY_LENGTH) return Number.NaN
  // One small loop over the places: this runs for every date a page reads, and code reading
  // each place on its own line compiles to several KB (each charCodeAt() is inlined with its
  // string-kind dispatch), which costs more in instruction-cache misses than the loop's steps.
  for (let field = 0; field < 7; field++) fields[field] = 0
  for (let at = 0; at < length; at++) {
    const code = text.charCodeAt(at)
    const field = FIELD_AT[at] as number
    if (field < 0) {
      if (code !== CODE_AT[at]) return Number.NaN
    } else {
      const digit = code - 48
      if (digit < 0 || digit > 9) return Number.NaN
      fields[field] = (fields[field] as number) * 10 + digit
    }
  }
  const year = fields[0] as number
  const month = fields[1] as number
  const day = fields[2] as number
  const hour = fields[3] as number
  const minute = fields[4] as number
  const second = fields[5] as number
  // Date.UTC reads years 0 to 99 as 1900 to 1999, so those go to new Date() as well.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN
  // The arithmetic of Date.UTC, without its call into the runtime.
  const clock = ((hour * 60 + minute) * 60 + second) * 1000 + (fields[6] as number)
  return epochDay(year, month, day) * 86_400_000 + clock
}

/** Days from 1970-01-01 to a day of the proleptic Gregorian calendar (year 0 or later). */
function epochDay(year: number, month: number, day: number): number {
  // Years are counted from March here, so the leap day is the last day of a year: the days before
  // a month then follow one formula, and the calendar repeats every 400 years (146,097 days).
  const marchYear = month > 2 ? year : year - 1
  const cycle = Math.floor(marchYear / 400)
  const yearOfCycle = marchYear - cycle * 400
  const monthFromMarch = month > 2 ? month - 3 : month + 9
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1
  const dayOfCycle = yearOfCycle * 365 + Math.floor(yearOfCycle / 4) - Math.floor(yearOfCycle / 100) + dayOfYear
  // 719,468 days from 0000-03-01 to 1970-01-01.
  return cycle * 146_097 + dayOfCycle - 719_468
}

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number)
}
