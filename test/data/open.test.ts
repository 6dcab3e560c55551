// openDatabase(): a URL (or DATABASE_URL) picks the backend; a bad one, or a server that does
// not answer, fails at once with a message naming the URL without its password.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImproperlyConfigured } from '@manouche/core'
import { DatabaseUnavailable, openDatabase, redactUrl, sqliteFlavor } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { rejects } from './contract.js'

const SCHEMES = "use 'sqlite:<file>' or 'postgres://user:password@host:port/database'"

describe('openDatabase()', () => {
  const saved = process.env.DATABASE_URL
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = saved
  })

  it('opens SQLite from sqlite:<file>, and the file keeps its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manouche-open-'))
    try {
      const first = await openDatabase(`sqlite:${join(dir, 'books.sqlite3')}`)
      expect(first.flavor).to.equal(sqliteFlavor)
      await first.createTables(Book)
      await first.insert(Book, makeBooks())
      await first.close()
      const again = await openDatabase(`sqlite://${join(dir, 'books.sqlite3')}`)
      expect(await again.querySet(Book).count()).to.equal(6)
      await again.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('fails at once, naming the absolute path, for a SQLite file it cannot open or that is not SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manouche-open-'))
    try {
      const notes = join(dir, 'notes.txt')
      writeFileSync(notes, 'Plain text, no database here. '.repeat(10))
      mkdirSync(join(dir, 'folder'))
      await rejects(
        openDatabase(`sqlite:${join(dir, 'missing', 'db.sqlite3')}`),
        DatabaseUnavailable,
        `Cannot open the SQLite database ${join(dir, 'missing', 'db.sqlite3')}: Cannot open database because the directory does not exist`,
      )
      await rejects(
        openDatabase(`sqlite:${join(dir, 'folder')}`),
        DatabaseUnavailable,
        `Cannot open the SQLite database ${join(dir, 'folder')}: unable to open database file`,
      )
      await rejects(
        openDatabase(`sqlite:${notes}`),
        DatabaseUnavailable,
        `Cannot open the SQLite database ${notes}: file is not a database`,
      )
      expect(readFileSync(notes, 'utf8')).to.equal('Plain text, no database here. '.repeat(10))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads DATABASE_URL when no URL is given', async () => {
    process.env.DATABASE_URL = 'sqlite::memory:'
    const db = await openDatabase()
    await db.createTables(Book)
    expect(await db.querySet(Book).count()).to.equal(0)
    await db.close()
  })

  it('asks for a URL when there is none', async () => {
    delete process.env.DATABASE_URL
    const error = await rejects(
      openDatabase(),
      ImproperlyConfigured,
      `openDatabase(): no database URL: pass one or set DATABASE_URL (${SCHEMES}).`,
    )
    expect(error).to.have.property('code', 'MNC_ERR_DATA_BAD_URL')
  })

  it('names an unknown scheme, a string that is no URL and a file-less sqlite:, masking passwords', async () => {
    await rejects(
      openDatabase('mysql://root:hunter2@db:3306/app'),
      ImproperlyConfigured,
      `openDatabase(): unknown scheme 'mysql:' in 'mysql://root:***@db:3306/app': ${SCHEMES}.`,
    )
    await rejects(
      openDatabase('books.sqlite3'),
      ImproperlyConfigured,
      `openDatabase(): 'books.sqlite3' is not a database URL: ${SCHEMES}.`,
    )
    await rejects(
      openDatabase('postgres://app:hunter2@db host/app'),
      ImproperlyConfigured,
      `openDatabase(): 'postgres://app:***@db host/app' is not a valid URL: ${SCHEMES}.`,
    )
    await rejects(
      openDatabase('sqlite:'),
      ImproperlyConfigured,
      "openDatabase(): 'sqlite:' names no file: write 'sqlite:<file>' or 'sqlite::memory:'.",
    )
  })

  it('fails at once when PostgreSQL does not answer, naming the URL without its password', async () => {
    const error = await rejects(
      openDatabase('postgres://app:s3cr%40t@127.0.0.1:1/app'),
      DatabaseUnavailable,
      'Cannot connect to the database at postgres://app:***@127.0.0.1:1/app: connect ECONNREFUSED 127.0.0.1:1',
    )
    expect(error).to.include({ code: 'MNC_ERR_DATA_UNAVAILABLE', statusCode: 503 })
    expect(error.message).not.to.include('s3cr')
  })

  it('gives up connecting after connectTimeout instead of hanging', async () => {
    const started = Date.now()
    // 192.0.2.0/24 is reserved for documentation: nothing answers there.
    const error = await openDatabase('postgres://app:pw@192.0.2.1:5432/app', { connectTimeout: 300 }).catch(
      (reason: unknown) => reason,
    )
    expect(error).to.be.instanceOf(DatabaseUnavailable)
    expect((error as Error).message).to.match(
      /^Cannot connect to the database at postgres:\/\/app:\*\*\*@192\.0\.2\.1:5432\/app: /,
    )
    expect(Date.now() - started).to.be.below(3000)
  })
})

describe('redactUrl()', () => {
  it('masks the password in the authority and in the query, and leaves the rest', () => {
    expect(redactUrl('postgres://app:p@ss:w0rd@db:5432/x')).to.equal('postgres://app:***@db:5432/x')
    expect(redactUrl('postgres://db/x?user=app&password=pw&sslmode=require')).to.equal(
      'postgres://db/x?user=app&password=***&sslmode=require',
    )
    expect(redactUrl('postgres://app@db/x')).to.equal('postgres://app@db/x')
    expect(redactUrl('sqlite:books.sqlite3')).to.equal('sqlite:books.sqlite3')
  })
})
