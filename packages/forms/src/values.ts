/**
 * Reading one field from what a browser sent: the value under its HTML name (or its file), one
 * value where one is expected, a checkbox's presence as a boolean, a number typed as text as a
 * number. What cannot be read is left for the schema to reject with its own message; a key sent
 * twice for a single-valued field is an error here, since the browser never does that.
 */
import type { UploadedFile } from '@manouche/core'
import type { FieldSpec } from './spec.js'
import type { Widget } from './widgets.js'

export type { UploadedFile }

/** What a form is bound to: the body's fields (a repeated key as an array) and its files. */
export interface FormInput {
  readonly data: Readonly<Record<string, unknown>>
  readonly files: Readonly<Record<string, UploadedFile | readonly UploadedFile[]>>
}

/** A field's value, or why it cannot be read. */
export type Reading = { value: unknown } | { error: string }

/** Read the field `spec` (shown as `widget`) under `key` from the bound input. Django: Widget.value_from_datadict */
export function readField(spec: FieldSpec, widget: Widget, key: string, input: FormInput): Reading {
  const source: Readonly<Record<string, unknown>> = widget === 'file' ? input.files : input.data
  const raw = Object.hasOwn(source, key) ? source[key] : undefined
  if (spec.kind === 'array') return { value: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw] }
  if (widget === 'file') return single(raw)
  const reading = single(raw)
  if ('error' in reading) return reading
  if (spec.kind === 'boolean') return { value: checkbox(reading.value) }
  return { value: typed(spec, reading.value) }
}

function single(raw: unknown): Reading {
  if (!Array.isArray(raw)) return { value: raw }
  if (raw.length <= 1) return { value: raw[0] }
  return { error: `Enter a single value (this field was sent ${raw.length} times).` }
}

/** A checkbox sends its value when ticked and nothing otherwise; `false` is also read as unticked. Django: CheckboxInput */
function checkbox(value: unknown): boolean {
  if (typeof value === 'string') return value !== '' && value.toLowerCase() !== 'false'
  return Boolean(value)
}

/** Empty text is no value (`null` where the schema takes it); digits typed into a number field are a number. */
function typed(spec: FieldSpec, value: unknown): unknown {
  if (value === undefined || value === '') {
    if (spec.nullable) return null
    return value === '' && spec.kind === 'string' && spec.required ? '' : undefined
  }
  if (typeof value !== 'string') return value
  if (spec.kind !== 'integer' && spec.kind !== 'number') return value
  const number = value.trim() === '' ? Number.NaN : Number(value)
  return Number.isFinite(number) ? number : value
}
