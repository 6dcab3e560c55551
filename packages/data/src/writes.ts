/**
 * Writes, shared by every backend: values are checked against the model's fields before a
 * backend sees them (a wrong type, a missing non-nullable field, a string over `maxLength`, a
 * value not in `choices`, an unknown field), so a backend only ever stores typed values of known
 * fields. Every problem of one call is reported at once, in one `ValidationError`.
 * Django: Model.full_clean, QuerySet.create / update / delete / get_or_create / bulk_create, Model.save
 */
import { ValidationError } from './errors.js'
import type { FieldChoice, FieldMeta, ModelMeta } from './model.js'
import { INVALID, toFieldValue } from './values.js'

/** Values keyed by field name. */
export type Values = Record<string, unknown>

/** What each write checks: all fields of a new object, the given ones of an update, or every field of a saved object. */
type Mode = 'create' | 'update' | 'save'

/** How a type is named in "Expected a number but got 'abc'." */
const WANTED = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  date: 'a date',
} as const

/**
 * The typed values of a new object: each field's value checked and converted, a missing one taken
 * from its `default` (a function is called), an automatic pk left out when not given. Throws
 * ValidationError naming the model and every field at fault.
 */
export function cleanForCreate(meta: ModelMeta, values: Values): Values {
  return clean(meta, values, 'create')
}

/** The typed values of an `update()`: only the given fields, none of them unknown. */
export function cleanForUpdate(meta: ModelMeta, values: Values): Values {
  return clean(meta, values, 'update')
}

/** The typed values of every field of `object` (other properties ignored), for `save()`. */
export function cleanForSave(meta: ModelMeta, object: object): Values {
  return clean(meta, object as Values, 'save')
}

function clean(meta: ModelMeta, values: Values, mode: Mode): Values {
  if (typeof values !== 'object' || values === null) {
    throw new ValidationError({ __all__: ['Expected an object of field values.'] }, { model: meta.objectName })
  }
  const problems: Record<string, string[]> = {}
  const cleaned: Values = {}
  if (mode !== 'save') {
    for (const key of Object.keys(values)) {
      if (key !== 'pk' && !meta.fields.some((field) => field.name === key)) problems[key] = ['Unknown field.']
    }
  }
  const given = mode === 'save' ? values : withPk(meta, values)
  for (const field of meta.fields) {
    const present = field.name in given && given[field.name] !== undefined
    if (!present && mode === 'update') continue
    const raw = present ? given[field.name] : defaultOf(field)
    if (raw === undefined || raw === null) {
      if (field.autoIncrement && mode !== 'update') continue
      if (field.nullable) cleaned[field.name] = null
      else problems[field.name] = [present || raw === null ? 'This field cannot be null.' : 'This field is required.']
      continue
    }
    const value = typed(field, raw)
    const problem = value === INVALID ? `Expected ${WANTED[field.type]} but got ${show(raw)}.` : check(field, value)
    if (problem) problems[field.name] = [problem]
    else cleaned[field.name] = value
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems, { model: meta.objectName })
  return cleaned
}

/** The values with `pk` read as the primary key's name. */
function withPk(meta: ModelMeta, values: Values): Values {
  return 'pk' in values ? { ...values, [meta.pk]: values.pk, pk: undefined } : values
}

function defaultOf(field: FieldMeta): unknown {
  return typeof field.default === 'function' ? (field.default as () => unknown)() : field.default
}

/** The value as the field's type, or INVALID. Strict where a conversion would hide a mistake: a string field takes strings only, an integer field whole numbers. */
function typed(field: FieldMeta, raw: unknown): unknown {
  if (field.type === 'string') return typeof raw === 'string' ? raw : INVALID
  const value = toFieldValue(field.type, raw)
  if (field.type === 'integer' && typeof value === 'number' && !Number.isSafeInteger(value)) return INVALID
  // A number field given a Date or a boolean given 'yes' are INVALID already; copy dates so the caller's stay theirs.
  return value instanceof Date ? new Date(value.getTime()) : value
}

/** Django's messages for a value over `maxLength` or not among `choices`. */
function check(field: FieldMeta, value: unknown): string | undefined {
  if (field.maxLength !== undefined && typeof value === 'string' && value.length > field.maxLength) {
    return `Ensure this value has at most ${field.maxLength} characters (it has ${value.length}).`
  }
  if (field.choices !== undefined && !field.choices.some((choice) => choiceValue(choice) === value)) {
    return `Value ${show(value)} is not a valid choice.`
  }
  return undefined
}

function choiceValue(choice: FieldChoice): unknown {
  return Array.isArray(choice) ? choice[0] : choice
}

/** The ValidationError of a unique value already taken, in Django's words. Django: Model.unique_error_message */
export function uniqueError(meta: ModelMeta, field: FieldMeta): ValidationError {
  const model = meta.verboseName.charAt(0).toUpperCase() + meta.verboseName.slice(1)
  const name = field.primaryKey ? 'ID' : field.name
  return new ValidationError(
    { [field.name]: [`${model} with this ${name} already exists.`] },
    { model: meta.objectName },
  )
}

/** A new instance of the model holding `values`. */
export function instanceOf<T>(meta: ModelMeta, values: Values): T {
  return Object.assign(new meta.modelClass() as object, values) as T
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'object'}`
  return String(value)
}
