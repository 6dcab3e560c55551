/**
 * `modelForm(Model, { fields })`: a form class built from a model's `@Field`s, whose `save()`
 * creates the object (or updates `instance`) through a QuerySet. Django: ModelForm, modelform_factory
 */
import { type FieldMeta, type ModelClass, type ModelMeta, modelMeta, ValidationError } from '@manouche/data'
import { errors } from './errors.js'
import { Form, type FormOptions } from './form.js'
import { modelSchema } from './model-schema.js'
import type { Widget } from './widgets.js'

/** What `save()` needs of a QuerySet: `create()` and `save()`, as `@manouche/data` QuerySets give. */
export interface WritableQuerySet<M> {
  create(values: Partial<M>): Promise<M>
  save(object: M): Promise<M>
}

/** Options of `modelForm()`. Django: ModelForm.Meta */
export interface ModelFormOptions {
  /** The model fields the form edits, in order, or `'__all__'`: every field but an automatic pk. */
  fields: readonly string[] | '__all__'
  labels?: Readonly<Record<string, string>>
  /** Controls by field name (`'textarea'`, `'datetime-local'`…). */
  widgets?: Readonly<Record<string, Widget>>
}

/** A form editing objects of a model: its initial values come from `instance`. Django: ModelForm */
export class ModelForm<M extends object = Record<string, unknown>> extends Form<Partial<M>> {
  /** The model the form edits. Django: Meta.model */
  static model: ModelClass | undefined = undefined
  declare readonly instance: M | undefined

  constructor(options: FormOptions = {}) {
    const formClass = new.target as typeof ModelForm
    const fields = modelMeta(formClass.model)?.fields.filter((field) => formClass.fields?.includes(field.name)) ?? []
    const fromModel = options.instance ? valuesOf(options.instance, fields) : defaultsOf(fields)
    super({ ...options, initial: { ...fromModel, ...options.initial } })
  }

  /**
   * Create the object from `cleanedData` (or update `instance` with it) through `queryset`, after a
   * valid `isValid()`. A `ValidationError` from the QuerySet (a unique value taken) is added to the
   * form's errors and thrown again. Django: ModelForm.save
   */
  async save(queryset: WritableQuerySet<M>): Promise<M> {
    const model = modelMeta((this.constructor as typeof ModelForm).model)?.objectName ?? 'object'
    const valid = this.isBound && (await this.isValid())
    if (!valid) throw errors.invalidSave(model, this.instance ? 'changed' : 'created')
    try {
      if (!this.instance) return await queryset.create(this.cleanedData)
      // Save a changed copy: the instance may be the very object a MemoryQuerySet holds, which a
      // failed save (a unique value taken) must leave as it was.
      const changed = Object.assign(
        Object.create(Object.getPrototypeOf(this.instance)),
        this.instance,
        this.cleanedData,
      )
      await queryset.save(changed)
      return Object.assign(this.instance, this.cleanedData)
    } catch (error) {
      if (error instanceof ValidationError) this.addError(null, error)
      throw error
    }
  }
}

/** The class `modelForm()` returns: a `ModelForm` of `M`. */
export type ModelFormClass<M extends object> = Omit<typeof ModelForm, 'prototype'> & {
  new (options?: FormOptions): ModelForm<M>
  readonly prototype: ModelForm<M>
}

/** Build a form class for `model` from its `@Field`s: `{Model}Form`. Django: modelform_factory */
export function modelForm<M extends object>(model: ModelClass<M>, options: ModelFormOptions): ModelFormClass<M> {
  const meta = modelMeta(model)
  const name = `${model?.name ?? String(model)}Form`
  if (!meta) throw errors.modelFields(`modelForm(${model?.name}): ${model?.name} is not a model (no @Model).`)
  const fields = chooseFields(meta, name, options.fields)
  const widgets = options.widgets ?? {}
  const formClass = class extends ModelForm<M> {
    static override model = model
    static override schema = modelSchema(fields, widgets)
    static override fields = fields.map((field) => field.name)
    static override labels = options.labels
    static override widgets = widgets
  }
  Object.defineProperty(formClass, 'name', { value: name })
  return formClass as unknown as ModelFormClass<M>
}

function chooseFields(meta: ModelMeta, form: string, fields: readonly string[] | '__all__' | undefined): FieldMeta[] {
  if (fields === '__all__') return meta.fields.filter((field) => !field.autoIncrement)
  if (!Array.isArray(fields)) {
    throw errors.modelFields(
      `Creating a ModelForm without the 'fields' option is prohibited; form ${form} needs updating (list the fields, or '__all__').`,
    )
  }
  const unknown = fields.filter((name) => !meta.fields.some((field) => field.name === name))
  if (unknown.length)
    throw errors.modelFields(`Unknown field(s) (${unknown.join(', ')}) specified for ${meta.objectName}`)
  return fields.map((name) => meta.fields.find((field) => field.name === name) as FieldMeta)
}

function valuesOf(instance: object, fields: readonly FieldMeta[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.name, (instance as Record<string, unknown>)[field.name]]))
}

function defaultsOf(fields: readonly FieldMeta[]): Record<string, unknown> {
  const entries = fields
    .filter((field) => field.default !== undefined)
    .map((field) => [field.name, typeof field.default === 'function' ? field.default() : field.default])
  return Object.fromEntries(entries)
}
