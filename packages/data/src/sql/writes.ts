/**
 * The writes of a SqlQuerySet: INSERT ... RETURNING, and UPDATE / DELETE of the rows whose
 * primary keys the QuerySet's SELECT gives (so they take every filter the QuerySet takes, and the
 * SQL they run is built from the model, never from values: each value is a bound parameter). A
 * unique constraint the database enforces becomes a ValidationError naming the field.
 */
import type { FieldMeta, ModelMeta } from '../model.js'
import { uniqueError, type Values } from '../writes.js'
import type { SqlFlavor } from './flavor.js'
import type { SqlTable } from './table.js'
import type { Transactions } from './transactions.js'

/** SQLite's default limit on bound parameters per statement was 999 before 3.32; stay under it. */
const MAX_PARAMETERS = 999

/** Insert checked rows (values by field name), all or none; resolve to new instances with their pks. */
export async function insertRows<T>(table: SqlTable<T>, transactions: Transactions, rows: readonly Values[]) {
  const { meta } = table
  const encoded = rows.map((row) => table.encodeRow(row))
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / table.columnNames.length))
  const insert = async () => {
    const db = transactions.executor
    const saved: T[] = []
    // One row: the table's INSERT of that set of columns, built and prepared once.
    if (encoded.length === 1) {
      saved.push(await table.insertOne(encoded[0] as Values))
    } else {
      for (let at = 0; at < encoded.length; at += perStatement) {
        const batch = encoded.slice(at, at + perStatement)
        const inserted = await db.insertInto(meta.table).values(batch).returning(table.columnNames).execute()
        for (const row of inserted) saved.push(table.fromRow(row))
      }
    }
    const key = meta.fields.find((field) => field.autoIncrement)
    const { flavor } = table.database
    if (key && flavor.followExplicitKeys && encoded.some((row) => row[key.column] !== undefined)) {
      await flavor.followExplicitKeys(db, meta.table, key.column)
    }
    return saved
  }
  return withUniqueErrors(meta, () => (encoded.length === 1 ? insert() : transactions.atomic(insert)))
}

/** Set checked values on the rows whose pks are given; resolve to how many rows changed. */
export async function updateByPks(
  table: SqlTable<unknown>,
  transactions: Transactions,
  pks: unknown[],
  values: Values,
) {
  const { meta, database } = table
  const changes = encodeValues(meta, database.flavor, values)
  const pkColumn = pkField(meta).column
  let changed = 0
  await withUniqueErrors(meta, async () => {
    for (const batch of batches(database.flavor, pkField(meta), pks, Object.keys(changes).length)) {
      const db = transactions.executor
      const result = await db.updateTable(meta.table).set(changes).where(pkColumn, 'in', batch).executeTakeFirst()
      changed += Number(result.numUpdatedRows)
    }
  })
  return changed
}

/** Delete the rows whose pks are given; resolve to how many. */
export async function deleteByPks(table: SqlTable<unknown>, transactions: Transactions, pks: unknown[]) {
  const { meta, database } = table
  let deleted = 0
  for (const batch of batches(database.flavor, pkField(meta), pks, 0)) {
    const db = transactions.executor
    const result = await db.deleteFrom(meta.table).where(pkField(meta).column, 'in', batch).executeTakeFirst()
    deleted += Number(result.numDeletedRows)
  }
  return deleted
}

/** Values by field name as columns and the values the driver binds. */
function encodeValues(meta: ModelMeta, flavor: SqlFlavor, values: Values): Values {
  const encoded: Values = {}
  for (const field of meta.fields) {
    if (!(field.name in values)) continue
    const value = values[field.name]
    const encode = flavor.encoder(field.type)
    encoded[field.column] = value === null || value === undefined || !encode ? value : encode(value)
  }
  return encoded
}

function pkField(meta: ModelMeta): FieldMeta {
  return meta.fields.find((field) => field.primaryKey) as FieldMeta
}

/** The pks, encoded, in runs that keep a statement under the parameter limit. */
function* batches(flavor: SqlFlavor, pk: FieldMeta, pks: readonly unknown[], taken: number): Generator<unknown[]> {
  const encode = flavor.encoder(pk.type)
  const size = Math.max(1, MAX_PARAMETERS - taken)
  for (let at = 0; at < pks.length; at += size) {
    yield pks.slice(at, at + size).map((value) => (encode ? encode(value) : value))
  }
}

/** Run `write`, turning a unique violation of the database into a ValidationError naming the field. */
async function withUniqueErrors<R>(meta: ModelMeta, write: () => Promise<R>): Promise<R> {
  try {
    return await write()
  } catch (error) {
    throw uniqueViolation(meta, error) ?? error
  }
}

/** The ValidationError of a driver's unique violation (SQLite's or PostgreSQL's), else undefined. */
export function uniqueViolation(meta: ModelMeta, error: unknown) {
  const { code, message, detail } = (error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown }
  let column: string | undefined
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: books_book.slug"
    column = /\.(\w+)$/.exec(String(message))?.[1]
  } else if (code === '23505') {
    // "Key (slug)=(germinal) already exists."
    column = /^Key \("?(\w+)"?\)=/.exec(String(detail))?.[1]
  } else {
    return undefined
  }
  const field = meta.fields.find((each) => each.column === column) ?? pkField(meta)
  return uniqueError(meta, field)
}
