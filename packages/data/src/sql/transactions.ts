/**
 * `db.atomic()`: one transaction per outermost call, a savepoint per nested one. The transaction
 * an async call chain runs in is kept in an AsyncLocalStorage of its database, so the QuerySets
 * used inside `atomic()` write and read through it without being handed it, and requests running
 * at the same time stay outside it. Django: django.db.transaction.atomic
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { type Kysely, sql, type Transaction } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time, from model metadata.
type AnyDb = any

interface Scope {
  readonly transaction: Transaction<AnyDb>
  /** How many atomic() calls enclose this one: names its savepoint. */
  readonly depth: number
}

/** The transactions of one database. */
export class Transactions {
  private readonly scope = new AsyncLocalStorage<Scope>()

  constructor(private readonly kysely: Kysely<AnyDb>) {}

  /** True when the calling code runs inside `atomic()` of this database. */
  get active(): boolean {
    return this.scope.getStore() !== undefined
  }

  /** What statements run on: the enclosing transaction, else the database. */
  get executor(): Kysely<AnyDb> {
    return this.scope.getStore()?.transaction ?? this.kysely
  }

  /**
   * Run `work` in a transaction (a savepoint when already in one): committed (released) when it
   * resolves, rolled back when it throws, the error thrown again.
   */
  async atomic<R>(work: () => Promise<R>): Promise<R> {
    const current = this.scope.getStore()
    if (current === undefined) {
      return this.kysely.transaction().execute((transaction) => this.scope.run({ transaction, depth: 1 }, work))
    }
    const { transaction, depth } = current
    const savepoint = sql.id(`manouche_savepoint_${depth}`)
    await sql`savepoint ${savepoint}`.execute(transaction)
    let result: R
    try {
      result = await this.scope.run({ transaction, depth: depth + 1 }, work)
    } catch (error) {
      await sql`rollback to savepoint ${savepoint}`.execute(transaction)
      await sql`release savepoint ${savepoint}`.execute(transaction)
      throw error
    }
    await sql`release savepoint ${savepoint}`.execute(transaction)
    return result
  }
}
