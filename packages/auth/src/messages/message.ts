// One message and its levels. Django: django/contrib/messages/constants.py and storage/base.py (Message)

/** The message levels, Django's numbers: a storage keeps messages at or above its level (default `INFO`). */
export const MessageLevel = Object.freeze({ DEBUG: 10, INFO: 20, SUCCESS: 25, WARNING: 30, ERROR: 40 })

/** The tag each level gives its messages, for CSS classes. Django: DEFAULT_TAGS */
export const DEFAULT_MESSAGE_TAGS: Readonly<Record<number, string>> = Object.freeze({
  10: 'debug',
  20: 'info',
  25: 'success',
  30: 'warning',
  40: 'error',
})

/** A message for the user, shown once on a later page. Django: Message */
export class Message {
  constructor(
    readonly level: number,
    readonly message: string,
    readonly extraTags = '',
  ) {}

  /** The level's tag: `info`, `success`… (`''` for a level of its own). Django: Message.level_tag */
  get levelTag(): string {
    return DEFAULT_MESSAGE_TAGS[this.level] ?? ''
  }

  /** `extraTags` and the level's tag, space-separated, as a template puts them in `class`. Django: Message.tags */
  get tags(): string {
    return [this.extraTags, this.levelTag].filter(Boolean).join(' ')
  }

  /** The text. */
  toString(): string {
    return this.message
  }

  /** What a storage keeps: `[level, message, extraTags]`. */
  toJSON(): [number, string, string] {
    return [this.level, this.message, this.extraTags]
  }

  /** The message `value` (as `toJSON()` gave it) holds, or undefined when it holds none. */
  static fromJSON(value: unknown): Message | undefined {
    if (!Array.isArray(value) || value.length !== 3) return undefined
    const [level, message, extraTags] = value as unknown[]
    if (!Number.isInteger(level) || typeof message !== 'string' || typeof extraTags !== 'string') return undefined
    return new Message(level as number, message, extraTags)
  }
}
