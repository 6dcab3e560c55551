/**
 * The writes of a MemoryQuerySet, on the array its QuerySets share: every check (unique values
 * included) is made before the array changes, so a write that fails changes nothing.
 */
import type { FieldMeta, ModelMeta } from './model.js'
import { sortKey } from './values.js'
import { instanceOf, uniqueError, type Values } from './writes.js'

type Row = Record<string, unknown>

/** Add checked rows to `items`, numbering a missing integer pk after the greatest; resolve to copies of them. */
export function insertInto<T>(items: T[], meta: ModelMeta | undefined, rows: readonly Values[]): T[] {
  const pk = meta?.pk ?? 'id'
  const numbered = meta === undefined || meta.fields.some((field) => field.autoIncrement)
  let next = nextKey(items as Row[], pk)
  const added = rows.map((values) => {
    if (!numbered || (values[pk] !== undefined && values[pk] !== null)) return { ...values }
    return { ...values, [pk]: next++ }
  })
  if (meta) {
    for (const field of uniqueFields(meta)) {
      const seen = new Set((items as Row[]).map((item) => keyOf(item[field.name], field)))
      for (const row of added) {
        const key = keyOf(row[field.name], field)
        if (key !== null && seen.has(key)) throw uniqueError(meta, field)
        seen.add(key)
      }
    }
  }
  const stored = added.map((row) => (meta ? instanceOf<T>(meta, row) : (row as T)))
  items.push(...stored)
  return added.map((row) => (meta ? instanceOf<T>(meta, copied(row)) : ({ ...row } as T)))
}

/** Set `values` on the `matched` items of `items`; resolve to how many. */
export function updateIn<T>(
  items: readonly T[],
  meta: ModelMeta | undefined,
  matched: readonly T[],
  values: Values,
): number {
  if (meta) {
    const chosen = new Set(matched)
    for (const field of uniqueFields(meta)) {
      if (!(field.name in values)) continue
      const key = keyOf(values[field.name], field)
      if (key === null) continue
      const taken = (items as Row[]).some((item) => !chosen.has(item as T) && keyOf(item[field.name], field) === key)
      if (taken || matched.length > 1) throw uniqueError(meta, field)
    }
  }
  for (const item of matched) Object.assign(item as Row, copied(values))
  return matched.length
}

/** Remove the `matched` items from `items`; resolve to how many. */
export function deleteFrom<T>(items: T[], matched: readonly T[]): number {
  const doomed = new Set(matched)
  let kept = 0
  for (const item of items) if (!doomed.has(item)) items[kept++] = item
  items.length = kept
  return matched.length
}

function uniqueFields(meta: ModelMeta): FieldMeta[] {
  return meta.fields.filter((field) => field.unique)
}

function nextKey(items: readonly Row[], pk: string): number {
  let greatest = 0
  for (const item of items) {
    const value = item[pk]
    if (typeof value === 'number' && value > greatest) greatest = value
  }
  return Math.floor(greatest) + 1
}

/** A value as unique fields compare it (dates by time); null never collides. */
function keyOf(value: unknown, field: FieldMeta): unknown {
  return sortKey(value, field.type)
}

/** A copy whose dates are the row's own, so no caller's Date is shared with the store. */
function copied(values: Values): Values {
  const copy: Values = {}
  for (const [key, value] of Object.entries(values))
    copy[key] = value instanceof Date ? new Date(value.getTime()) : value
  return copy
}
