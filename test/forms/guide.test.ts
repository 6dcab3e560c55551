// docs/forms.md, its examples as written there (through the `manouche` import): if the page stops
// telling the truth, this fails.
import { expect } from 'chai'
import { Field, Form, Model, modelForm, ValidationError } from 'manouche'
import { z } from 'zod'

const contact = z.object({
  name: z.string().min(1, 'Enter your name.'),
  email: z.email('Enter a valid email address.'),
  message: z.string().max(500),
  copy: z.boolean().optional(),
})

class ContactForm extends Form<z.infer<typeof contact>> {
  static override schema = contact
  static override labels = { copy: 'Send me a copy' }
  static override widgets = { message: 'textarea' } as const
}

class SignupForm extends Form<{ username: string; password: string; password2: string }> {
  static override schema = z.object({ username: z.string().min(1), password: z.string(), password2: z.string() })
  static override widgets = { password: 'password', password2: 'password' } as const

  protected override clean(data: { username: string; password: string; password2: string }) {
    if (data.password !== data.password2) this.addError('password2', 'The two passwords differ.')
    if (data.username === 'root') throw new ValidationError({ __all__: ['That name is reserved.'] })
  }
}

@Model({ app: 'books' })
class Book {
  @Field({ primaryKey: true }) id!: number
  @Field({ maxLength: 200 }) title!: string
  @Field({ type: 'integer' }) pages!: number
  @Field() inPrint!: boolean
  @Field() publicationDate!: Date
  @Field({
    choices: [
      ['fr', 'French'],
      ['en', 'English'],
    ],
    default: 'fr',
  })
  language!: string
  @Field({ type: 'string', nullable: true }) notes!: string | null
}

const BookForm = modelForm(Book, { fields: ['title', 'pages', 'inPrint', 'publicationDate', 'language', 'notes'] })

describe('docs/forms.md', () => {
  it('renders the email field of an invalid ContactForm as the page shows', async () => {
    const form = new ContactForm({ data: { name: 'Ada', email: 'nope', message: '' } })
    expect(await form.isValid()).to.equal(false)
    expect(form.field('email').asDiv()).to.equal(
      '<div><label for="id_email">Email:</label>\n<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li></ul><input type="email" name="email" id="id_email" required aria-invalid="true" aria-describedby="id_email_error" value="nope"></div>',
    )
    expect(form.field('copy').label).to.equal('Send me a copy')
    expect(form.field('message').widget).to.equal('textarea')
  })

  it('checks the passwords in clean(), and reserves root', async () => {
    const differ = new SignupForm({ data: { username: 'ada', password: 'a', password2: 'b' } })
    const root = new SignupForm({ data: { username: 'root', password: 'a', password2: 'a' } })
    expect([await differ.isValid(), await root.isValid()]).to.deep.equal([false, false])
    expect(differ.errors).to.deep.equal({ password2: ['The two passwords differ.'] })
    expect(root.errors).to.deep.equal({ __all__: ['That name is reserved.'] })
  })

  it("gives BookForm Django's messages, the table's examples", async () => {
    const form = new BookForm({
      data: { title: 'x'.repeat(10 * 1024 * 1024), pages: 'many', publicationDate: '2024-02-30', language: 'xx' },
    })
    expect(await form.isValid()).to.equal(false)
    expect(form.errors).to.deep.equal({
      title: ['Ensure this value has at most 200 characters (it has 10485760).'],
      pages: ['Enter a whole number.'],
      publicationDate: ['Enter a valid date.'],
      language: ['Select a valid choice. xx is not one of the available choices.'],
    })
  })

  it('reads a valid BookForm into typed values, the default language shown first', async () => {
    expect(new BookForm().field('language').value).to.equal('fr')
    const form = new BookForm({ data: { title: 'Nana', pages: '400', publicationDate: '1880-01-01', language: 'fr' } })
    expect(await form.isValid()).to.equal(true)
    expect(form.cleanedData).to.deep.equal({
      title: 'Nana',
      pages: 400,
      inPrint: false,
      publicationDate: new Date('1880-01-01T00:00:00Z'),
      language: 'fr',
      notes: null,
    })
  })
})
