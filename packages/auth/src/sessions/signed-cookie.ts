// The stateless store: the session's data is the cookie's value, signed. As in Django, logging
// out clears the client's cookie but cannot revoke a copy of it. Django: backends/signed_cookies.py
import { createHash } from 'node:crypto'
import { signerFactory } from '@fastify/cookie'
import { decodeSessionData, isSessionData, randomSessionKey, type SessionData, type SessionStore } from './store.js'

type Signer = ReturnType<typeof signerFactory>

// Keys are derived for this purpose, so nothing else signed with the same secret reads as a session.
const PURPOSE = 'manouche.sessions.signed-cookie'

/** What the signed-cookie store takes. */
export interface SignedCookieStoreOptions {
  /** The secret, or several: the first signs, every one verifies (rotate by putting the new one first). */
  secretKey: string | readonly string[]
}

/** Keep the session in the client's cookie, signed with `secretKey`. Django: signed_cookies.SessionStore */
export class SignedCookieSessionStore implements SessionStore {
  readonly #signer: Signer

  constructor(options: SignedCookieStoreOptions) {
    const secrets = typeof options.secretKey === 'string' ? [options.secretKey] : [...options.secretKey]
    if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret === ''))
      throw new TypeError('SignedCookieSessionStore needs a secretKey: a non-empty string, or a list of them.')
    const derived = secrets.map((secret) => createHash('sha256').update(`${PURPOSE}:${secret}`).digest())
    this.#signer = signerFactory(derived as unknown as string[])
  }

  async load(key: string): Promise<SessionData | null> {
    if (typeof key !== 'string') return null
    const { valid, value } = this.#signer.unsign(key)
    if (!valid || value === null) return null
    const envelope = decodeSessionData(Buffer.from(value, 'base64url').toString('utf8'))
    if (typeof envelope?.expiry !== 'number' || envelope.expiry <= Date.now()) return null
    return isSessionData(envelope.data) ? envelope.data : null
  }

  async save(_key: string, data: SessionData, expiry: Date): Promise<string> {
    const envelope = JSON.stringify({ data, expiry: expiry.getTime() })
    return this.#signer.sign(Buffer.from(envelope, 'utf8').toString('base64url'))
  }

  async delete(_key: string): Promise<void> {}

  async exists(_key: string): Promise<boolean> {
    return false
  }

  async newKey(): Promise<string> {
    return randomSessionKey()
  }
}
