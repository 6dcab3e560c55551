// Sessions kept in the application's database, through a QuerySet: SQLite, PostgreSQL, or memory
// in tests. Server-side, so logging out revokes the session everywhere. Django: backends/db.py
import { Field, Model, type QuerySet } from '@manouche/data'
import { decodeSessionData, isValidSessionKey, type SessionData, type SessionStore, unusedSessionKey } from './store.js'

/** One stored session: a row of `manouche_session`. Django: django.contrib.sessions.models.Session */
@Model({ app: 'sessions', table: 'manouche_session' })
export class SessionRecord {
  @Field({ primaryKey: true, maxLength: 40 }) sessionKey: string = ''
  /** The session's data, as JSON. */
  @Field() sessionData: string = ''
  @Field({ index: true }) expireDate: Date = new Date(0)
}

/** Keep sessions in the `SessionRecord` table of a database. Django: db.SessionStore */
export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly sessions: QuerySet<SessionRecord>) {}

  async load(key: string): Promise<SessionData | null> {
    if (!isValidSessionKey(key)) return null
    const record = await this.sessions.filter({ sessionKey: key, expireDate__gt: new Date() }).first()
    return decodeSessionData(record?.sessionData) ?? null
  }

  async save(key: string, data: SessionData, expiry: Date): Promise<string> {
    const record = Object.assign(new SessionRecord(), {
      sessionKey: key,
      sessionData: JSON.stringify(data),
      expireDate: expiry,
    })
    await this.sessions.save(record)
    return key
  }

  async delete(key: string): Promise<void> {
    if (isValidSessionKey(key)) await this.sessions.filter({ sessionKey: key }).delete()
  }

  async exists(key: string): Promise<boolean> {
    return isValidSessionKey(key) && this.sessions.filter({ sessionKey: key }).exists()
  }

  newKey(): Promise<string> {
    return unusedSessionKey((key) => this.exists(key))
  }

  /** Delete the sessions that have expired; resolves to how many. Django: SessionStore.clear_expired */
  clearExpired(): Promise<number> {
    return this.sessions.filter({ expireDate__lte: new Date() }).delete()
  }
}
