// What every session store does, and the session keys they share. Django: django/contrib/sessions/backends/base.py
import { randomInt } from 'node:crypto'

/** What a session holds: JSON values under string names. */
export type SessionData = Record<string, unknown>

/**
 * Where sessions live. A store never throws for what a client sends: an unknown, expired,
 * malformed, forged or tampered key loads as `null` (an empty session). Django: SessionBase
 */
export interface SessionStore {
  /** The data saved under `key`, or null when there is none, it expired, or `key` is not valid. */
  load(key: string): Promise<SessionData | null>
  /** Keep `data` under `key` until `expiry`; resolves to the key the client keeps (for a signed cookie, the signed data). */
  save(key: string, data: SessionData, expiry: Date): Promise<string>
  /** Forget the session under `key` (nothing for a stateless store). */
  delete(key: string): Promise<void>
  /** Whether a session is kept under `key` (always false for a stateless store). */
  exists(key: string): Promise<boolean>
  /** A fresh key no session uses. */
  newKey(): Promise<string>
}

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'
const KEY_LENGTH = 32
const VALID_KEY = /^[a-z0-9]{8,40}$/

/** A random 32-character key of `[a-z0-9]`. Django: get_random_string(32, VALID_KEY_CHARS) */
export function randomSessionKey(): string {
  let key = ''
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_CHARS[randomInt(KEY_CHARS.length)]
  return key
}

/** Whether `key` can be a server-side session key; anything else is never looked up. Django: _validate_session_key */
export function isValidSessionKey(key: unknown): key is string {
  return typeof key === 'string' && VALID_KEY.test(key)
}

/** A random key that `exists` says is free. Django: SessionBase._get_new_session_key */
export async function unusedSessionKey(exists: (key: string) => Promise<boolean>): Promise<string> {
  for (;;) {
    const key = randomSessionKey()
    if (!(await exists(key))) return key
  }
}

/** Whether `value` is a plain object, as session data is. */
export function isSessionData(value: unknown): value is SessionData {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The session data `text` holds as JSON, or undefined when it holds none. */
export function decodeSessionData(text: unknown): SessionData | undefined {
  if (typeof text !== 'string') return undefined
  try {
    const data: unknown = JSON.parse(text)
    return isSessionData(data) ? data : undefined
  } catch {
    return undefined
  }
}
