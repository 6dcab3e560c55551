/**
 * The Standard Schema `modelForm()` builds from a model's `@Field`s: `validate()` turns browser
 * strings into each field's type with Django's messages, and `jsonSchema.input()` describes the
 * fields (types, formats, `maxLength`, choices) so the form renders the matching controls.
 */
import type { FieldMeta } from '@manouche/data'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { choiceLabel, choiceValue, cleanModelValue } from './model-values.js'
import type { Widget } from './widgets.js'

/** A Standard Schema that also answers the Standard JSON Schema `input()` call. */
export interface ModelSchema extends StandardSchemaV1<Record<string, unknown>> {
  readonly '~standard': StandardSchemaV1.Props<Record<string, unknown>> & {
    readonly jsonSchema: { input(options?: unknown): Record<string, unknown> }
  }
}

/** Build the schema of `fields`; `widgets` says which date fields are `datetime-local`. */
export function modelSchema(fields: readonly FieldMeta[], widgets: Readonly<Record<string, Widget>>): ModelSchema {
  const dateTime = (field: FieldMeta) => widgets[field.name] === 'datetime-local'
  return {
    '~standard': {
      version: 1,
      vendor: 'manouche',
      validate: (input) => validate(fields, input, dateTime),
      jsonSchema: { input: () => describe(fields, dateTime) },
    },
  }
}

function validate(
  fields: readonly FieldMeta[],
  input: unknown,
  dateTime: (field: FieldMeta) => boolean,
): StandardSchemaV1.Result<Record<string, unknown>> {
  if (typeof input !== 'object' || input === null) return { issues: [{ message: 'Expected an object.' }] }
  const value: Record<string, unknown> = {}
  const issues: StandardSchemaV1.Issue[] = []
  for (const field of fields) {
    const cleaned = cleanModelValue(field, (input as Record<string, unknown>)[field.name], dateTime(field))
    if ('error' in cleaned) issues.push({ message: cleaned.error, path: [field.name] })
    else value[field.name] = cleaned.value
  }
  return issues.length ? { issues } : { value }
}

function describe(fields: readonly FieldMeta[], dateTime: (field: FieldMeta) => boolean): Record<string, unknown> {
  const properties = Object.fromEntries(fields.map((field) => [field.name, property(field, dateTime(field))]))
  const required = fields.filter((field) => !field.nullable && field.type !== 'boolean').map((field) => field.name)
  return { type: 'object', properties, required }
}

function property(field: FieldMeta, dateTime: boolean): Record<string, unknown> {
  const initial = typeof field.default === 'function' ? undefined : field.default
  const base: Record<string, unknown> = {
    type: field.type === 'date' ? 'string' : field.type,
    ...(field.type === 'date' ? { format: dateTime ? 'date-time' : 'date' } : {}),
    ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
    ...(initial === undefined ? {} : { default: initial }),
  }
  if (!field.choices) return base
  return { ...base, oneOf: field.choices.map((choice) => ({ const: choiceValue(choice), title: choiceLabel(choice) })) }
}
