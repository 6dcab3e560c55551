// Issue 14's bad input against the edit views: each gets a clear answer and loses nothing, on
// both backends, through the test client.
import { expect } from 'chai'
import { backends } from '../fixtures/generic-views.js'
import { rows, useEditApp } from './edit-helpers.js'

const before = [
  { id: 1, name: 'Randall Munroe', slug: 'randall-munroe', books: 3 },
  { id: 2, name: 'Ursula Le Guin', slug: 'le-guin', books: 20 },
]

for (const backend of backends) {
  describe(`edit views given bad input (${backend.name})`, () => {
    const app = useEditApp(backend)

    it('answers a non-number in an integer field with a field error, writing nothing', async () => {
      const res = await app().client.post('/authors/new/', { form: { name: 'A', slug: 'a', books: '12abc' } })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('<ul class="errorlist" id="id_books_error"><li>Enter a whole number.</li></ul>')
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('answers 2024-02-30 in a date field with a field error, writing nothing', async () => {
      const res = await app().client.post('/authors/1/edit/', {
        form: { name: 'A', slug: 'a', born: '2024-02-30', books: '1' },
      })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('<ul class="errorlist" id="id_born_error"><li>Enter a valid date.</li></ul>')
      expect(res.body).to.include('value="2024-02-30"')
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('answers a 10 MB string with 413, writing nothing', async () => {
      const res = await app().client.post('/authors/new/', {
        form: { name: 'x'.repeat(10 * 1024 * 1024), slug: 'big', books: '1' },
      })
      expect(res.status).to.equal(413)
      expect(res.body).to.not.include('at ')
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('answers a string over maxLength with a field error', async () => {
      const res = await app().client.post('/authors/new/', {
        form: { name: 'x'.repeat(101), slug: 'long', books: '1' },
      })
      expect(res.body).to.include('<li>Ensure this value has at most 100 characters (it has 101).</li>')
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('ignores a field that is not on the form, and never stores it (nor a pk)', async () => {
      const res = await app().client.post('/authors/new/', {
        form: { name: 'New', slug: 'new', books: '1', id: '99', admin: 'true' },
      })
      expect(res.status).to.equal(302)
      const created = await app().qs.get({ slug: 'new' })
      expect(created.id).to.equal(3)
      expect(created).to.not.have.property('admin')
    })

    it('refuses a key sent twice where one value is expected', async () => {
      const res = await app().client.post('/authors/2/edit/', {
        form: { name: ['A', 'B'], slug: 'le-guin', books: '1' },
      })
      expect(res.status).to.equal(200)
      expect(res.body).to.include('<li>Enter a single value (this field was sent 2 times).</li>')
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('stores <script> as typed and renders it escaped', async () => {
      const name = '<script>alert(1)</script>'
      const res = await app().client.post('/authors/2/edit/', { form: { name, slug: 'le-guin', books: '1' } })
      expect(res.status).to.equal(302)
      expect((await app().qs.get({ pk: 2 })).name).to.equal(name)
      const page = await app().client.get('/authors/2/edit/')
      expect(page.body).to.not.include('<script>')
      expect(page.body).to.include('<h1>Edit &lt;script&gt;alert(1)&lt;/script&gt;</h1>')
      expect(page.body).to.include('value="&#60;script&#62;alert(1)&#60;/script&#62;"')
    })

    it('stores SQL literally', async () => {
      const name = "Robert'); DROP TABLE books_author; --"
      const res = await app().client.post('/authors/new/', { form: { name, slug: "x' OR '1'='1", books: '1' } })
      expect(res.status).to.equal(302)
      expect((await app().qs.get({ pk: 3 })).name).to.equal(name)
      expect(await app().qs.count()).to.equal(3)
    })

    it('answers a POST to a missing pk with 404, writing nothing', async () => {
      const res = await app().client.post('/authors/404/edit/', { form: { name: 'A', slug: 'a', books: '1' } })
      expect(res.status).to.equal(404)
      expect(await rows(app().qs)).to.deep.equal(before)
    })

    it('answers a DELETE of an object someone else just deleted with 404, not 500', async () => {
      await app().qs.filter({ pk: 1 }).delete()
      const res = await app().client.delete('/authors/1/delete/')
      expect(res.status).to.equal(404)
      expect(await rows(app().qs)).to.deep.equal(before.slice(1))
    })

    it('answers a JSON body that is not JSON with 400, writing nothing', async () => {
      const res = await app().client.post('/authors/new/', { body: '{"name": ', contentType: 'application/json' })
      expect(res.status).to.equal(400)
      expect(await rows(app().qs)).to.deep.equal(before)
    })
  })
}
