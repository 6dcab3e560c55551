// The migration cases, run on SQLite (migrate.test.ts) and on PostgreSQL (postgres-live.test.ts).
import { fileURLToPath } from 'node:url'
import { ManoucheError } from '@manouche/core'
import { Field, Model, migrate, type SqlDatabase } from '@manouche/data'
import { expect } from 'chai'
import { sql } from 'kysely'
import { rejects } from './contract.js'

/** A folder of test migrations, as compiled beside this file. */
export const migrationsFolder = (name: string) => fileURLToPath(new URL(`./migrations/${name}`, import.meta.url))

@Model({ app: 'notes' })
class Note {
  @Field({ primaryKey: true }) id!: number
  @Field() text!: string
}

/**
 * Register the migration cases; `open` gives an empty database, closed by the caller. With
 * `transactionalDdl` (PostgreSQL) a failure undoes the whole run; without (SQLite) the
 * migrations before the failing one stay applied.
 */
export function migrationCases(open: () => Promise<SqlDatabase>, transactionalDdl: boolean): void {
  it('applies each migration once, in name order, and the tables serve QuerySets', async () => {
    const db = await open()
    expect(await migrate(db, migrationsFolder('notes'))).to.deep.equal(['0001_create_notes', '0002_index_note_text'])
    expect(await migrate(db, migrationsFolder('notes'))).to.deep.equal([])
    await db.insert(Note, [
      { id: 1, text: 'kept' },
      { id: 2, text: 'other' },
    ])
    expect(await db.querySet(Note).filter({ text: 'kept' }).count()).to.equal(1)
    expect(await db.querySet(Note).count()).to.equal(2)
  })

  it(`stops at a failing migration, naming it, and ${transactionalDdl ? 'undoes the run' : 'keeps the ones before'}`, async () => {
    const db = await open()
    const error = await migrate(db, migrationsFolder('broken')).then(
      () => undefined,
      (reason: unknown) => reason as ManoucheError,
    )
    expect(error).to.be.instanceOf(ManoucheError).and.include({ code: 'MNC_ERR_DATA_MIGRATION_FAILED' })
    expect(error?.message).to.match(/^Cannot apply migration 0002_broken: .*no_such_table/)
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely)
    expect(applied.rows.map((row) => row.name)).to.deep.equal(transactionalDdl ? [] : ['0001_create_notes'])
  })

  it('names a folder it cannot read', async () => {
    const db = await open()
    const missing = migrationsFolder('missing')
    await rejects(
      migrate(db, missing),
      ManoucheError,
      `Cannot apply the migrations in ${missing}: ENOENT: no such file or directory, scandir '${missing}'`,
    )
  })
}
