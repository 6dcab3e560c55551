import nodePath from 'node:path'
import { expect, use } from 'chai'
import {
  MemoryQuerySet,
  migrate,
  openDatabase,
  path,
  querySetToken,
  registerQuerySets,
  type SqlDatabase,
} from 'manouche'
import { chaiManouche, createTestClient, RequestFactory, type TestClient } from 'manouche/testing'
import { container } from 'tsyringe'
import { TEMPLATES } from './app.js'
import { Book, LibraryState } from './models.js'
import { openLibrary, seedBook } from './seed.js'
import { BookListView, views } from './views.js'

use(chaiManouche)

/** The PostgreSQL server to test on: DATABASE_URL's (which must answer), else the local one if it answers. */
const postgres = await (async () => {
  const fromEnv = process.env.DATABASE_URL
  if (fromEnv !== undefined && /^postgres(ql)?:/i.test(fromEnv)) return fromEnv
  const local = 'postgres://postgres@127.0.0.1:5432/test'
  const probe = await openDatabase(local, { connectTimeout: 1000 }).catch(() => undefined)
  await probe?.close()
  return probe && local
})()

/** Five books in memory, the newest (id 3) published on 2024-05-01. */
function fewBooks(): MemoryQuerySet<Book> {
  const dates = ['2001-01-01', '1999-09-09', '2024-05-01', '1950-02-02', '2010-10-10']
  const books = dates.map((d, i) => Object.assign(seedBook(i), { publicationDate: new Date(`${d}T12:00:00Z`) }))
  return new MemoryQuerySet(books, { model: Book })
}

/** The library's state in memory: last changed when its newest book appeared. */
function memoryState(): MemoryQuerySet<LibraryState> {
  const state = Object.assign(new LibraryState(), { id: 1, changedAt: new Date('2024-05-01T12:00:00Z') })
  return new MemoryQuerySet([state], { model: LibraryState })
}

