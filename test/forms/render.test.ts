import { Form } from '@manouche/forms'
import { expect } from 'chai'
import { z } from 'zod'
import { ContactForm, SignupForm } from './fixtures.js'

const script = '<script>alert("x")</script>'

describe('Form rendering', () => {
  describe('asDiv()', () => {
    it('renders each field as label, control and no errors on an unbound form', () => {
      const html = new ContactForm().asDiv()
      expect(html).to.equal(
        [
          '<div><label for="id_name">Name:</label>\n<input type="text" name="name" id="id_name" required></div>',
          '<div><label for="id_email">Email:</label>\n<input type="email" name="email" id="id_email" required></div>',
          '<div><label for="id_message">Message:</label>\n<textarea name="message" id="id_message" required maxlength="500">\n</textarea></div>',
          '<div><label for="id_copy">Copy:</label>\n<input type="checkbox" name="copy" id="id_copy"></div>',
        ].join('\n'),
      )
      expect(String(new ContactForm())).to.equal(html)
    })

    it('keeps what the user typed after an invalid POST, with the errors beside it', async () => {
      const form = new ContactForm({ data: { name: 'Ada', email: 'nope', message: 'Hi', copy: 'on' } })
      await form.isValid()
      const html = form.asDiv()
      expect(html).to.include('<input type="text" name="name" id="id_name" required value="Ada">')
      expect(html).to.include(
        '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul>' +
          '<input type="email" name="email" id="id_email" required aria-invalid="true" aria-describedby="id_email_error" value="nope">',
      )
      expect(html).to.include('<textarea name="message" id="id_message" required maxlength="500">\nHi</textarea>')
      expect(html).to.include('<input type="checkbox" name="copy" id="id_copy" checked>')
    })

    it('escapes <script> typed in any field, in values and in the messages that quote them', async () => {
      class Strict extends Form {
        static override schema = z.object({
          title: z.string().refine((title) => !title.includes('<'), { error: (i) => `No ${String(i.input)} here.` }),
          body: z.string(),
        })
        static override widgets = { body: 'textarea' } as const
      }
      const form = new Strict({ data: { title: script, body: `</textarea>${script}` } })
      expect(await form.isValid()).to.equal(false)
      const html = form.asDiv()
      expect(html).to.not.include('<script>')
      expect(html).to.not.include('</textarea><script')
      expect(html).to.include('value="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"')
      expect(html).to.include('<li>No &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; here.</li>')
      expect(html).to.include('>\n&#60;/textarea&#62;&#60;script&#62;')
    })

    it('renders the errors of the whole form first', async () => {
      const form = new SignupForm({ data: { username: 'root', password: 'a', password2: 'a' } })
      await form.isValid()
      expect(form.asDiv().split('\n')[0]).to.equal(
        '<ul class="errorlist nonfield"><li>That name is reserved.</li></ul>',
      )
    })

    it('never shows a password back', async () => {
      const form = new SignupForm({ data: { username: 'ada', password: 'secret', password2: 'other' } })
      await form.isValid()
      expect(form.asDiv()).to.not.include('secret')
      expect(form.field('password2').labelTag()).to.equal('<label for="id_password2">Password (again):</label>')
    })

    it('shows the last value of a field sent twice, with its error', async () => {
      const form = new ContactForm({ data: { name: ['Ada', 'Grace'] } })
      await form.isValid()
      expect(form.field('name').control()).to.include('value="Grace"')
      expect(form.field('name').errorList()).to.include('sent 2 times')
    })
  })

  describe('a field at a time', () => {
    it('gives name, htmlName, id, label, value and errors', async () => {
      const form = new ContactForm({ prefix: 'c', data: { 'c-name': '' } })
      await form.isValid()
      const field = form.field('name')
      expect({ ...field }).to.include({ name: 'name', htmlName: 'c-name', id: 'id_c-name', label: 'Name', value: '' })
      expect(field.errors).to.deep.equal(['Enter your name.'])
      expect(field.required).to.equal(true)
    })

    it('renders the control alone as text, for <%~ it.form.field(name) %>', () => {
      const field = new ContactForm({ initial: { name: 'Ada & Co' } }).field('name')
      expect(`${field}`).to.equal('<input type="text" name="name" id="id_name" required value="Ada &#38; Co">')
      expect(field.errorList()).to.equal('')
    })

    it('iterates the bound fields in order', () => {
      expect([...new ContactForm()].map((field) => field.htmlName)).to.deep.equal(['name', 'email', 'message', 'copy'])
    })

    it('refuses a field the form does not have', () => {
      expect(() => new ContactForm().field('phone')).to.throw("'ContactForm' has no field named 'phone'.")
    })
  })

  describe('controls', () => {
    class Everything extends Form {
      static override schema = z.object({
        size: z.enum(['s', 'm', 'l']),
        colours: z.array(z.enum(['red', 'blue'])),
        count: z.number().int(),
        weight: z.number().optional(),
        day: z.iso.date(),
        at: z.iso.datetime({ local: true }),
        token: z.string(),
        site: z.url().nullable(),
      })
      // zod describes a local date-time by a pattern, with no JSON Schema format: say which control.
      static override widgets = { token: 'hidden', at: 'datetime-local' } as const
    }

    it('chooses the control each type asks for', () => {
      const form = new Everything({ initial: { size: 'm', colours: ['blue'], token: 't' } })
      expect(form.field('size').control()).to.equal(
        '<select name="size" id="id_size" required>\n<option value="s">s</option>\n<option value="m" selected>m</option>\n<option value="l">l</option>\n</select>',
      )
      expect(form.field('colours').control()).to.equal(
        '<select name="colours" id="id_colours" required multiple>\n<option value="red">red</option>\n<option value="blue" selected>blue</option>\n</select>',
      )
      expect(form.field('count').control()).to.equal('<input type="number" name="count" id="id_count" required>')
      expect(form.field('weight').control()).to.equal('<input type="number" name="weight" id="id_weight" step="any">')
      expect(form.field('day').control()).to.equal('<input type="date" name="day" id="id_day" required>')
      expect(form.field('at').control()).to.equal('<input type="datetime-local" name="at" id="id_at" required>')
      expect(form.field('site').control()).to.equal('<input type="url" name="site" id="id_site">')
      expect(form.field('token').asDiv()).to.equal(
        '<input type="hidden" name="token" id="id_token" required value="t">',
      )
    })

    it('offers an empty choice until a required select has a value', () => {
      expect(new Everything().field('size').control()).to.include('<option value="">---------</option>')
      expect(new Everything({ initial: { size: 's' } }).field('size').control()).to.not.include('---------')
    })

    it('shows a Date in the format its input reads', () => {
      const when = new Date('2024-02-29T10:30:00Z')
      const form = new Everything({ initial: { day: when, at: when } })
      expect(form.field('day').control()).to.include('value="2024-02-29"')
      expect(form.field('at').control()).to.include('value="2024-02-29T10:30"')
    })
  })
})
