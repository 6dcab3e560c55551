/**
 * The one cache of a SqlDatabase's SELECTs: by shape key (see shapes.ts), the SQL Kysely built for
 * that shape and, on SQLite, its prepared statement. It buys a request's query without Kysely's
 * builder and compiler (tens of microseconds) and without a prepare; one hit costs building the
 * key and one Map lookup.
 */
import type { ShapeStatement } from './shapes.js'

/**
 * A Map of at most `capacity` statements, dropping the oldest added first. A hit changes nothing
 * (no reordering, unlike an LRU): an application's shapes come from its code, so the ones it runs
 * all fit, and a shape dropped while still in use only costs one compile and prepare again, at
 * most once per `capacity` new shapes (each page offset of a long list is one).
 */
export class StatementCache {
  private readonly entries = new Map<string, ShapeStatement>()

  constructor(readonly capacity: number) {}

  get(key: string): ShapeStatement | undefined {
    return this.entries.get(key)
  }

  /** Keep `statement` under `key` (nothing, with a capacity of 0), dropping the oldest when full. */
  set(key: string, statement: ShapeStatement): void {
    if (this.capacity <= 0) return
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
    this.entries.set(key, statement)
  }
}
