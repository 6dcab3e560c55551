// The databases the auth tests run on: memory and SQLite always, PostgreSQL when it answers (a
// fresh schema per run, dropped afterwards), as the QuerySet contract suite does.
import { MemoryQuerySet, type ModelClass, openSqlite, type QuerySet, type SqlDatabase } from '@manouche/data'
import { TestSchema, testServer } from '../data/postgres-server.js'

/** A place to keep models' rows: `querySet(M)` is an empty table of M, made anew by `reset()`. */
export interface TestDatabase {
  name: string
  open(): Promise<void>
  querySet<T>(model: ModelClass<T>): Promise<QuerySet<T>>
  close(): Promise<void>
}

function sqlDatabase(name: string, opener: () => Promise<SqlDatabase>, close: () => Promise<void>): TestDatabase {
  let db: SqlDatabase | undefined
  return {
    name,
    open: async () => {
      db = await opener()
    },
    querySet: async <T>(model: ModelClass<T>) => {
      if (db === undefined) throw new Error('open() first')
      await db.createTables(model)
      await db.querySet(model).delete()
      return db.querySet(model)
    },
    close,
  }
}

/** Memory, SQLite and (when reachable) PostgreSQL. */
export async function testDatabases(): Promise<TestDatabase[]> {
  const memory: TestDatabase = {
    name: 'memory',
    open: async () => undefined,
    querySet: async <T>(model: ModelClass<T>) => new MemoryQuerySet<T>([], { model }),
    close: async () => undefined,
  }
  let sqlite: SqlDatabase | undefined
  const list = [
    memory,
    sqlDatabase(
      'SQLite',
      async () => {
        sqlite = openSqlite(':memory:')
        return sqlite
      },
      async () => sqlite?.close(),
    ),
  ]
  const server = await testServer()
  if ('skipped' in server) {
    console.log(`  PostgreSQL auth tests skipped: ${server.skipped}.`)
    return list
  }
  const schema = new TestSchema(server.url)
  const opener = async () => {
    await schema.create()
    return schema.open()
  }
  return [...list, sqlDatabase('PostgreSQL', opener, () => schema.drop())]
}
