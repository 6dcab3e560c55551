/**
 * Models: `@Model` on a class and `@Field` on its properties declare a table and its columns.
 * Everything a QuerySet needs (names, types, the primary key) is computed once, when the class
 * is decorated, and read through `modelMeta()`.
 */
import { errors } from './errors.js'
import { designType } from './metadata.js'

/** The value types a field can hold; dates round-trip as `Date`. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date'

/** Options of `@Field`; `type` is needed only where TypeScript records no usable design type. Django: Field */
export interface FieldOptions {
  type?: FieldType
  primaryKey?: boolean
  nullable?: boolean
  unique?: boolean
  /** Create an index on the column (worth it for fields you order or filter by often). Django: db_index */
  index?: boolean
  /** The column's name in SQL; default: the field name in snake_case (`publicationDate` -> `publication_date`). */
  column?: string
  /** The longest string the field holds, in characters (forms check it; `modelForm()` renders `maxlength`). Django: CharField.max_length */
  maxLength?: number
  /** The values the field may take, each alone or as `[value, label]` (a form shows a `<select>`). Django: Field.choices */
  choices?: readonly FieldChoice[]
  /** The value of a new object when none is given (a function is called each time). Django: Field.default */
  default?: unknown
}

/** One choice of a field: the value alone, or the value and the label a form shows. */
export type FieldChoice = string | number | boolean | readonly [value: string | number | boolean, label: string]

/** One field of a model, as every backend reads it. Django: Model._meta.get_field() */
export interface FieldMeta {
  readonly name: string
  readonly type: FieldType
  readonly primaryKey: boolean
  readonly nullable: boolean
  readonly unique: boolean
  readonly index: boolean
  readonly column: string
  /** True for an integer primary key: the database numbers new rows. */
  readonly autoIncrement: boolean
  readonly maxLength?: number
  readonly choices?: readonly FieldChoice[]
  readonly default?: unknown
}

/** Options of `@Model`. Django: class Meta */
export interface ModelOptions {
  app: string
  table?: string
  verboseName?: string
  verboseNamePlural?: string
  /** Default ordering, e.g. `'-publicationDate'` or `['author', 'title']`. */
  ordering?: string | readonly string[]
  /** The fields `latest()` and `earliest()` use when called without any. */
  getLatestBy?: string | readonly string[]
}

/** What `modelMeta()` tells about a model: its names, table, fields and primary key. Django: Model._meta */
export interface ModelMeta {
  readonly app: string
  /** The class name in lower case: `book`. Django: model_name */
  readonly name: string
  /** The class name as written: `Book`. Django: object_name */
  readonly objectName: string
  readonly verboseName: string
  readonly verboseNamePlural: string
  readonly table: string
  /** The primary key field's name. */
  readonly pk: string
  readonly fields: readonly FieldMeta[]
  readonly modelClass: ModelClass
  readonly ordering?: readonly string[]
  readonly getLatestBy?: readonly string[]
}

/** A model class: constructed with no arguments when rows are hydrated. */
export type ModelClass<T = unknown> = new (...args: never[]) => T

interface FieldDeclaration {
  name: string
  options: FieldOptions
  designType: unknown
}

/** Precomputed per model for the hot path: fields by name (with `pk`) and the Choices text. */
interface ModelIndex {
  byName: ReadonlyMap<string, FieldMeta>
  choices: string
}

const declarations = new WeakMap<object, FieldDeclaration[]>()
const metas = new WeakMap<object, ModelMeta>()
const indexes = new WeakMap<ModelMeta, ModelIndex>()
const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'date']
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** Declare a property as a field of the model; its type comes from TypeScript's `design:type` or `options.type`. Django: Field */
export function Field(options: FieldOptions = {}): (prototype: object, property: string | symbol) => void {
  return (prototype, property) => {
    const own = declarations.get(prototype) ?? []
    declarations.set(prototype, own)
    own.push({ name: String(property), options, designType: designType(prototype, String(property)) })
  }
}

/** Declare a class as a model of `app`, stored in `table` (default `<app>_<name>`). Django: django.db.models.Model */
export function Model(options: ModelOptions): (modelClass: ModelClass) => void {
  return (modelClass) => {
    const meta = buildMeta(modelClass, options)
    metas.set(modelClass, meta)
    indexes.set(meta, buildIndex(meta))
  }
}

/** Return the meta of a model class or of an instance of one; undefined for anything else. Django: Model._meta */
export function modelMeta(target: unknown): ModelMeta | undefined {
  if (typeof target === 'function') return metas.get(target)
  if (typeof target === 'object' && target !== null) return metas.get(target.constructor)
  return undefined
}

/** Return the meta of a model class, or throw ImproperlyConfigured naming the class. */
export function requireMeta(modelClass: ModelClass): ModelMeta {
  const meta = metas.get(modelClass)
  if (!meta) throw errors.notAModel(modelClass?.name ?? String(modelClass))
  return meta
}

/** Return the field called `name` (`pk` is the primary key), or throw FieldError listing the choices. Django: Query.names_to_path */
export function resolveField(meta: ModelMeta, name: string): FieldMeta {
  const index = indexes.get(meta) as ModelIndex
  const field = index.byName.get(name)
  if (!field) throw errors.unknownField(name, index.choices)
  return field
}

/** Split a class name into lower-case words: `ProfessionalArtist` -> `professional artist`. Django: camel_case_to_spaces */
export function camelCaseToSpaces(value: string): string {
  return value
    .replace(/((?<=[a-z])[A-Z]|[A-Z](?![A-Z]|$))/g, ' $1')
    .trim()
    .toLowerCase()
}

