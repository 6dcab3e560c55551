/**
 * A field of a form with its data: the names it is sent under, its label, the value it shows (what
 * the user typed on a bound form, the initial value on an unbound one) and its errors, rendered one
 * piece at a time for hand-written markup. Django: BoundField
 */
import { escapeHtml } from '@manouche/core'
import type { FieldSpec } from './spec.js'
import { attributes, renderControl, renderErrors, type Widget } from './widgets.js'

/** What a bound field is built from; the form fills it. */
export interface BoundFieldInit {
  readonly spec: FieldSpec
  readonly widget: Widget
  readonly htmlName: string
  readonly label: string
  readonly value: unknown
  readonly errors: readonly string[]
}

/** One field of a form, with its value and errors. Django: BoundField */
export class BoundField {
  /** The field's name in the schema. */
  readonly name: string
  /** The name the browser sends it under: `prefix-name` when the form has a prefix. Django: html_name */
  readonly htmlName: string
  /** The control's `id`: `id_` and the HTML name. Django: auto_id */
  readonly id: string
  readonly label: string
  /** What the control shows: the submitted value on a bound form (as typed), else the initial one. */
  readonly value: unknown
  /** This field's messages; empty when it has none. */
  readonly errors: readonly string[]
  /** The control it renders as. */
  readonly widget: Widget
  readonly #spec: FieldSpec

  constructor(init: BoundFieldInit) {
    this.name = init.spec.name
    this.htmlName = init.htmlName
    this.id = `id_${init.htmlName}`
    this.label = init.label
    this.value = init.value
    this.errors = init.errors
    this.widget = init.widget
    this.#spec = init.spec
  }

  /** True when the field must be filled in. */
  get required(): boolean {
    return this.#spec.required
  }

  /** Render `<label for="…">Label:</label>`, escaped. Django: BoundField.label_tag */
  labelTag(): string {
    return `<label${attributes({ for: this.id })}>${escapeHtml(this.label)}:</label>`
  }

  /** Render the control (`<input>`, `<textarea>` or `<select>`) with the value, escaped. Django: BoundField.as_widget */
  control(): string {
    return renderControl(this.#spec, this.widget, {
      htmlName: this.htmlName,
      id: this.id,
      value: this.value,
      invalid: this.errors.length > 0,
      errorId: `${this.id}_error`,
    })
  }

  /** Render the errors as `<ul class="errorlist">`, or nothing. Django: BoundField.errors */
  errorList(): string {
    return renderErrors(this.errors, `${this.id}_error`)
  }

  /** Render label, errors and control in a `<div>` (a hidden field: the control alone). Django: Form.as_div */
  asDiv(): string {
    if (this.widget === 'hidden') return this.control()
    return `<div>${this.labelTag()}\n${this.errorList()}${this.control()}</div>`
  }

  /** The control, so `<%~ it.form.field('title') %>` renders it. Django: BoundField.__str__ */
  toString(): string {
    return this.control()
  }
}
