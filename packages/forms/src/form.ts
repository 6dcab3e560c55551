/**
 * `Form`: fields declared by a Standard Schema object schema, bound to what a browser sent (or
 * not), validated once by `isValid()`, and rendered escaped with what the user typed.
 * Django: django.forms.Form
 */
import { ValidationError } from '@manouche/data'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { BoundField } from './bound-field.js'
import { errors as formErrors } from './errors.js'
import { type FieldSpec, specsOf } from './spec.js'
import { type FormInput, readField, type UploadedFile } from './values.js'
import { defaultWidget, renderErrors, type Widget } from './widgets.js'

/** The key of the errors that belong to the whole form. Django: NON_FIELD_ERRORS */
export const NON_FIELD_ERRORS = '__all__'

/** What a form is built with; a form with `data` (or `files`) is bound. Django: Form.__init__ */
export interface FormOptions {
  /** The submitted fields, by HTML name; a repeated key as an array. */
  data?: Readonly<Record<string, unknown>>
  files?: Readonly<Record<string, UploadedFile | readonly UploadedFile[]>>
  /** Values an unbound form shows, by field name. */
  initial?: Readonly<Record<string, unknown>>
  /** Sent names become `prefix-name`, so two forms can share a page. */
  prefix?: string
  /** The object a model form edits. */
  instance?: object
}

/** The static side of a form class, as the form reads it. */
export interface FormClass {
  readonly name: string
  readonly schema?: StandardSchemaV1
  readonly fields?: readonly string[]
  readonly labels?: Readonly<Record<string, string>>
  readonly widgets?: Readonly<Record<string, Widget>>
  readonly prefix?: string
}

/**
 * A form: subclass it with `static schema = z.object({...})`; `static fields` narrows or orders the
 * fields, `static labels` names them, `static widgets` chooses their controls. Django: Form
 */
export class Form<T extends object = Record<string, unknown>> {
  /** The Standard Schema object schema whose keys are the fields. */
  static schema: StandardSchemaV1 | undefined = undefined
  /** The fields to show and validate, in order; default: every key of the schema. Django: Meta.fields */
  static fields: readonly string[] | undefined = undefined
  /** Labels by field name; default: the name in words (`publicationDate` -> `Publication date`). */
  static labels: Readonly<Record<string, string>> | undefined = undefined
  /** Controls by field name; default: the one the field's type asks for. Django: Meta.widgets */
  static widgets: Readonly<Record<string, Widget>> | undefined = undefined
  /** The prefix of every form of the class, unless the constructor is given one. Django: Form.prefix */
  static prefix: string | undefined = undefined

  /** True when the form was given data (or files) to validate. Django: is_bound */
  readonly isBound: boolean
  readonly data: Readonly<Record<string, unknown>>
  readonly files: Readonly<Record<string, UploadedFile | readonly UploadedFile[]>>
  readonly initial: Readonly<Record<string, unknown>>
  readonly prefix: string | undefined
  readonly instance: object | undefined
  readonly #errors: Record<string, string[]> = {}
  #cleaned: T | undefined = undefined
  #validation: Promise<void> | undefined = undefined
  #validated = false