function buildMeta(modelClass: ModelClass, options: ModelOptions): ModelMeta {
  const objectName = modelClass.name
  if (typeof options?.app !== 'string' || !IDENTIFIER.test(options.app)) {
    throw errors.badModel(objectName, `@Model needs an 'app' label made of letters, digits and underscores.`)
  }
  if (options.table !== undefined && !TABLE.test(options.table)) {
    throw errors.badModel(
      objectName,
      `table '${options.table}' must be a name (or schema.name) of letters, digits and underscores.`,
    )
  }
  const name = objectName.toLowerCase()
  const fields = withPrimaryKey(objectName, collectFields(modelClass))
  const verboseName = options.verboseName ?? camelCaseToSpaces(objectName)
  const meta: ModelMeta = {
    app: options.app,
    name,
    objectName,
    verboseName,
    verboseNamePlural: options.verboseNamePlural ?? `${verboseName}s`,
    table: options.table ?? `${options.app}_${name}`,
    pk: (fields.find((field) => field.primaryKey) as FieldMeta).name,
    fields: Object.freeze(fields),
    modelClass,
    ordering: checkNames(objectName, 'ordering', fields, options.ordering),
    getLatestBy: checkNames(objectName, 'getLatestBy', fields, options.getLatestBy),
  }
  return Object.freeze(meta)
}

function collectFields(modelClass: ModelClass): FieldMeta[] {
  const chain: object[] = []
  for (let proto = modelClass.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.unshift(proto)
  }
  const byName = new Map<string, FieldMeta>()
  for (const proto of chain) {
    for (const declaration of declarations.get(proto) ?? []) {
      byName.set(declaration.name, toFieldMeta(modelClass.name, declaration))
    }
  }
  return [...byName.values()]
}

function toFieldMeta(model: string, { name, options, designType: design }: FieldDeclaration): FieldMeta {
  if (!IDENTIFIER.test(name) || name.includes('__')) {
    throw errors.badModel(model, `field '${name}' must be an identifier without "__".`)
  }
  if (name === 'pk') throw errors.badModel(model, "'pk' is a reserved word that cannot be used as a field name.")
  if (options.column !== undefined && !IDENTIFIER.test(options.column)) {
    throw errors.badModel(
      model,
      `column '${options.column}' of field '${name}' must be made of letters, digits and underscores.`,
    )
  }
  const primaryKey = options.primaryKey === true
  const type = fieldType(model, name, options.type, design, primaryKey)
  if (primaryKey && options.nullable) throw errors.badModel(model, `primary key '${name}' cannot be nullable.`)
  checkMaxLength(model, name, type, options.maxLength)
  return Object.freeze({
    name,
    type,
    primaryKey,
    nullable: options.nullable === true,
    unique: primaryKey || options.unique === true,
    index: options.index === true && !primaryKey && options.unique !== true,
    column: options.column ?? toSnakeCase(name),
    autoIncrement: primaryKey && type === 'integer',
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
    ...(options.choices === undefined ? {} : { choices: Object.freeze([...options.choices]) }),
    ...('default' in options ? { default: options.default } : {}),
  })
}

function checkMaxLength(model: string, name: string, type: FieldType, maxLength: unknown): void {
  if (maxLength === undefined) return
  if (type !== 'string' || !Number.isSafeInteger(maxLength) || (maxLength as number) < 1) {
    throw errors.badModel(model, `'maxLength' of field '${name}' must be a positive integer on a string field.`)
  }
}

function fieldType(model: string, name: string, given: unknown, design: unknown, primaryKey: boolean): FieldType {
  if (given !== undefined) {
    if (FIELD_TYPES.includes(given as FieldType)) return given as FieldType
    throw errors.badModel(
      model,
      `field '${name}' has type '${String(given)}'; choose one of ${FIELD_TYPES.join(', ')}.`,
    )
  }
  if (design === String) return 'string'
  if (design === Number) return primaryKey ? 'integer' : 'number'
  if (design === Boolean) return 'boolean'
  if (design === Date) return 'date'
  const recorded = typeof design === 'function' ? design.name : 'nothing'
  throw errors.badModel(
    model,
    `field '${name}' needs a type (TypeScript recorded ${recorded}): use @Field({ type: ... }).`,
  )
}

function withPrimaryKey(model: string, fields: FieldMeta[]): FieldMeta[] {
  const keys = fields.filter((field) => field.primaryKey)
  if (keys.length > 1) {
    throw errors.badModel(model, `declares more than one primary key: ${keys.map((f) => f.name).join(', ')}.`)
  }
  if (keys.length === 1) return fields
  if (fields.some((field) => field.name === 'id')) {
    throw errors.badModel(model, "'id' can only be used as a field name if the field also sets 'primaryKey: true'.")
  }
  const id = {
    name: 'id',
    type: 'integer',
    primaryKey: true,
    nullable: false,
    unique: true,
    index: false,
    column: 'id',
    autoIncrement: true,
  }
  return [Object.freeze(id) as FieldMeta, ...fields]
}

function checkNames(model: string, option: string, fields: FieldMeta[], names: string | readonly string[] | undefined) {
  if (names === undefined) return undefined
  const list = typeof names === 'string' ? [names] : [...names]
  for (const name of list) {
    const bare = name.startsWith('-') ? name.slice(1) : name
    if (bare !== 'pk' && !fields.some((field) => field.name === bare)) {
      throw errors.badModel(model, `'${option}' refers to the nonexistent field '${bare}'.`)
    }
  }
  return Object.freeze(list)
}

function buildIndex(meta: ModelMeta): ModelIndex {
  const byName = new Map(meta.fields.map((field) => [field.name, field] as const))
  byName.set('pk', byName.get(meta.pk) as FieldMeta)
  const choices = meta.fields
    .map((field) => field.name)
    .sort()
    .join(', ')
  return { byName, choices }
}

function toSnakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
}
