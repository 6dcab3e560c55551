// The library as an application: add, edit and delete books in its SQLite database, with the
// list's Last-Modified moving on each write, and a database from an older sample still opening.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, use } from 'chai'
import { openDatabase, registerQuerySets, type SqlDatabase } from 'manouche'
import { chaiManouche, createTestClient, type TestClient } from 'manouche/testing'
import { container } from 'tsyringe'
import { TEMPLATES } from './app.js'
import { Book, LibraryState } from './models.js'
import { openLibrary } from './seed.js'
import { views } from './views.js'

use(chaiManouche)

const valid = { title: 'Nana', author: 'Émile Zola', pages: '400', publicationDate: '1880-03-15', slug: 'nana' }

describe('books sample, editable', () => {
  let db: SqlDatabase
  let client: TestClient
  beforeEach(async () => {
    db = await openLibrary('sqlite::memory:', 30)
    const library = registerQuerySets(container.createChildContainer(), db, [Book, LibraryState])
    client = await createTestClient({ views, templates: { dirs: [TEMPLATES] }, container: library })
  })
  afterEach(async () => {
    await client.close()
    await db.close()
  })

  it('links the list to the new-book page, and a book to its edit and delete pages', async () => {
    expect((await client.get('/books/')).body).to.contain('href="/books/new/"')
    const detail = (await client.get('/books/7/')).body
    expect(detail).to.contain('href="/books/7/edit/"').and.to.contain('href="/books/7/delete/"')
  })

  it('adds a book and lands on its page, its updatedAt stamped', async () => {
    const before = Date.now()
    const res = await client.post('/books/new/', { form: valid })
    expect(res).to.redirectTo('/books/31/')
    const book = await db.querySet(Book).get({ pk: 31 })
    expect(book).to.include({ title: 'Nana', author: 'Émile Zola', pages: 400, slug: 'nana' })
    expect(book.updatedAt.getTime()).to.be.at.least(before - 1000)
    expect((await client.get('/books/31/')).body).to.contain('<h1>Nana</h1>')
  })

  it('shows the errors of an empty form with what was typed, writing nothing', async () => {
    const res = await client.post('/books/new/', { form: { title: '', author: 'Zola', pages: 'many' } })
    expect(res).to.have.status(200).and.to.have.templateUsed('books/book_form.html')
    expect(res.body).to.contain('<h1>New book</h1>')
    expect(res.body).to.contain('<ul class="errorlist" id="id_title_error"><li>This field is required.</li></ul>')
    expect(res.body).to.contain('<li>Enter a whole number.</li>').and.to.contain('value="many"')
    expect(res.body).to.contain('value="Zola"')
    expect(await db.querySet(Book).count()).to.equal(30)
  })

  it('edits a book and shows it, and keeps a slug that is taken from being saved', async () => {
    const form = await client.get('/books/5/edit/')
    expect(form).to.have.status(200).and.to.have.templateUsed('books/book_form.html')
    const res = await client.post('/books/5/edit/', { form: { ...valid, title: 'Nana (revised)' } })
    expect(res).to.redirectTo('/books/5/')
    expect((await db.querySet(Book).get({ pk: 5 })).title).to.equal('Nana (revised)')
    const taken = await client.post('/books/6/edit/', { form: valid })
    expect(taken).to.have.status(200)
    expect(taken.body).to.contain('errorlist')
    expect((await db.querySet(Book).get({ pk: 6 })).slug).to.not.equal('nana')
  })

  it('confirms, then deletes a book and goes back to the list', async () => {
    const confirm = await client.get('/books/3/delete/')
    expect(confirm).to.have.status(200).and.to.have.templateUsed('books/book_confirm_delete.html')
    expect(await client.post('/books/3/delete/')).to.redirectTo('/books/')
    expect(await client.get('/books/3/')).to.have.status(404)
    expect(await client.post('/books/3/delete/')).to.have.status(404)
  })

  it('answers 404 for editing or deleting a book that is not there', async () => {
    expect(await client.get('/books/999/edit/')).to.have.status(404)
    expect(await client.post('/books/999/edit/', { form: valid })).to.have.status(404)
    expect(await client.delete('/books/999/delete/')).to.have.status(404)
  })

  for (const [what, write] of [
    ['an add', (c: TestClient) => c.post('/books/new/', { form: valid })],
    ['an edit', (c: TestClient) => c.post('/books/2/edit/', { form: valid })],
    ['a delete', (c: TestClient) => c.post('/books/2/delete/')],
    ['an HTTP DELETE', (c: TestClient) => c.delete('/books/2/delete/')],
  ] as const) {
    it(`gives a client holding a 304 a 200 after ${what}`, async () => {
      // The library last changed long ago (Last-Modified counts whole seconds, so not just now).
      await db.querySet(LibraryState).update({ changedAt: new Date('2020-01-01T00:00:00Z') })
      const lastModified = (await client.head('/books/')).headers.get('last-modified') as string
      const conditional = { headers: { 'if-modified-since': lastModified } }
      expect(await client.get('/books/', conditional)).to.have.status(304)
      expect((await write(client)).status).to.equal(302)
      expect(await client.get('/books/', conditional)).to.have.status(200)
    })
  }

  it('leaves Last-Modified alone after a write that failed', async () => {
    const lastModified = (await client.head('/books/')).headers.get('last-modified') as string
    expect((await client.post('/books/new/', { form: { title: '' } })).status).to.equal(200)
    expect((await client.head('/books/')).headers.get('last-modified')).to.equal(lastModified)
  })
})

describe('books sample, opening a database an older sample made', () => {
  let folder: string
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'books-'))
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('adds updated_at (from each publication date) and serves the list, once', async () => {
    const url = `sqlite:${path.join(folder, 'books.sqlite3')}`
    const old = await openDatabase(url)
    await old.kysely.schema
      .createTable('books_book')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('title', 'text')
      .addColumn('author', 'text')
      .addColumn('pages', 'real')
      .addColumn('publication_date', 'text')
      .addColumn('slug', 'text', (column) => column.unique())
      .execute()
    await old.kysely
      .insertInto('books_book' as never)
      .values({
        id: 1,
        title: 'Old',
        author: 'A',
        pages: 10,
        publication_date: '1999-01-02T00:00:00.000Z',
        slug: 'old',
      } as never)
      .execute()
    await old.close()

    const db = await openLibrary(url)
    const book = await db.querySet(Book).get({ pk: 1 })
    expect(book.updatedAt.toISOString()).to.equal('1999-01-02T00:00:00.000Z')
    expect(await db.querySet(Book).count()).to.equal(1)
    const client = await createTestClient({
      views,
      templates: { dirs: [TEMPLATES] },
      container: registerQuerySets(container.createChildContainer(), db, [Book, LibraryState]),
    })
    const list = await client.get('/books/')
    expect(list).to.have.status(200).and.to.have.header('last-modified', 'Sat, 02 Jan 1999 00:00:00 GMT')
    expect(await client.post('/books/1/edit/', { form: { ...valid, slug: 'old' } })).to.redirectTo('/books/1/')
    await client.close()
    await db.close()
    const again = await openLibrary(url)
    expect((await again.querySet(Book).get({ pk: 1 })).title).to.equal('Nana')
    await again.close()
  })
})
