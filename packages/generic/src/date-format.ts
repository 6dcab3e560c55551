/**
 * Reading the dates of archive URLs with the view's formats, as Python's `strptime` reads them
 * for the directives Django's date views use: `%Y` (four digits, 1 to 9999), `%G` (ISO year),
 * `%m` (1 to 12, zero optional), `%b` (English abbreviation, any case), `%d` (a real calendar
 * day), `%U`/`%W` (week 0 to 53, from Sunday/Monday), `%V` (ISO week 1 to 53) and `%w`/`%u`
 * (weekday). Anything else in the format must match literally; `undefined` when the text does not parse.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAY = 86_400_000

/** Midnight UTC of a calendar day (any year from 1 to 9999; month 1 to 12). */
export function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year)
  return date
}

interface Fields {
  year?: number
  isoYear?: number
  month?: number
  day?: number
  week?: number
  weekKind?: 'U' | 'W' | 'V'
  weekday?: number // 0 = Monday ... 6 = Sunday
}

/** Parse `text` with `format`; a Date at midnight UTC, or undefined when it does not parse. */
export function parseDate(text: string, format: string): Date | undefined {
  const fields: Fields = {}
  let at = 0
  for (let f = 0; f < format.length; f++) {
    const char = format[f]
    if (char !== '%' || f === format.length - 1) {
      if (text[at] !== char) return undefined
      at++
      continue
    }
    const directive = format[++f] as string
    const read = readDirective(text, at, directive, fields)
    if (read < 0) return undefined
    at = read
  }
  if (at !== text.length) return undefined
  return build(fields)
}

/** Read one directive at `at`; the position after it, or -1. */
function readDirective(text: string, at: number, directive: string, fields: Fields): number {
  const digits = (min: number, max: number) => {
    const match = /^\d+/.exec(text.slice(at, at + max))
    return match && match[0].length >= min ? match[0] : undefined
  }
  switch (directive) {
    case 'Y':
    case 'G': {
      const found = digits(4, 4)
      if (found === undefined) return -1
      if (directive === 'Y') fields.year = Number(found)
      else fields.isoYear = Number(found)
      return at + 4
    }
    case 'm':
    case 'd':
    case 'U':
    case 'W':
    case 'V': {
      const found = digits(1, 2)
      if (found === undefined) return -1
      const value = Number(found)
      if (directive === 'm') fields.month = value
      else if (directive === 'd') fields.day = value
      else {
        fields.week = value
        fields.weekKind = directive
      }
      return at + found.length
    }
    case 'b': {
      const month = MONTHS.indexOf(text.slice(at, at + 3).toLowerCase())
      if (month < 0) return -1
      fields.month = month + 1
      return at + 3
    }
    case 'w':
    case 'u': {
      const found = digits(1, 1)
      if (found === undefined) return -1
      const value = Number(found)
      if (directive === 'w' && value > 6) return -1
      if (directive === 'u' && (value < 1 || value > 7)) return -1
      // Both become 0 = Monday ... 6 = Sunday.
      fields.weekday = directive === 'w' ? (value + 6) % 7 : value - 1
      return at + 1
    }
    case '%':
      return text[at] === '%' ? at + 1 : -1
    default:
      return -1
  }
}

function build(fields: Fields): Date | undefined {
  const { week, weekKind } = fields
  if (week !== undefined && weekKind !== undefined) return weekDate(fields, week, weekKind)
  const year = fields.year
  if (year === undefined || year < 1) return undefined
  const month = fields.month ?? 1
  const day = fields.day ?? 1
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  return utcDate(year, month, day)
}

function weekDate(fields: Fields, week: number, kind: 'U' | 'W' | 'V'): Date | undefined {
  const weekday = fields.weekday ?? 0
  if (kind === 'V') {
    const year = fields.isoYear
    if (year === undefined || year < 1 || week < 1 || week > 53) return undefined
    // ISO week 1 holds 4 January; its Monday starts the count.
    const january4 = utcDate(year, 1, 4)
    const monday = january4.getTime() - ((january4.getUTCDay() + 6) % 7) * DAY
    return new Date(monday + ((week - 1) * 7 + weekday) * DAY)
  }
  const year = fields.year
  if (year === undefined || year < 1 || week > 53) return undefined
  const january1 = utcDate(year, 1, 1)
  // Week 1 starts on the year's first Sunday (%U) or Monday (%W); week 0 is the days before it,
  // reaching back into December when the week is counted from its first day.
  const firstDay = kind === 'U' ? 0 : 1
  const offset = (7 + firstDay - january1.getUTCDay()) % 7
  const start = january1.getTime() + offset * DAY
  const dayOfWeek = kind === 'U' ? (weekday + 1) % 7 : weekday
  const date = new Date(start + ((week - 1) * 7 + dayOfWeek) * DAY)
  return date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 ? date : undefined
}

/** The number of days of a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 ? (leap ? 29 : 28) : new Date(Date.UTC(2001, month, 0)).getUTCDate()
}