describe('books sample', () => {
  describe('with its QuerySet swapped for a MemoryQuerySet', () => {
    let client: TestClient
    before(async () => {
      client = await createTestClient({
        views,
        templates: { dirs: [TEMPLATES] },
        overrides: [
          [querySetToken(Book), { useValue: fewBooks() }],
          [querySetToken(LibraryState), { useValue: memoryState() }],
        ],
      })
    })
    after(() => client.close())

    it('lists the books newest first with book_list.html', async () => {
      const res = await client.get('/books/')
      expect(res).to.have.status(200).and.to.have.templateUsed('books/book_list.html')
      expect((res.context!.bookList as Book[]).map((b) => b.id)).to.deep.equal([3, 5, 1, 2, 4])
      expect(res.context!.isPaginated).to.equal(false)
      expect(res.body).to.contain('href="/books/3/"')
      // Revalidated on every visit, so that a browser shows a book just added (test/browser).
      expect(res).to.have.header('Cache-Control', 'no-cache')
    })

    it('answers a missing page and a failure with its own 404.html and 500.html, in its layout', async () => {
      const missing = await client.get('/books/99/')
      expect(missing).to.have.status(404).and.to.have.templateUsed('404.html')
      expect(missing.body).to.contain('<title>Not Found · Manouche library</title>')
      expect(missing.body).to.contain('<nav><a href="/books/">Books</a><a href="/about/">About</a></nav>')
      expect(missing.body).to.contain('There is nothing at <code>/books/99/</code>.')
      const broken = await createTestClient({
        views,
        templates: { dirs: [TEMPLATES] },
        urlpatterns: [path('boom/', () => Promise.reject(new Error('the disk is full')))],
        logLevel: 'silent', // the 500 is logged with its stack otherwise
      })
      const failed = await broken.get('/boom/')
      expect(failed).to.have.status(500).and.to.have.templateUsed('500.html')
      expect(failed.body).to.contain('<h1>Server Error (500)</h1>')
      expect(failed.body).to.contain('<link rel="stylesheet" href="/static/books.css">')
      expect(failed.body).not.to.contain('the disk is full')
      await broken.close()
    })

    it('serves its style sheet and icon, which every page (error pages too) can find', async () => {
      const style = await client.get('/static/books.css')
      expect(style).to.have.status(200).and.to.have.header('Content-Type', 'text/css; charset=utf-8')
      expect(style.body).to.contain('max-width: 48rem')
      const icon = await client.get('/favicon.ico')
      expect(icon).to.have.status(200).and.to.have.header('Content-Type', 'image/x-icon')
    })

    it('reports when the library last changed on HEAD, with no body', async () => {
      const res = await client.head('/books/')
      expect(res).to.have.status(200).and.to.have.header('Last-Modified', 'Wed, 01 May 2024 12:00:00 GMT')
      expect(res.body).to.equal('')
      expect(res.templates).to.deep.equal([])
    })

    it('answers 304 before rendering when the list has not changed', async () => {
      const res = await client.get('/books/', { headers: { 'if-modified-since': 'Wed, 01 May 2024 12:00:00 GMT' } })
      expect(res).to.have.status(304)
      expect(res.templates).to.deep.equal([])
    })

    it('shows one book by pk, and 404s for a pk that is no book or no number', async () => {
      const res = await client.get('/books/3/')
      expect(res).to.have.status(200).and.to.have.templateUsed('books/book_detail.html')
      expect(res).to.have.contextKey('book')
      expect(res.body).to.contain((res.context!.book as Book).title)
      expect(await client.get('/books/99/')).to.have.status(404)
      expect(await client.get('/books/abc/')).to.have.status(404)
    })

    it('redirects / to the book list', async () => {
      expect(await client.get('/')).to.redirectTo('/books/')
    })

    it('links the list to an archive by publication date, newest first, with the years', async () => {
      expect((await client.get('/books/')).body).to.contain('href="/books/archive/"')
      const res = await client.get('/books/archive/')
      expect(res).to.have.status(200).and.to.have.templateUsed('books/book_archive.html')
      expect((res.context!.dateList as Date[]).map((d) => d.getUTCFullYear())).to.deep.equal([
        2024, 2010, 2001, 1999, 1950,
      ])
      expect(res.body).to.contain('href="/books/archive/2024/may/1/3/"')
    })

    it('walks a year, a month and a day, with links that skip empty periods', async () => {
      const year = await client.get('/books/archive/2010/')
      expect(year).to.have.status(200).and.to.have.templateUsed('books/book_archive_year.html')
      expect(year.body).to.contain('href="/books/archive/2010/oct/"')
      expect(year.body).to.contain('href="/books/archive/2001/"').and.to.contain('href="/books/archive/2024/"')
      const month = await client.get('/books/archive/2024/may/')
      expect(month).to.have.status(200).and.to.have.templateUsed('books/book_archive_month.html')
      expect(month.body).to.contain('href="/books/archive/2010/oct/"')
      const day = await client.get('/books/archive/2024/may/1/')
      expect(day).to.have.status(200)
      expect((day.context!.bookList as Book[]).map((b) => b.id)).to.deep.equal([3])
      const detail = await client.get('/books/archive/2024/may/1/3/')
      expect(detail).to.have.status(200).and.to.have.templateUsed('books/book_detail.html')
      expect(await client.get('/books/archive/2024/may/2/3/')).to.have.status(404)
    })

    it('answers 404 for dates that do not parse or hold no book', async () => {
      for (const url of [
        '/books/archive/2024/foo/',
        '/books/archive/2024/feb/31/',
        '/books/archive/2024/week/54/',
        '/books/archive/2000/',
      ]) {
        expect(await client.get(url), url).to.have.status(404)
      }
      expect(await client.get('/books/archive/today/')).to.have.status(200)
    })
  })

  describe('on its SQLite database', () => {
    let db: SqlDatabase
    let client: TestClient
    before(async () => {
      db = await openLibrary('sqlite::memory:')
      const library = registerQuerySets(container.createChildContainer(), db, [Book, LibraryState])
      client = await createTestClient({ views, templates: { dirs: [TEMPLATES] }, container: library })
    })
    after(async () => {
      await client.close()
      await db.close()
    })

    it('seeds 1,000 books and shows 20 a page', async () => {
      const res = await client.get('/books/?page=2')
      expect(res).to.have.status(200)
      expect(res.context!.bookList).to.have.length(20)
      expect(res.body).to.contain('Page 2 of 50')
      expect(res.body).to.contain('1000 books')
    })

    it('reads the pager as words, with links on every side but the edge', async () => {
      const pager = async (query: string) => {
        const html = (await client.get(`/books/${query}`)).body
        const nav = html.slice(html.indexOf('<nav class="pagination"'), html.lastIndexOf('</nav>'))
        return nav
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      }
      expect(await pager('')).to.equal('Page 1 of 50 next › last »')
      expect(await pager('?page=2')).to.equal('« first ‹ previous Page 2 of 50 next › last »')
      expect(await pager('?page=last')).to.equal('« first ‹ previous Page 50 of 50')
    })

    it('serves ?page=last and 404s for pages that are no page', async () => {
      expect((await client.get('/books/?page=last')).context!.pageObj).to.have.property('number', 50)
      for (const page of ['abc', '-1', '0', '51', '99999999999999999999', "1'; DROP TABLE books_book; --"]) {
        expect(await client.get(`/books/?page=${encodeURIComponent(page)}`), page).to.have.status(404)
      }
      expect(await db.querySet(Book).count()).to.equal(1000)
    })

    it('runs the same three queries for a list page whatever the table holds', async () => {
      // lastModified(), the count and the page.
      const queriesFor = async (database: SqlDatabase, c: TestClient) => {
        const before = database.queryCount
        expect(await c.get('/books/?page=7')).to.have.status(200)
        return database.queryCount - before
      }
      const big = await openLibrary('sqlite::memory:', 5000)
      const bigClient = await createTestClient({
        views,
        templates: { dirs: [TEMPLATES] },
        container: registerQuerySets(container.createChildContainer(), big, [Book, LibraryState]),
      })
      expect(await queriesFor(db, client)).to.equal(3)
      expect(await queriesFor(big, bigClient)).to.equal(3)
      await bigClient.close()
      await big.close()
    })

    it('applies its migrations when it opens the library, once', async () => {
      const fresh = await openLibrary('sqlite::memory:', 10)
      const folder = nodePath.resolve(import.meta.dirname, 'migrations')
      expect(await migrate(fresh, folder)).to.deep.equal([])
      const applied = await fresh.kysely
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()
      expect(applied.map((row) => (row as { name: string }).name)).to.deep.equal([
        '0001_index_author',
        '0002_book_updated_at',
      ])
      await fresh.close()
    })

    it('answers HEAD with Last-Modified and a matching If-Modified-Since with 304', async () => {
      const head = await client.head('/books/')
      const lastModified = head.headers.get('last-modified') as string
      expect(lastModified).to.match(/GMT$/)
      expect(await client.get('/books/', { headers: { 'if-modified-since': lastModified } })).to.have.status(304)
    })
  })

  // Runs where the data tests' PostgreSQL leg runs; when that leg is skipped it says so, and
  // this one registers nothing.
  if (postgres !== undefined) {
    describe('on PostgreSQL', () => {
      const schema = `books_sample_${process.pid}_${Date.now()}`
      const inSchema = { pool: { options: `-c search_path=${schema}` } }
      let admin: SqlDatabase
      let db: SqlDatabase
      let client: TestClient
      before(async () => {
        admin = await openDatabase(postgres)
        await admin.kysely.schema.createSchema(schema).execute()
        db = await openLibrary(postgres, 1000, inSchema)
        const library = registerQuerySets(container.createChildContainer(), db, [Book, LibraryState])
        client = await createTestClient({ views, templates: { dirs: [TEMPLATES] }, container: library })
      })
      after(async () => {
        await client.close()
        await db.close()
        await admin.kysely.schema.dropSchema(schema).ifExists().cascade().execute()
        await admin.close()
      })

      it('seeds 1,000 books once and shows them newest first, 20 a page', async () => {
        const again = await openLibrary(postgres, 1000, inSchema)
        expect(await again.querySet(Book).count()).to.equal(1000)
        await again.close()
        const res = await client.get('/books/?page=2')
        expect(res).to.have.status(200)
        expect(res.body).to.contain('Page 2 of 50').and.to.contain('1000 books')
        const dates = (res.context!.bookList as Book[]).map((book) => book.publicationDate.getTime())
        expect(dates).to.deep.equal([...dates].sort((a, b) => b - a))
      })

      it('shows a book, answers 304 to its own Last-Modified, and 404s for bad pages and pks', async () => {
        const book = await db.querySet(Book).get({ pk: 42 })
        expect(await client.get('/books/42/'))
          .to.have.status(200)
          .and.to.have.contextKey('book')
        expect((await client.get('/books/42/')).body).to.contain(book.title)
        const lastModified = (await client.head('/books/')).headers.get('last-modified') as string
        expect(await client.get('/books/', { headers: { 'if-modified-since': lastModified } })).to.have.status(304)
        for (const path of ['/books/1001/', "/books/?page=1'; DROP TABLE books_book; --", '/books/?page=51']) {
          expect(await client.get(path), path).to.have.status(404)
        }
        expect(await db.querySet(Book).count()).to.equal(1000)
      })
    })
  }

  describe('BookListView called directly', () => {
    it('gives getQueryset() the container QuerySet, ordered newest first', async () => {
      const factory = new RequestFactory()
      const request = factory.get('/books/')
      request.container.register(querySetToken(Book), { useValue: fewBooks() })
      request.container.register(querySetToken(LibraryState), { useValue: memoryState() })
      const view = BookListView.asView()
      const response = await view(request)
      expect(response).to.have.status(200).and.to.have.templateUsed('books/book_list.html')
      expect((await view(factory.head('/books/', { container: request.container }))).status).to.equal(200)
    })
  })
})
