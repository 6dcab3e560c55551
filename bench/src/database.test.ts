// The bench database has the lean reference's shape, so both apps measure the same kind of data.
import Database from 'better-sqlite3'
import { expect } from 'chai'
import { ensureBenchDb } from './database.js'
import { dbFile } from './fixtures.js'

describe('bench: the database', () => {
  it('holds 1,000 books with distinct YYYY-MM-DD dates, ids unrelated to dates, and text to escape', () => {
    ensureBenchDb()
    const db = new Database(dbFile, { readonly: true })
    try {
      const one = <T>(sql: string) => db.prepare<[], T>(sql).pluck().get() as T
      expect(one<number>('SELECT COUNT(*) FROM books')).to.equal(1000)
      expect(one<number>('SELECT COUNT(DISTINCT publication_date) FROM books')).to.equal(1000)
      expect(
        one<number>(
          "SELECT COUNT(*) FROM books WHERE publication_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'",
        ),
      ).to.equal(0)
      const byDate = db.prepare<[], number>('SELECT id FROM books ORDER BY publication_date LIMIT 5').pluck().all()
      expect(byDate).not.to.deep.equal([1, 2, 3, 4, 5])
      for (const mark of ['&', '<', '>']) {
        expect(one<number>(`SELECT COUNT(*) FROM books WHERE title LIKE '%${mark}%'`)).to.be.above(0)
      }
      expect(one<number>("SELECT COUNT(*) FROM books WHERE author LIKE '%&%'")).to.be.above(0)
      const indexes = db
        .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'books'")
        .pluck()
        .all()
      expect(indexes.join()).to.include('(publication_date)')
    } finally {
      db.close()
    }
  })
})
