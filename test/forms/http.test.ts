// Forms behind views, over HTTP (app.inject through the test client) and called directly with a
// RequestFactory request: what a browser sends reaches the form; what it gets back is escaped.
import { fileURLToPath } from 'node:url'
import { type HttpRequest, HttpResponseRedirect, JsonResponse, View } from '@manouche/core'
import { modelForm } from '@manouche/forms'
import { TemplateView } from '@manouche/generic'
import { RequestFactory, type TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { createTestClient } from 'manouche/testing'
import { Book, ContactForm } from './fixtures.js'

const templates = fileURLToPath(new URL('../../fixtures/templates/forms', import.meta.url))
const saved: Book[] = []
const BookForm = modelForm(Book, { fields: ['title', 'pages'] })

@View('/contact/')
class ContactView extends TemplateView {
  override templateName = 'contact.html'

  override getContextData() {
    return { form: new ContactForm() }
  }

  async post(request: HttpRequest) {
    const form = new ContactForm({ data: request.body as Record<string, unknown> })
    if (await form.isValid()) return new HttpResponseRedirect('/thanks/')
    return this.renderToResponse({ form }, { status: 400 })
  }
}

@View('/api/contact/')
class ContactApi extends TemplateView {
  async post(request: HttpRequest) {
    const form = new ContactForm({ data: request.body as Record<string, unknown> })
    const valid = await form.isValid()
    return new JsonResponse(valid ? { data: form.cleanedData } : { errors: form.errors }, { status: valid ? 201 : 400 })
  }
}

@View('/books/new/')
class BookCreate extends TemplateView {
  override templateName = 'book_form.html'

  async post(request: HttpRequest) {
    const form = new BookForm({ data: request.body as Record<string, unknown> })
    if (!(await form.isValid())) return this.renderToResponse({ form })
    const book = await form.save({
      create: async (values) => {
        const created = Object.assign(new Book(), { id: saved.length + 1 }, values)
        saved.push(created)
        return created
      },
      save: async (object) => object,
    })
    return new HttpResponseRedirect(`/books/${book.id}/`)
  }
}

describe('forms behind views', () => {
  let client: TestClient
  before(async () => {
    client = await createTestClient({ views: [ContactView, ContactApi, BookCreate], templates: { dirs: [templates] } })
  })
  after(() => client.close())
  beforeEach(() => {
    saved.length = 0
  })

  it('renders the unbound form on GET', async () => {
    const res = await client.get('/contact/')
    expect(res.status).to.equal(200)
    expect(res.body).to.include('<input type="text" name="name" id="id_name" required>')
    expect(res.body).to.not.include('errorlist')
  })

  it('redirects after a valid urlencoded POST', async () => {
    const res = await client.post('/contact/', { form: { name: 'Ada', email: 'ada@example.com', message: 'Hi' } })
    expect(res.status).to.equal(302)
    expect(res.headers.get('location')).to.equal('/thanks/')
  })

  it('re-renders an invalid POST with the errors and what was typed, escaped', async () => {
    const res = await client.post('/contact/', {
      form: { name: '<script>alert(1)</script>', email: 'nope', message: 'Hi', extra: 'ignored' },
    })
    expect(res.status).to.equal(400)
    expect(res.body).to.not.include('<script>')
    expect(res.body).to.include('value="&#60;script&#62;alert(1)&#60;/script&#62;"')
    expect(res.body).to.include('<li>Enter a valid email address.</li>')
    expect(res.body).to.include('value="nope"')
    expect(res.context?.form).to.be.instanceOf(ContactForm)
  })

  it('refuses a key sent twice where the form takes one value', async () => {
    const res = await client.post('/contact/', {
      form: { name: ['Ada', 'Grace'], email: 'ada@example.com', message: 'Hi' },
    })
    expect(res.status).to.equal(400)
    expect(res.body).to.include('<li>Enter a single value (this field was sent 2 times).</li>')
  })

  it('validates a JSON body the same way', async () => {
    const ok = await client.post('/api/contact/', { json: { name: 'Ada', email: 'ada@example.com', message: 'Hi' } })
    expect(ok.status).to.equal(201)
    expect(ok.json()).to.deep.equal({ data: { name: 'Ada', email: 'ada@example.com', message: 'Hi', copy: false } })
    const bad = await client.post('/api/contact/', { json: { name: '', email: 'ada@example.com', message: 'Hi' } })
    expect(bad.status).to.equal(400)
    expect(bad.json()).to.deep.equal({ errors: { name: ['Enter your name.'] } })
  })

  it('saves a modelForm from browser strings and redirects to the new object', async () => {
    const res = await client.post('/books/new/', { form: { title: 'Germinal', pages: '592', id: '99' } })
    expect(res.status).to.equal(302)
    expect(res.headers.get('location')).to.equal('/books/1/')
    expect(saved).to.have.length(1)
    expect(saved[0]).to.include({ id: 1, title: 'Germinal', pages: 592 })
  })

  it('shows a modelForm field at a time with its error, and saves nothing', async () => {
    const res = await client.post('/books/new/', { form: { title: 'x'.repeat(25), pages: 'many' } })
    expect(res.status).to.equal(200)
    expect(res.body).to.include(
      '<ul class="errorlist" id="id_title_error"><li>Ensure this value has at most 20 characters (it has 25).</li></ul>',
    )
    expect(res.body).to.include('<ul class="errorlist" id="id_pages_error"><li>Enter a whole number.</li></ul>')
    expect(res.body).to.include('value="many"')
    expect(saved).to.deep.equal([])
  })

  it('works the same called directly with a RequestFactory request', async () => {
    const request = new RequestFactory().post('/books/new/', { form: { title: 'Nana', pages: '400' } })
    const res = await BookCreate.asView()(request, {})
    expect(res.status).to.equal(302)
    expect(saved[0]).to.include({ title: 'Nana', pages: 400 })
  })
})
