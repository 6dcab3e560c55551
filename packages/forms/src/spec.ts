/**
 * What a form knows of each field, read once per form class from its schema's JSON Schema (the
 * Standard JSON Schema interface, `schema['~standard'].jsonSchema`): the keys in order, which are
 * required, their types, formats, `maxLength` and choices. That is how a form reads browser strings
 * and which control it renders, for any schema library that implements the interface.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { errors } from './errors.js'

/** How a field's value is read and shown; the JSON Schema `type`, without `null`. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'other'

/** One field of a form class, as its schema describes it. */
export interface FieldSpec {
  readonly name: string
  readonly kind: FieldKind
  /** The form must be sent a value: a required key of the schema that does not take `null`. */
  readonly required: boolean
  /** The schema takes `null`: an empty control is read as `null`. */
  readonly nullable: boolean
  /** JSON Schema `format`: `date`, `date-time`, `email`, `uri`… */
  readonly format?: string
  readonly title?: string
  readonly default?: unknown
  readonly maxLength?: number
  /** `[value, label]` pairs, values as the browser sends them (strings). */
  readonly choices?: readonly (readonly [string, string])[]
}

type Json = Record<string, unknown>

/** The form class facts `specsOf()` reads: its name, schema and `static fields`. */
export interface SpecSource {
  readonly name: string
  readonly schema?: StandardSchemaV1
  readonly fields?: readonly string[]
}

const SPECS = Symbol('manouche.forms.specs')

/** Return the specs of a form class, computed on first use and kept on the class itself (as Django's form metaclass keeps `base_fields`). */
export function specsOf(formClass: SpecSource): readonly FieldSpec[] {
  if (Object.hasOwn(formClass, SPECS)) return (formClass as unknown as Record<symbol, FieldSpec[]>)[SPECS]
  const specs = readSpecs(formClass)
  Object.defineProperty(formClass, SPECS, { value: specs })
  return specs
}

function readSpecs({ name, schema, fields }: SpecSource): readonly FieldSpec[] {
  if (typeof schema?.['~standard']?.validate !== 'function') throw errors.noSchema(name)
  const json = jsonSchemaOf(schema)
  const properties = (json?.properties ?? undefined) as Record<string, Json> | undefined
  if (!properties && !fields) throw errors.noFields(name)
  const required = new Set(Array.isArray(json?.required) ? (json.required as string[]) : [])
  const names = fields ?? Object.keys(properties ?? {})
  return Object.freeze(
    names.map((key) => {
      if (properties && !Object.hasOwn(properties, key)) throw errors.unknownField(name, key)
      return specOf(key, properties?.[key] ?? {}, properties ? required.has(key) : false)
    }),
  )
}

function jsonSchemaOf(schema: StandardSchemaV1): Json | undefined {
  const converter = (schema['~standard'] as { jsonSchema?: { input?: (options: object) => Json } }).jsonSchema
  if (typeof converter?.input !== 'function') return undefined
  try {
    // `unrepresentable: 'any'` asks zod to describe what JSON Schema cannot (a Date, a File) as `{}`.
    return converter.input({ target: 'draft-2020-12', libraryOptions: { unrepresentable: 'any' } })
  } catch {
    return undefined
  }
}

function specOf(name: string, property: Json, required: boolean): FieldSpec {
  const schema = withoutNull(property)
  const nullable = takesNull(property)
  const choices = choicesOf(schema) ?? choicesOf(asJson(schema.items))
  return {
    name,
    kind: kindOf(schema.type),
    required: required && !nullable,
    nullable,
    ...optional('format', typeof schema.format === 'string' ? schema.format : undefined),
    ...optional('title', typeof property.title === 'string' ? property.title : undefined),
    ...optional('default', property.default ?? schema.default),
    ...optional('maxLength', typeof schema.maxLength === 'number' ? schema.maxLength : undefined),
    ...optional('choices', choices),
  }
}

/** Unwrap `anyOf: [X, { type: 'null' }]` and `type: [X, 'null']`, the two ways a nullable field is written. */
function withoutNull(property: Json): Json {
  const variants = Array.isArray(property.anyOf) ? (property.anyOf as Json[]) : undefined
  const others = variants?.filter((variant) => variant.type !== 'null')
  if (others?.length === 1) return { ...property, ...others[0] }
  if (Array.isArray(property.type)) {
    const types = property.type.filter((type) => type !== 'null')
    return { ...property, type: types.length === 1 ? types[0] : undefined }
  }
  return property
}

function takesNull(property: Json): boolean {
  const types = Array.isArray(property.type) ? property.type : [property.type]
  const variants = Array.isArray(property.anyOf) ? (property.anyOf as Json[]) : []
  return types.includes('null') || variants.some((variant) => variant.type === 'null')
}

function kindOf(type: unknown): FieldKind {
  const known: readonly FieldKind[] = ['string', 'integer', 'number', 'boolean', 'array']
  return known.includes(type as FieldKind) ? (type as FieldKind) : 'other'
}

function choicesOf(schema: Json | undefined): (readonly [string, string])[] | undefined {
  if (Array.isArray(schema?.enum)) return schema.enum.map((value) => [String(value), String(value)] as const)
  const variants = Array.isArray(schema?.oneOf) ? (schema.oneOf as Json[]) : undefined
  if (!variants?.length || !variants.every((variant) => 'const' in variant)) return undefined
  return variants.map((variant) => [String(variant.const), String(variant.title ?? variant.const)] as const)
}

function asJson(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null ? (value as Json) : undefined
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