  constructor(options: FormOptions = {}) {
    this.isBound = options.data !== undefined || options.files !== undefined
    this.data = options.data ?? {}
    this.files = options.files ?? {}
    this.initial = options.initial ?? {}
    this.prefix = options.prefix ?? this.#class.prefix
    this.instance = options.instance
    specsOf(this.#class)
  }

  /** The field names, in order. */
  get fieldNames(): readonly string[] {
    return this.#specs.map((spec) => spec.name)
  }

  /** Validate the bound data once (later calls give the same answer); false for an unbound form. Django: Form.is_valid */
  async isValid(): Promise<boolean> {
    if (!this.isBound) return false
    this.#validation ??= this.#fullClean()
    await this.#validation
    return Object.keys(this.#errors).length === 0
  }

  /** The messages of each field that has some, and of the whole form under `'__all__'`. Django: Form.errors */
  get errors(): Readonly<Record<string, readonly string[]>> {
    if (this.isBound && !this.#validated) throw formErrors.notValidated(this.#class.name, 'errors')
    return this.#errors
  }

  /** The schema's output, once `isValid()` resolved true. Django: Form.cleaned_data */
  get cleanedData(): T {
    if (this.#cleaned === undefined) throw formErrors.notValidated(this.#class.name, 'cleanedData')
    return this.#cleaned
  }

  /**
   * Add `error` to `field`'s messages (`null`: the whole form's) and drop the field from
   * `cleanedData`. A `ValidationError` given with `null` spreads its fields' messages. Django: Form.add_error
   */
  addError(field: string | null, error: string | readonly string[] | ValidationError): void {
    if (error instanceof ValidationError && field === null) {
      for (const [name, messages] of Object.entries(error.errors)) this.#add(this.#knownOrAll(name), messages)
      return
    }
    const messages = error instanceof ValidationError ? Object.values(error.errors).flat() : error
    if (field !== null && !this.fieldNames.includes(field)) throw formErrors.unknownField(this.#class.name, field)
    this.#add(field ?? NON_FIELD_ERRORS, typeof messages === 'string' ? [messages] : messages)
  }

  /** True when `field` (`null`: the whole form) has messages. Django: Form.has_error */
  hasError(field: string | null): boolean {
    return (this.errors[field ?? NON_FIELD_ERRORS]?.length ?? 0) > 0
  }

  /** The messages of the whole form. Django: Form.non_field_errors */
  nonFieldErrors(): readonly string[] {
    return this.errors[NON_FIELD_ERRORS] ?? []
  }

  /** The field `name` with its value and errors. Django: form[name] */
  field(name: string): BoundField {
    const spec = this.#specs.find((candidate) => candidate.name === name)
    if (!spec) throw formErrors.unknownField(this.#class.name, name)
    return this.#bind(spec)
  }

  /** Every field with its value and errors, in order. Django: iter(form) */
  *[Symbol.iterator](): IterableIterator<BoundField> {
    for (const spec of this.#specs) yield this.#bind(spec)
  }

  /** The name `field` is sent under: `prefix-field` with a prefix. Django: Form.add_prefix */
  addPrefix(field: string): string {
    return this.prefix ? `${this.prefix}-${field}` : field
  }

  /** True when a field is a file, so the `<form>` needs `enctype="multipart/form-data"`. Django: Form.is_multipart */
  isMultipart(): boolean {
    return this.#specs.some((spec) => this.#widget(spec) === 'file')
  }

  /** Render the form's errors, then each field in a `<div>` (label, errors, control), escaped. Django: Form.as_div */
  asDiv(): string {
    const fields = [...this].map((field) => field.asDiv())
    return [renderErrors(this.nonFieldErrors(), undefined, 'nonfield'), ...fields].filter(Boolean).join('\n')
  }

  /** The form as `asDiv()` renders it. Django: Form.__str__ */
  toString(): string {
    return this.asDiv()
  }

  /**
   * Check the schema's output as a whole, after every field passed: call `addError()`, or throw a
   * `ValidationError`; may be async. Django: Form.clean
   */
  protected clean(_cleanedData: T): void | Promise<void> {}

  get #class(): FormClass {
    return this.constructor as FormClass
  }

  get #specs(): readonly FieldSpec[] {
    return specsOf(this.#class)
  }

  #widget(spec: FieldSpec): Widget {
    return this.#class.widgets?.[spec.name] ?? defaultWidget(spec)
  }

  #bind(spec: FieldSpec): BoundField {
    const widget = this.#widget(spec)
    const htmlName = this.addPrefix(spec.name)
    const input: FormInput = { data: this.data, files: this.files }
    const reading = this.isBound ? readField(spec, widget, htmlName, input) : undefined
    const bound = reading && 'value' in reading ? reading.value : lastValue(this.data[htmlName])
    return new BoundField({
      spec,
      widget,
      htmlName,
      label: this.#class.labels?.[spec.name] ?? spec.title ?? prettyName(spec.name),
      value: this.isBound ? bound : (this.initial[spec.name] ?? spec.default),
      errors: this.isBound ? (this.errors[spec.name] ?? []) : [],
    })
  }

  async #fullClean(): Promise<void> {
    const input: Record<string, unknown> = {}
    const unreadable = new Set<string>()
    const bound: FormInput = { data: this.data, files: this.files }
    for (const spec of this.#specs) {
      const reading = readField(spec, this.#widget(spec), this.addPrefix(spec.name), bound)
      if ('error' in reading) {
        unreadable.add(spec.name)
        this.#add(spec.name, [reading.error])
      } else if (reading.value !== undefined) input[spec.name] = reading.value
    }
    const result = await (this.#class.schema as StandardSchemaV1)['~standard'].validate(input)
    if (result.issues) this.#addIssues(result.issues, unreadable)
    else if (Object.keys(this.#errors).length === 0) await this.#clean(result.value as T)
    this.#validated = true
  }

  async #clean(output: T): Promise<void> {
    this.#cleaned = output
    try {
      await this.clean(output)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      this.addError(null, error)
    }
  }

  /** Add the schema's issues by field; a field that could not be read keeps that error alone (the schema saw no value). */
  #addIssues(issues: readonly StandardSchemaV1.Issue[], unreadable: ReadonlySet<string>): void {
    for (const issue of issues) {
      const first = issue.path?.[0]
      const key = typeof first === 'object' ? first.key : first
      const field = key === undefined ? NON_FIELD_ERRORS : this.#knownOrAll(String(key))
      if (unreadable.has(field)) continue
      const where = field === NON_FIELD_ERRORS && key !== undefined ? `${String(key)}: ` : ''
      this.#add(field, [`${where}${issue.message}`])
    }
  }

  #knownOrAll(name: string): string {
    return this.fieldNames.includes(name) ? name : NON_FIELD_ERRORS
  }

  #add(field: string, messages: readonly string[]): void {
    if (messages.length === 0) return
    this.#errors[field] = [...(this.#errors[field] ?? []), ...messages]
    if (this.#cleaned && field in this.#cleaned) delete (this.#cleaned as Record<string, unknown>)[field]
  }
}

/** What a field sent twice shows again: the last value, as Django's QueryDict gives. */
function lastValue(raw: unknown): unknown {
  return Array.isArray(raw) ? raw[raw.length - 1] : raw
}

/** `publicationDate` or `publication_date` -> `Publication date`. Django: pretty_name */
export function prettyName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
