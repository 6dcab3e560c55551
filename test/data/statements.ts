import type { QueryEvent, SqlDatabase } from '@manouche/data'

/** Run `action` and return the statements it sent to `db`, as onQuery reports them. */
export async function statementsOf(db: SqlDatabase, action: () => Promise<unknown>): Promise<QueryEvent[]> {
  const seen: QueryEvent[] = []
  const stop = db.onQuery((event) => seen.push(event))
  try {
    await action()
  } finally {
    stop()
  }
  return seen
}
