/**
 * The controls a field renders as, and the HTML they are written in. Every value and attribute is
 * escaped (`&`, `<`, `>`, `"`, `'` as numeric entities), so what a user typed is shown, never run.
 */
import { escapeHtml } from '@manouche/core'
import type { FieldSpec } from './spec.js'

/** The control of a field: an `<input type>`, `textarea`, `select` or `select-multiple`. Django: Widget */
export type Widget =
  | 'text'
  | 'textarea'
  | 'select'
  | 'select-multiple'
  | 'checkbox'
  | 'number'
  | 'date'
  | 'datetime-local'
  | 'email'
  | 'url'
  | 'password'
  | 'hidden'
  | 'file'

/** Choose the control a field's type asks for. Django: Field.widget */
export function defaultWidget(spec: FieldSpec): Widget {
  if (spec.choices) return spec.kind === 'array' ? 'select-multiple' : 'select'
  if (spec.kind === 'boolean') return 'checkbox'
  if (spec.kind === 'integer' || spec.kind === 'number') return 'number'
  if (spec.format === 'date') return 'date'
  if (spec.format === 'date-time') return 'datetime-local'
  if (spec.format === 'email') return 'email'
  if (spec.format === 'uri') return 'url'
  return 'text'
}

/** What a control needs besides its field: its names, value, and whether it holds errors. */
export interface ControlState {
  readonly htmlName: string
  readonly id: string
  readonly value: unknown
  readonly invalid: boolean
  readonly errorId: string
}

/** Render the control of `spec` as `widget`, carrying `state.value`. Django: Widget.render */
export function renderControl(spec: FieldSpec, widget: Widget, state: ControlState): string {
  const common = {
    name: state.htmlName,
    id: state.id,
    required: spec.required && widget !== 'checkbox',
    'aria-invalid': state.invalid ? 'true' : undefined,
    'aria-describedby': state.invalid ? state.errorId : undefined,
  }
  if (widget === 'textarea') {
    const text = `\n${escapeHtml(displayValue(state.value, widget))}`
    return `<textarea${attributes({ ...common, maxlength: spec.maxLength })}>${text}</textarea>`
  }
  if (widget === 'select' || widget === 'select-multiple') return renderSelect(spec, widget, common, state.value)
  if (widget === 'checkbox')
    return `<input${attributes({ type: 'checkbox', ...common, checked: state.value === true })}>`
  const value = widget === 'file' || widget === 'password' ? '' : displayValue(state.value, widget)
  const step = widget === 'number' && spec.kind === 'number' ? 'any' : undefined
  return `<input${attributes({ type: widget, ...common, value: value === '' ? undefined : value, maxlength: spec.maxLength, step })}>`
}

/** Render messages as Django's `<ul class="errorlist">`, or nothing when there are none. Django: ErrorList.as_ul */
export function renderErrors(messages: readonly string[], id?: string, extraClass?: string): string {
  if (messages.length === 0) return ''
  const items = messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('')
  return `<ul${attributes({ class: extraClass ? `errorlist ${extraClass}` : 'errorlist', id })}>${items}</ul>`
}

/** Render `name="value"` pairs, escaped; `true` writes the bare name, `false` and undefined nothing. */
export function attributes(record: Record<string, string | number | boolean | undefined>): string {
  let html = ''
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined || value === false) continue
    html += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`
  }
  return html
}

function renderSelect(
  spec: FieldSpec,
  widget: Widget,
  common: Record<string, string | boolean | undefined>,
  value: unknown,
) {
  const chosen = new Set((Array.isArray(value) ? value : [value]).filter((v) => v != null).map((v) => String(v)))
  const choices = spec.choices ?? []
  const blank = widget === 'select' && !(spec.required && choices.some(([option]) => chosen.has(option)))
  const options = (blank ? [['', '---------'] as const, ...choices] : choices).map(
    ([option, label]) =>
      `<option${attributes({ value: option, selected: chosen.has(option) })}>${escapeHtml(label)}</option>`,
  )
  return `<select${attributes({ ...common, multiple: widget === 'select-multiple' })}>\n${options.join('\n')}\n</select>`
}

/** A value as a control shows it: a `Date` in the format its input type reads, anything else as text. */
function displayValue(value: unknown, widget: Widget): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value, widget)
  if (Array.isArray(value)) return value.map((item) => displayValue(item, widget)).join(', ')
  return String(value)
}

function formatDate(value: Date, widget: Widget): string {
  const iso = value.toISOString()
  if (widget === 'datetime-local') return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19)
  return widget === 'date' ? iso.slice(0, 10) : iso
}
