// Django's edit views (django/views/generic/edit.py) through the test client and called directly
// with RequestFactory requests, on the memory and SQLite backends.
import { ImproperlyConfigured } from '@manouche/core'
import { MemoryQuerySet } from '@manouche/data'
import { FormView } from '@manouche/generic'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { backends, caught } from '../fixtures/generic-views.js'
import {
  Author,
  AuthorCreate,
  AuthorCreateAbsolute,
  AuthorDelete,
  AuthorUpdate,
  authorRows,
  ContactForm,
  ContactView,
  callEdit,
  rows,
  useEditApp,
} from './edit-helpers.js'

describe('FormView', () => {
  const memory = () => new MemoryQuerySet(authorRows(), { model: Author })

  it('renders an unbound form on GET, with the view in the context', async () => {
    const res = await callEdit(ContactView.asView(), memory(), 'get', '/contact/')
    expect(res.status).to.equal(200)
    expect(res.templateName).to.deep.equal(['contact.html'])
    const form = res.contextData?.form as ContactForm
    expect(form).to.be.instanceOf(ContactForm)
    expect(form.isBound).to.equal(false)
    expect(res.contextData?.view).to.be.instanceOf(ContactView)
    expect(res.content.toString()).to.include('<input type="text" name="name" id="id_name" required>')
  })

  it('redirects to successUrl after a valid POST', async () => {
    const res = await callEdit(ContactView.asView(), memory(), 'post', '/contact/', {
      form: { name: 'Ada', message: 'Hi' },
    })
    expect(res.status).to.equal(302)
    expect(res.headers.get('location')).to.equal('/thanks/')
  })

  it('treats PUT as POST', async () => {
    const res = await callEdit(ContactView.asView(), memory(), 'put', '/contact/', {
      form: { name: 'Ada', message: '' },
    })
    expect(res.headers.get('location')).to.equal('/thanks/')
  })

  it('renders the bound form again with its errors after an invalid POST', async () => {
    const res = await callEdit(ContactView.asView(), memory(), 'post', '/contact/', {
      form: { name: '', message: 'x'.repeat(51) },
    })
    expect(res.status).to.equal(200)
    const form = res.contextData?.form as ContactForm
    expect(form.isBound).to.equal(true)
    expect(form.errors).to.have.keys('name', 'message')
    expect(res.content.toString()).to.include('<li>Enter your name.</li>')
    expect(res.content.toString()).to.include(`value="${'x'.repeat(51)}"`)
  })

  it('gives each request its own copy of initial, and uses prefix', async () => {
    const view = ContactView.asView({ initial: { name: 'Ada' }, prefix: 'c' })
    const first = await callEdit(view, memory(), 'get', '/contact/')
    const form = first.contextData?.form as ContactForm
    ;(form.initial as Record<string, unknown>).name = 'changed'
    const second = await callEdit(view, memory(), 'get', '/contact/')
    const again = second.contextData?.form as ContactForm
    expect(again.initial).to.deep.equal({ name: 'Ada' })
    expect(second.content.toString()).to.include('name="c-name" id="id_c-name" required value="Ada"')
  })

  it('awaits async hooks', async () => {
    class AsyncContact extends ContactView {
      override async getInitial() {
        return { name: 'from an async hook' }
      }
      override async getSuccessUrl() {
        return '/async/'
      }
    }
    const get = await callEdit(AsyncContact.asView(), memory(), 'get', '/contact/')
    expect(get.content.toString()).to.include('value="from an async hook"')
    const post = await callEdit(AsyncContact.asView(), memory(), 'post', '/', { form: { name: 'A', message: 'B' } })
    expect(post.headers.get('location')).to.equal('/async/')
  })

  it("says Django's 'No URL to redirect to' when there is no successUrl", async () => {
    const error = await caught(() =>
      callEdit(ContactView.asView({ successUrl: undefined }), memory(), 'post', '/', {
        form: { name: 'A', message: '' },
      }),
    )
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect(error.message).to.equal('No URL to redirect to. Provide a successUrl.')
  })

  it('names the class when there is no formClass', async () => {
    class NoForm extends FormView {
      override templateName = 'contact.html'
    }
    const error = await caught(() => callEdit(NoForm.asView(), memory(), 'get', '/'))
    expect(error.message).to.equal('NoForm has no form class: set NoForm.formClass or override NoForm.getFormClass().')
  })

  it('allows GET, POST, PUT, HEAD and OPTIONS', async () => {
    const res = await ContactView.asView()(new RequestFactory().options('/contact/'))
    expect(res.headers.get('allow')).to.equal('GET, POST, PUT, HEAD, OPTIONS')
  })
})

