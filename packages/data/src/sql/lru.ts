/**
 * A small least-recently-used map, bounding what the SQL backend keeps per shape of query:
 * compiled SQL in `SqlTable`, prepared statements in `openSqlite`.
 */

/** A Map holding at most `capacity` entries, dropping the least recently used one first. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>()
  /** The key last used, which is the Map's last. */
  private newest: K | undefined

  constructor(readonly capacity: number) {}

  /** How many entries are held. */
  get size(): number {
    return this.entries.size
  }

  /** Return the entry of `key` (marking it as the most recently used), or undefined. */
  get(key: K): V | undefined {
    const value = this.entries.get(key)
    if (value === undefined) return undefined
    // Move the entry to the end of the Map's insertion order, unless it is already there (a
    // server asking for the same statement request after request finds it there).
    if (key !== this.newest) {
      this.entries.delete(key)
      this.entries.set(key, value)
      this.newest = key
    }
    return value
  }

  /** Add or replace the entry of `key`, dropping the least recently used one when full. */
  set(key: K, value: V): void {
    if (this.capacity <= 0) return
    this.entries.delete(key)
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
    this.entries.set(key, value)
    this.newest = key
  }
}
