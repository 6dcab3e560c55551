/**
 * Turning what a browser sends into a model field's type, with Django's messages: whole numbers,
 * numbers, checkboxes, `<input type="date">` and `datetime-local` values (checked against the
 * calendar: no 30 February), `maxLength` and `choices`.
 */
import type { FieldChoice, FieldMeta } from '@manouche/data'

/** A clean value, or the message saying why there is none. */
export type Cleaned = { value: unknown } | { error: string }

const REQUIRED = 'This field is required.'
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/

/** Clean `raw` for `field`; `dateTime` says the field is shown as `datetime-local`. Django: Field.clean */
export function cleanModelValue(field: FieldMeta, raw: unknown, dateTime: boolean): Cleaned {
  if (field.type === 'boolean') return { value: typeof raw === 'string' ? raw !== '' && raw !== 'false' : Boolean(raw) }
  const text = typeof raw === 'string' ? (field.type === 'string' ? raw.trim() : raw) : raw
  if (text === undefined || text === null || text === '') return field.nullable ? { value: null } : { error: REQUIRED }
  const cleaned = toType(field, text, dateTime)
  if ('error' in cleaned || !field.choices) return cleaned
  return inChoices(field.choices, cleaned.value)
}

function toType(field: FieldMeta, value: unknown, dateTime: boolean): Cleaned {
  switch (field.type) {
    case 'integer':
      return toInteger(value)
    case 'number':
      return toNumber(value)
    case 'date':
      return toDate(value, dateTime)
    default:
      return toText(value, field.maxLength)
  }
}

function toInteger(value: unknown): Cleaned {
  const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value
  return Number.isSafeInteger(number) ? { value: number } : { error: 'Enter a whole number.' }
}

function toNumber(value: unknown): Cleaned {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? { value: number } : { error: 'Enter a number.' }
}

function toText(value: unknown, maxLength: number | undefined): Cleaned {
  if (typeof value === 'object') return { error: 'Enter a valid value.' }
  const text = String(value)
  if (maxLength !== undefined && text.length > maxLength) {
    return { error: `Ensure this value has at most ${maxLength} characters (it has ${text.length}).` }
  }
  return { value: text }
}

function toDate(value: unknown, dateTime: boolean): Cleaned {
  const date = value instanceof Date ? value : typeof value === 'string' ? parseDate(value) : undefined
  if (date && !Number.isNaN(date.getTime())) return { value: date }
  return { error: dateTime ? 'Enter a valid date/time.' : 'Enter a valid date.' }
}

/** Read `2024-02-03` or `2024-02-03T10:30[:15[.250]]` as UTC; undefined when the calendar has no such day or time. */
function parseDate(text: string): Date | undefined {
  const match = DATE.exec(text) ?? DATE_TIME.exec(text)
  if (!match) return undefined
  const [year, month, day, hours = 0, minutes = 0, seconds = 0] = match.slice(1, 7).map((part) => Number(part ?? 0))
  const millis = Number((match[7] ?? '0').padEnd(3, '0'))
  const date = new Date(0)
  date.setUTCFullYear(year as number, (month as number) - 1, day)
  date.setUTCHours(hours, minutes, seconds, millis)
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hours &&
    date.getUTCMinutes() === minutes &&
    date.getUTCSeconds() === seconds
  return same && (year as number) >= 1 ? date : undefined
}

function inChoices(choices: readonly FieldChoice[], value: unknown): Cleaned {
  const match = choices.map(choiceValue).find((choice) => String(choice) === String(value))
  if (match !== undefined) return { value: match }
  const shown = String(value).length > 100 ? `${String(value).slice(0, 100)}...` : String(value)
  return { error: `Select a valid choice. ${shown} is not one of the available choices.` }
}

/** The value of a choice given alone or as `[value, label]`. */
export function choiceValue(choice: FieldChoice): string | number | boolean {
  return Array.isArray(choice) ? choice[0] : (choice as string | number | boolean)
}

/** The label of a choice: its own, or its value as text. */
export function choiceLabel(choice: FieldChoice): string {
  return Array.isArray(choice) ? choice[1] : String(choice)
}
