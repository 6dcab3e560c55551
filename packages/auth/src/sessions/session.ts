// The session a request carries: read from its store on first use, written back only when changed.
// Django: SessionBase (the dict-like part) in django/contrib/sessions/backends/base.py
import type { SessionData, SessionStore } from './store.js'

/** Django's SESSION_COOKIE_AGE: two weeks, in seconds. */
export const DEFAULT_SESSION_AGE = 1_209_600

/** What a `Session` takes besides its store and key. */
export interface SessionOptions {
  /** Seconds a saved session lives (default two weeks). */
  maxAge?: number
}

/**
 * A client's session over a `SessionStore`: lazily loaded, `modified` when written, saved by
 * `save()` only then. An unknown or invalid key starts an empty session under a new key, so a
 * key a client makes up is never adopted. Django: SessionBase
 */
export class Session {
  /** Whether the data changed since it was loaded or saved. */
  modified = false
  /** Whether the data was read or written during this request. */
  accessed = false
  readonly #store: SessionStore
  readonly #maxAge: number
  #key: string | undefined
  // One load, shared by every call made before it settles.
  #data: Promise<SessionData> | undefined

  constructor(store: SessionStore, key?: string, options: SessionOptions = {}) {
    this.#store = store
    this.#key = key
    this.#maxAge = options.maxAge ?? DEFAULT_SESSION_AGE
  }

  /** The key the client holds; undefined until the session is saved. Django: session_key */
  get sessionKey(): string | undefined {
    return this.#key
  }

  /** The value stored under `name`, else `fallback`. Django: SessionBase.get */
  async get<T = unknown>(name: string, fallback?: T): Promise<T | undefined> {
    const data = await this.#load()
    return Object.hasOwn(data, name) ? (data[name] as T) : fallback
  }

  /** Store `value` (JSON) under `name`. Django: SessionBase.__setitem__ */
  async set(name: string, value: unknown): Promise<void> {
    const data = await this.#load()
    data[name] = value
    this.modified = true
  }

  /** Remove `name`; resolves to whether it was there. Django: SessionBase.pop */
  async delete(name: string): Promise<boolean> {
    const data = await this.#load()
    if (!Object.hasOwn(data, name)) return false
    delete data[name]
    this.modified = true
    return true
  }

  /** Whether a value is stored under `name`. Django: SessionBase.__contains__ */
  async has(name: string): Promise<boolean> {
    return Object.hasOwn(await this.#load(), name)
  }

  /** The names stored. Django: SessionBase.keys */
  async keys(): Promise<string[]> {
    return Object.keys(await this.#load())
  }

  /** Whether the session holds nothing. Django: SessionBase.is_empty */
  async isEmpty(): Promise<boolean> {
    return (await this.keys()).length === 0
  }

  /** Keep the data under a new key and forget the old one (on login, against fixation). Django: SessionBase.cycle_key */
  async cycleKey(): Promise<void> {
    await this.#load()
    await this.#forgetKey()
    this.modified = true
  }

  /** Empty the session and forget its key (on logout). Django: SessionBase.flush */
  async flush(): Promise<void> {
    this.#data = Promise.resolve({})
    this.accessed = true
    await this.#forgetKey()
    this.modified = true
  }

  /** Write the session when modified; resolves to the key the client should now hold. Django: SessionBase.save */
  async save(): Promise<string | undefined> {
    if (!this.modified) return this.#key
    const data = await this.#load()
    this.#key ??= await this.#store.newKey()
    this.#key = await this.#store.save(this.#key, data, new Date(Date.now() + this.#maxAge * 1000))
    this.modified = false
    return this.#key
  }

  #load(): Promise<SessionData> {
    this.accessed = true
    this.#data ??= this.#read()
    return this.#data
  }

  async #read(): Promise<SessionData> {
    const loaded = this.#key === undefined ? null : await this.#store.load(this.#key)
    if (loaded === null) this.#key = undefined
    return loaded ?? {}
  }

  async #forgetKey(): Promise<void> {
    const old = this.#key
    this.#key = undefined
    if (old !== undefined) await this.#store.delete(old)
  }
}
