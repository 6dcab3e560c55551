import { HttpResponse, HttpResponseRedirect } from '@manouche/core'
import { chaiManouche, createTestClient, RequestFactory, type TestClient, type TestResponse } from '@manouche/testing'
import * as chai from 'chai'
import { BookView, type FakeTemplateResponse, fakeTemplates, HelloView, LoginView, PageView } from './fixtures.js'

chai.use(chaiManouche)
const { expect } = chai

/** The message of the assertion error `fn` throws. */
function failure(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(chai.AssertionError)
    return (error as Error).message
  }
  throw new Error('the assertion passed')
}

describe('chaiManouche', () => {
  let client: TestClient
  let hello: TestResponse
  let page: TestResponse
  let book: TestResponse
  let login: TestResponse
  before(async () => {
    client = await createTestClient({ views: [HelloView, PageView, BookView, LoginView], templates: fakeTemplates })
    ;[hello, page, book, login] = await Promise.all([
      client.get('/hello/'),
      client.get('/page/'),
      client.get('/books/7/'),
      client.post('/login/', { form: { user: 'ada' } }),
    ])
  })
  after(async () => {
    await client.close()
  })
  const factory = new RequestFactory()

  describe('status()', () => {
    it('passes on the status and chains on', () => {
      expect(hello).to.have.status(200).and.header('x-hello', 'yes')
      expect(hello).not.to.have.status(404)
    })

    it('says the status expected, the one that came and the start of the body', () => {
      expect(failure(() => expect(hello).to.have.status(201))).to.equal(
        'expected status 201 but got 200; body: Hello world',
      )
      expect(failure(() => expect(hello).not.to.have.status(200))).to.equal(
        'expected status not to be 200; body: Hello world',
      )
    })

    it('cuts the body at 200 characters', () => {
      const long = new HttpResponse('x'.repeat(300), { status: 500 })
      expect(failure(() => expect(long).to.have.status(200))).to.equal(
        `expected status 200 but got 500; body: ${'x'.repeat(200)}…`,
      )
      expect(failure(() => expect(new HttpResponse('')).to.have.status(204))).to.equal(
        'expected status 204 but got 200; body: (empty)',
      )
    })

    it('puts the message given to expect() first', () => {
      expect(failure(() => expect(hello, 'home page').to.have.status(201))).to.equal(
        'home page: expected status 201 but got 200; body: Hello world',
      )
    })
  })

  describe('header()', () => {
    const response = new HttpResponse('', { headers: { 'X-A': '1', 'Set-Cookie': ['a=1', 'b=2'] } })

    it('passes on a header present, equal to a string or matching a RegExp, any case', () => {
      expect(response).to.have.header('x-a').and.header('X-A', '1').and.header('content-type', /html/)
      expect(response).to.have.header('set-cookie', 'b=2')
      expect(response).not.to.have.header('x-b')
      expect(response).not.to.have.header('x-a', '2')
    })

    it('matches a global RegExp the same way every time', () => {
      const one = /1/g
      expect(response).to.have.header('x-a', one).and.header('x-a', one)
      expect(new HttpResponseRedirect('/a1/')).to.redirectTo(one).and.redirectTo(one)
    })

    it('lists the headers there are when one is missing', () => {
      expect(failure(() => expect(response).to.have.header('Location'))).to.equal(
        "expected header 'Location'; headers: x-a, set-cookie, content-type",
      )
    })

    it('says the value that came', () => {
      expect(failure(() => expect(response).to.have.header('x-a', '2'))).to.equal(
        "expected header 'x-a' to be '2' but got '1'",
      )
      expect(failure(() => expect(response).to.have.header('set-cookie', /^c=/))).to.equal(
        "expected header 'set-cookie' to match /^c=/ but got 'a=1', 'b=2'",
      )
      expect(failure(() => expect(response).to.have.header('x-b', '2'))).to.equal(
        "expected header 'x-b' to be '2' but there is no such header",
      )
    })

    it('says what came when negated', () => {
      expect(failure(() => expect(response).not.to.have.header('x-a'))).to.equal("expected no header 'x-a' but got '1'")
      expect(failure(() => expect(response).not.to.have.header('x-a', /\d/))).to.equal(
        "expected header 'x-a' not to match /\\d/",
      )
    })
  })

  describe('templateUsed()', () => {
    it('passes on any template rendered', () => {
      expect(page).to.have.templateUsed('page.html').and.templateUsed('sidebar.html')
      expect(book).to.have.templateUsed('books/book_detail.html')
      expect(book).not.to.have.templateUsed('missing/book.html')
    })

    it('lists the templates rendered', () => {
      expect(failure(() => expect(page).to.have.templateUsed('books/book_list.html'))).to.equal(
        "expected template 'books/book_list.html' to be used; templates rendered: 'sidebar.html', 'page.html'",
      )
      expect(failure(() => expect(page).not.to.have.templateUsed('page.html'))).to.equal(
        "expected template 'page.html' not to be used; templates rendered: 'sidebar.html', 'page.html'",
      )
    })

    it('says when no template was rendered', () => {
      expect(failure(() => expect(hello).to.have.templateUsed('hello.html'))).to.equal(
        "expected template 'hello.html' to be used; no template was rendered",
      )
    })

    it('reads the names a template response returned by a view function asks for', async () => {
      const response = (await BookView.asView()(
        factory.get('/books/7/', { params: { pk: 7 } }),
      )) as FakeTemplateResponse
      expect(response).to.have.templateUsed('books/book_detail.html')
      expect(failure(() => expect(response).to.have.templateUsed('book.html'))).to.equal(
        "expected template 'book.html' to be used; templates asked for (not rendered yet): 'missing/book.html', 'books/book_detail.html'",
      )
      expect(failure(() => expect(response).to.have.status(404))).to.equal(
        'expected status 404 but got 200; body: (not rendered yet)',
      )
    })
  })

  describe('contextKey()', () => {
    it('passes on a key present, deep-equal to the value when given', () => {
      expect(book).to.have.contextKey('title').and.contextKey('pk', 7)
      expect(page).to.have.contextKey('sidebar', '{"links":2}')
      expect(book).not.to.have.contextKey('author')
      expect(book).not.to.have.contextKey('pk', 8)
      expect(book).not.to.have.contextKey('author', 'Herbert')
    })

    it('lists the keys there are when one is missing', () => {
      expect(failure(() => expect(book).to.have.contextKey('author'))).to.equal(
        "expected context key 'author'; keys: pk, title, delay",
      )
      expect(failure(() => expect(book).to.have.contextKey('author', 'Herbert'))).to.equal(
        "expected context key 'author'; keys: pk, title, delay",
      )
    })

    it('says the value that came', () => {
      expect(failure(() => expect(book).to.have.contextKey('pk', 8))).to.equal(
        "expected context key 'pk' to deep-equal 8 but got 7",
      )
      expect(failure(() => expect(book).to.have.contextKey('title', { a: [1] }))).to.equal(
        "expected context key 'title' to deep-equal { a: [ 1 ] } but got 'Book 7'",
      )
      expect(failure(() => expect(book).not.to.have.contextKey('pk', 7))).to.equal(
        "expected context key 'pk' not to deep-equal 7",
      )
      expect(failure(() => expect(book).not.to.have.contextKey('pk'))).to.equal(
        "expected no context key 'pk' but it is 7",
      )
    })

    it('says when no template was rendered', () => {
      expect(failure(() => expect(hello).to.have.contextKey('pk'))).to.equal(
        "expected context key 'pk'; no template was rendered",
      )
    })

    it('reads the contextData of a response returned by a view function', async () => {
      const response = await BookView.asView()(factory.get('/books/3/', { params: { pk: 3 } }))
      expect(response).to.have.contextKey('pk', 3)
    })
  })

  describe('redirectTo()', () => {
    it('passes on a 3xx to the URL, given as a string or a RegExp', () => {
      expect(login).to.redirectTo('/me/')
      expect(login).to.redirectTo(/^\/me/)
      expect(new HttpResponseRedirect('/a/?b=1')).to.redirectTo('/a/?b=1')
      expect(login).not.to.redirectTo('/home/')
      expect(hello).not.to.redirectTo('/me/')
    })

    it('says where the redirect went, or what came instead', () => {
      expect(failure(() => expect(login).to.redirectTo('/home/'))).to.equal(
        "expected a redirect to '/home/' but got a redirect (302) to '/me/'",
      )
      expect(failure(() => expect(hello).to.redirectTo(/me/))).to.equal(
        'expected a redirect to a URL matching /me/ but got status 200; body: Hello world',
      )
      expect(failure(() => expect(new HttpResponse('', { status: 304 })).to.redirectTo('/'))).to.equal(
        "expected a redirect to '/' but got status 304 and no Location header",
      )
      expect(failure(() => expect(login).not.to.redirectTo('/me/'))).to.equal(
        "expected no redirect to '/me/' but got one (302)",
      )
    })
  })

  it('refuses what is not a response', () => {
    expect(() => expect({ status: 200 }).to.have.status(200)).to.throw(
      TypeError,
      'expected { status: 200 } to be a response (a test client response or an HttpResponse)',
    )
  })
})
