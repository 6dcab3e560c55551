// docs/testing.md, sections 2 to 4, as written there: if the guide stops working, this fails.
import path from 'node:path'
import * as chai from 'chai'
import { Field, ListView, MemoryQuerySet, Model, querySetToken, View } from 'manouche'
import { chaiManouche, createTestClient, RequestFactory, type TestClient } from 'manouche/testing'
import { container } from 'tsyringe'

chai.use(chaiManouche)
const { expect } = chai
const templates = { dirs: [path.resolve(import.meta.dirname, '../../fixtures/templates/guide')] }

@Model({ app: 'books', ordering: 'title' })
class Book {
  @Field({ primaryKey: true }) id!: number
  @Field() title!: string
  @Field() author!: string
}

@View('/books/', { name: 'book-list' })
class BookListView extends ListView<Book> {
  override model = Book
  override paginateBy = 2
}

function book(id: number, title: string, author: string): Book {
  return Object.assign(new Book(), { id, title, author })
}

describe('docs/testing.md', () => {
  describe('the client, with the QuerySet swapped', () => {
    let client: TestClient
    beforeEach(async () => {
      const books = [book(1, 'Dune', 'Herbert'), book(2, 'Emma', 'Austen'), book(3, 'Ubik', 'Dick')]
      client = await createTestClient({
        views: [BookListView],
        templates,
        overrides: [[querySetToken(Book), { useValue: new MemoryQuerySet(books, { model: Book }) }]],
      })
    })
    afterEach(() => client.close())

    it('lists the first page of books', async () => {
      const res = await client.get('/books/')
      expect(res).to.have.status(200)
      expect(res).to.have.templateUsed('books/book_list.html')
      expect(res).to.have.contextKey('isPaginated', true)
      expect(res.body).to.include('Dune by Herbert').and.not.include('Ubik')
    })

    it('answers 404 for a page that is not a number', async () => {
      expect(await client.get('/books/', { query: { page: 'frog' } })).to.have.status(404)
    })
  })

  describe('the same view without a server', () => {
    it('puts the books in the context', async () => {
      const services = container.createChildContainer()
      services.register(querySetToken(Book), {
        useValue: new MemoryQuerySet([book(1, 'Dune', 'Herbert')], { model: Book }),
      })
      const factory = new RequestFactory({ container: services })
      const response = await BookListView.asView()(factory.get('/books/'))
      expect(response).to.have.templateUsed('books/book_list.html').and.contextKey('isPaginated', false)
      await BookListView.asView()(factory.delete('/books/'))
      expect(factory.logs).to.deep.equal([
        { level: 'warn', msg: 'Method Not Allowed (DELETE): /books/', statusCode: 405 },
      ])
    })
  })
})