for (const backend of backends) {
  describe(`CreateView (${backend.name})`, () => {
    const app = useEditApp(backend)

    it('renders books/author_form.html with an empty form and no object', async () => {
      const res = await app().client.get('/authors/new/')
      expect(res.status).to.equal(200)
      expect(res.templateName).to.equal('books/author_form.html')
      expect(res.context?.object).to.equal(undefined)
      expect(res.body).to.include('<h1>New author</h1>')
      expect(res.body).to.include('name="slug"')
      expect(res.body).to.include('name="books" id="id_books" required value="0"')
    })

    it('creates the object and redirects to successUrl', async () => {
      const res = await app().client.post('/authors/new/', {
        form: { name: 'Terry Pratchett', slug: 'pratchett', born: '1948-04-28', books: '41' },
      })
      expect(res.status).to.equal(302)
      expect(res.headers.get('location')).to.equal('/authors/')
      const created = await app().qs.get({ slug: 'pratchett' })
      expect(created).to.include({ id: 3, name: 'Terry Pratchett', books: 41 })
      expect(created.born?.toISOString()).to.equal('1948-04-28T00:00:00.000Z')
    })

    it("redirects to the object's getAbsoluteUrl() when there is no successUrl", async () => {
      const res = await app().client.post('/authors/new/absolute/', {
        form: { name: 'Terry Pratchett', slug: 'pratchett', books: '41' },
      })
      expect(res.headers.get('location')).to.equal('/authors/3/')
    })

    it('fills {field} placeholders in successUrl from the saved object', async () => {
      const res = await app().client.post('/authors/new/placeholders/', { form: { name: 'Terry', slug: 'terry' } })
      expect(res.headers.get('location')).to.equal('/authors/3/terry/')
    })

    it('renders the form again with its errors and what was typed, writing nothing', async () => {
      const res = await app().client.post('/authors/new/', { form: { name: '', slug: 'x', books: 'many' } })
      expect(res.status).to.equal(200)
      expect(res.context?.form).to.have.nested.property('errors.name').that.deep.equals(['This field is required.'])
      expect(res.body).to.include('<li>Enter a whole number.</li>')
      expect(res.body).to.include('value="many"')
      expect(await rows(app().qs)).to.have.length(2)
    })

    it('renders a taken unique value as a form error, not a 500', async () => {
      const res = await app().client.post('/authors/new/', { form: { name: 'Another', slug: 'le-guin', books: '1' } })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('errorlist')
      expect(await rows(app().qs)).to.have.length(2)
    })

    it('works the same called directly with a RequestFactory request', async () => {
      const get = await callEdit(AuthorCreate.asView(), app().qs, 'get', '/authors/new/')
      expect(get.templateName).to.deep.equal(['books/author_form.html'])
      const post = await callEdit(AuthorCreate.asView(), app().qs, 'post', '/authors/new/', {
        form: { name: 'N. K. Jemisin', slug: 'jemisin', books: '9' },
      })
      expect(post.status).to.equal(302)
      expect((post as unknown as { contextData?: unknown }).contextData).to.equal(undefined)
      expect(await app().qs.get({ slug: 'jemisin' })).to.include({ name: 'N. K. Jemisin', books: 9 })
    })

    it('builds its model form class once, on the first request, not on each', async () => {
      const view = AuthorCreate.asView()
      const first = await callEdit(view, app().qs, 'get', '/authors/new/')
      const second = await callEdit(view, app().qs, 'get', '/authors/new/')
      const formOf = (res: typeof first) => res.contextData?.form as object
      expect(formOf(first).constructor.name).to.equal('AuthorForm')
      expect(formOf(second).constructor).to.equal(formOf(first).constructor)
      const narrower = await callEdit(AuthorCreate.asView({ fields: ['name'] }), app().qs, 'get', '/')
      expect((formOf(narrower) as { fieldNames: string[] }).fieldNames).to.deep.equal(['name'])
    })

    it("refuses a view with both 'fields' and 'formClass', and one with neither, with Django's texts", async () => {
      const both = AuthorCreate.asView({ formClass: ContactForm })
      const error = await caught(() => callEdit(both, app().qs, 'get', '/'))
      expect(error.message).to.equal("Specifying both 'fields' and 'formClass' is not permitted.")
      const neither = AuthorCreate.asView({ fields: undefined })
      const missing = await caught(() => callEdit(neither, app().qs, 'get', '/'))
      expect(missing.message).to.equal(
        "Using ModelFormMixin (base class of AuthorCreate) without the 'fields' attribute is prohibited.",
      )
    })

    it("says Django's text when there is neither successUrl nor getAbsoluteUrl()", () => {
      const view = new AuthorCreateAbsolute()
      view.setup(new RequestFactory().post('/'), {})
      view.object = Object.assign(Object.create(null), { id: 3 })
      expect(() => view.getSuccessUrl()).to.throw(
        'No URL to redirect to. Either provide a url or define a getAbsoluteUrl method on the Model.',
      )
    })
  })

  describe(`UpdateView (${backend.name})`, () => {
    const app = useEditApp(backend)

    it('renders the form filled from the object, which is in the context', async () => {
      const res = await app().client.get('/authors/2/edit/')
      expect(res.status).to.equal(200)
      expect(res.templateName).to.equal('books/author_form.html')
      expect(res.context?.object).to.include({ id: 2, name: 'Ursula Le Guin' })
      expect(res.context?.author).to.equal(res.context?.object)
      expect(res.body).to.include('<h1>Edit Ursula Le Guin</h1>')
      expect(res.body).to.include('value="le-guin"')
    })

    it('saves the changes and redirects', async () => {
      const res = await app().client.post('/authors/2/edit/', {
        form: { name: 'Ursula K. Le Guin', slug: 'le-guin', books: '23' },
      })
      expect(res.status).to.equal(302)
      expect(res.headers.get('location')).to.equal('/authors/')
      expect(await rows(app().qs)).to.deep.equal([
        { id: 1, name: 'Randall Munroe', slug: 'randall-munroe', books: 3 },
        { id: 2, name: 'Ursula K. Le Guin', slug: 'le-guin', books: 23 },
      ])
    })

    it('answers 404 to GET and POST for a pk that matches nothing', async () => {
      expect((await app().client.get('/authors/9/edit/')).status).to.equal(404)
      const post = await app().client.post('/authors/9/edit/', { form: { name: 'X', slug: 'x', books: '1' } })
      expect(post.status).to.equal(404)
      expect(await rows(app().qs)).to.have.length(2)
    })

    it('renders a taken unique value as a form error and leaves the row as it was', async () => {
      const res = await app().client.post('/authors/2/edit/', {
        form: { name: 'Ursula', slug: 'randall-munroe', books: '1' },
      })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('errorlist')
      expect(await rows(app().qs)).to.deep.equal([
        { id: 1, name: 'Randall Munroe', slug: 'randall-munroe', books: 3 },
        { id: 2, name: 'Ursula Le Guin', slug: 'le-guin', books: 20 },
      ])
    })

    it('keeps the object unchanged after an invalid POST', async () => {
      const res = await app().client.post('/authors/1/edit/', { form: { name: 'R', slug: 'x', books: 'lots' } })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('<h1>Edit Randall Munroe</h1>')
      expect(res.body).to.include('<input type="text" name="name" id="id_name" required value="R" maxlength="100">')
      expect((await rows(app().qs))[0]).to.include({ name: 'Randall Munroe', books: 3 })
    })

    it('works the same called directly with a RequestFactory request', async () => {
      const res = await callEdit(AuthorUpdate.asView(), app().qs, 'put', '/authors/1/edit/', {
        form: { name: 'Randall', slug: 'randall', books: '4' },
        params: { pk: 1 },
      })
      expect(res.status).to.equal(302)
      expect((await rows(app().qs))[0]).to.deep.equal({ id: 1, name: 'Randall', slug: 'randall', books: 4 })
    })
  })

  describe(`DeleteView (${backend.name})`, () => {
    const app = useEditApp(backend)

    it('confirms on GET with the object and an unbound form, deleting nothing', async () => {
      const res = await app().client.get('/authors/1/delete/')
      expect(res.status).to.equal(200)
      expect(res.templateName).to.equal('books/author_confirm_delete.html')
      expect(res.body).to.include('<p>Delete Randall Munroe?</p>')
      expect(res.context?.form).to.have.property('isBound', false)
      expect(await rows(app().qs)).to.have.length(2)
    })

    it('deletes on POST and redirects to successUrl filled before the delete', async () => {
      const res = await app().client.post('/authors/1/delete/')
      expect(res.status).to.equal(302)
      expect(res.headers.get('location')).to.equal('/authors/?deleted=1')
      expect((await rows(app().qs)).map((row) => row.id)).to.deep.equal([2])
    })

    it('deletes on DELETE without a form', async () => {
      const res = await app().client.delete('/authors/2/delete/')
      expect(res.status).to.equal(302)
      expect((await rows(app().qs)).map((row) => row.id)).to.deep.equal([1])
    })

    it('answers 404 to a DELETE or POST of an object already deleted', async () => {
      await app().client.delete('/authors/2/delete/')
      const again = await app().client.delete('/authors/2/delete/')
      expect(again.status).to.equal(404)
      expect((await app().client.post('/authors/2/delete/')).status).to.equal(404)
    })

    it('answers 404 when someone else deletes the object between the lookup and the delete', async () => {
      class RacingDelete extends AuthorDelete {
        override async getSuccessUrl() {
          await this.getQueryset().filter({ pk: 1 }).delete()
          return super.getSuccessUrl()
        }
      }
      const error = await caught(() =>
        callEdit(RacingDelete.asView(), app().qs, 'post', '/authors/1/delete/', { params: { pk: 1 } }),
      )
      expect(error.statusCode).to.equal(404)
      expect(error.message).to.equal('No author found matching the query')
    })

    it('allows GET, POST, DELETE, HEAD and OPTIONS, not PUT', async () => {
      const res = await app().client.options('/authors/1/delete/')
      expect(res.headers.get('allow')).to.equal('GET, POST, DELETE, HEAD, OPTIONS')
      expect((await app().client.put('/authors/1/delete/')).status).to.equal(405)
    })

    it("says Django's text without a successUrl", async () => {
      const view = AuthorDelete.asView({ successUrl: undefined })
      const error = await caught(() => callEdit(view, app().qs, 'delete', '/authors/1/delete/', { params: { pk: 1 } }))
      expect(error.message).to.equal('No URL to redirect to. Provide a successUrl.')
      expect(await rows(app().qs)).to.have.length(2)
    })

    it('works the same called directly with a RequestFactory request', async () => {
      const res = await callEdit(AuthorDelete.asView(), app().qs, 'post', '/authors/2/delete/', { params: { pk: 2 } })
      expect(res.headers.get('location')).to.equal('/authors/?deleted=2')
      expect((await rows(app().qs)).map((row) => row.id)).to.deep.equal([1])
    })
  })
}
