// Where messages wait between requests. Django: django/contrib/messages/storage/base.py (BaseStorage)
// and session.py (SessionStorage)
import type { Session } from '../sessions/session.js'
import { Message, MessageLevel } from './message.js'

/** What `messages.*()` add to and templates read from; a request carries one as `request.messageStorage`. */
export interface MessageStorage {
  /** The lowest level kept; messages below it are dropped. */
  level: number
  /** Queue a message (ignored when empty or below `level`). */
  add(level: number, message: string, extraTags?: string): void
  /** The stored messages then the new ones; once read, they are not kept for a later request. */
  read(): Promise<Message[]>
  /** Keep what was not read for a later request; called once the response is ready. */
  update(): Promise<void>
}

/**
 * Messages kept in the session under `_messages` until read: the queue of this request is
 * added to those stored, and what is read is shown once. Django: SessionStorage over BaseStorage
 */
export class SessionMessageStorage implements MessageStorage {
  /** The session key the messages are kept under. Django: SessionStorage.session_key */
  static readonly sessionKey = '_messages'
  level: number = MessageLevel.INFO
  #queued: Message[] = []
  #loaded: Message[] | undefined
  #used = false
  #addedNew = false

  constructor(private readonly session: Session) {}

  add(level: number, message: string, extraTags = ''): void {
    if (!message || level < this.level) return
    this.#addedNew = true
    this.#queued.push(new Message(level, message, extraTags))
  }

  async read(): Promise<Message[]> {
    await this.#load()
    return this.readLoaded()
  }

  /**
   * Load the stored messages now, so that `readLoaded()` can answer synchronously; nothing to
   * wait for when the session has neither a key nor data yet.
   * @internal
   */
  preload(): void | Promise<void> {
    if (this.#loaded !== undefined) return
    if (this.session.sessionKey === undefined && !this.session.accessed) this.#loaded = []
    else return this.#load().then(() => undefined)
  }

  /** How many messages `read()` would give, without marking them read. Django: len(storage) */
  get length(): number {
    return (this.#loaded?.length ?? 0) + this.#queued.length
  }

  /** What `read()` gives, once `preload()` has settled. @internal */
  readLoaded(): Message[] {
    this.#loaded ??= []
    const loaded = this.#loaded
    this.#used = true
    loaded.push(...this.#queued.splice(0))
    return [...loaded]
  }

  /** Whether `update()` has anything to do: messages were read or added. @internal */
  get hasUpdates(): boolean {
    return this.#used || this.#addedNew
  }

  async update(): Promise<void> {
    if (this.#used) return this.#store(this.#queued)
    if (this.#addedNew) return this.#store([...(await this.#load()), ...this.#queued])
  }

  async #load(): Promise<Message[]> {
    if (this.#loaded !== undefined) return this.#loaded
    const stored = await this.session.get(SessionMessageStorage.sessionKey)
    const messages = Array.isArray(stored) ? stored.map((value) => Message.fromJSON(value)) : []
    this.#loaded = messages.filter((message) => message !== undefined)
    return this.#loaded
  }

  async #store(messages: readonly Message[]): Promise<void> {
    const key = SessionMessageStorage.sessionKey
    if (messages.length > 0)
      await this.session.set(
        key,
        messages.map((message) => message.toJSON()),
      )
    else if (await this.session.has(key)) await this.session.delete(key)
  }
}
