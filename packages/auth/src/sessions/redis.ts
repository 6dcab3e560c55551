// Sessions kept in Redis, shared by every process of the application; Redis expires them itself.
// Django: the cache backend (backends/cache.py) over django-redis
import type { Redis } from 'ioredis'
import { decodeSessionData, isValidSessionKey, type SessionData, type SessionStore, unusedSessionKey } from './store.js'

/** What the Redis store takes besides the client. */
export interface RedisSessionStoreOptions {
  /** Prepended to every key (default `manouche:session:`), so several applications can share a Redis. */
  prefix?: string
}

/** Keep sessions in Redis through an `ioredis` client the application opens and closes. */
export class RedisSessionStore implements SessionStore {
  readonly #prefix: string

  constructor(
    private readonly redis: Redis,
    options: RedisSessionStoreOptions = {},
  ) {
    this.#prefix = options.prefix ?? 'manouche:session:'
  }

  async load(key: string): Promise<SessionData | null> {
    if (!isValidSessionKey(key)) return null
    return decodeSessionData(await this.redis.get(this.#prefix + key)) ?? null
  }

  async save(key: string, data: SessionData, expiry: Date): Promise<string> {
    const ttl = expiry.getTime() - Date.now()
    if (ttl <= 0) await this.redis.del(this.#prefix + key)
    else await this.redis.set(this.#prefix + key, JSON.stringify(data), 'PX', ttl)
    return key
  }

  async delete(key: string): Promise<void> {
    if (isValidSessionKey(key)) await this.redis.del(this.#prefix + key)
  }

  async exists(key: string): Promise<boolean> {
    return isValidSessionKey(key) && (await this.redis.exists(this.#prefix + key)) === 1
  }

  newKey(): Promise<string> {
    return unusedSessionKey((key) => this.exists(key))
  }
}
