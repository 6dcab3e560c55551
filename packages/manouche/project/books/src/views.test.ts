import { expect, use } from 'chai'
import { MemoryQuerySet, querySetToken } from 'manouche'
import { chaiManouche, createTestClient, type TestClient } from 'manouche/testing'
import { TEMPLATES } from './app.js'
import { Book } from './models.js'
import { seedBook } from './seed.js'
import { views } from './views.js'

use(chaiManouche)

describe('the library', () => {
  let client: TestClient
  before(async () => {
    // 25 books in memory: no database for this test.
    const books = new MemoryQuerySet(
      Array.from({ length: 25 }, (_, i) => seedBook(i)),
      { model: Book },
    )
    client = await createTestClient({
      views,
      templates: { dirs: [TEMPLATES] },
      overrides: [[querySetToken(Book), { useValue: books }]],
    })
  })
  after(() => client.close())

  it('lists 20 books a page, newest first', async () => {
    const res = await client.get('/books/')
    expect(res).to.have.status(200).and.to.have.templateUsed('books/book_list.html')
    expect(res.context!.bookList).to.have.length(20)
    expect(res.body).to.contain('Page 1 of 2')
  })

  it('shows one book, and 404s for a pk that is none', async () => {
    expect(await client.get('/books/3/'))
      .to.have.status(200)
      .and.to.have.templateUsed('books/book_detail.html')
    expect(await client.get('/books/99/')).to.have.status(404)
  })

  it('renders the about page and redirects / to the list', async () => {
    expect(await client.get('/about/'))
      .to.have.status(200)
      .and.to.have.templateUsed('about.html')
    expect(await client.get('/')).to.redirectTo('/books/')
  })
})
