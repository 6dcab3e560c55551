import { ImproperlyConfigured, ManoucheError } from '@manouche/core'
import { ValidationError } from '@manouche/data'
import { Form, NON_FIELD_ERRORS, prettyName } from '@manouche/forms'
import { expect } from 'chai'
import { z } from 'zod'
import { BookingForm, ContactForm, SignupForm } from './fixtures.js'

const valid = { name: 'Ada', email: 'ada@example.com', message: 'Hello' }

/** The error `fn` throws (or the promise it returns rejects with). */
async function caught(fn: () => unknown): Promise<Error> {
  try {
    await fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('nothing was thrown')
}

describe('Form', () => {
  describe('bound and unbound', () => {
    it('is unbound without data, and never valid', async () => {
      const form = new ContactForm()
      expect(form.isBound).to.equal(false)
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({})
    })

    it('is bound with data, even empty data', async () => {
      const form = new ContactForm({ data: {} })
      expect(form.isBound).to.equal(true)
      expect(await form.isValid()).to.equal(false)
    })

    it('takes its fields from the schema, in order', () => {
      expect(new ContactForm().fieldNames).to.deep.equal(['name', 'email', 'message', 'copy'])
    })

    it('narrows and orders the fields with static fields', () => {
      class Short extends ContactForm {
        static override fields = ['email', 'name']
      }
      expect(new Short().fieldNames).to.deep.equal(['email', 'name'])
    })
  })

  describe('isValid()', () => {
    it('gives cleanedData, the schema output, for valid data', async () => {
      const form = new ContactForm({ data: { ...valid, copy: 'on' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.errors).to.deep.equal({})
      expect(form.cleanedData).to.deep.equal({ ...valid, copy: true })
    })

    it('lists only the fields with errors, with the schema own messages', async () => {
      const form = new ContactForm({ data: { name: '', email: 'not-an-email', message: 'Hi' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({
        name: ['Enter your name.'],
        email: ['Enter a valid email address.'],
      })
    })

    it('puts an error of the whole schema under __all__', async () => {
      const form = new BookingForm({ data: { start: '2024-05-10', end: '2024-05-01', guests: '2' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ [NON_FIELD_ERRORS]: ['The stay must end after it starts.'] })
      expect(form.nonFieldErrors()).to.deep.equal(['The stay must end after it starts.'])
      expect(form.hasError(null)).to.equal(true)
    })

    it('reads digits typed into a number field as a number', async () => {
      const form = new BookingForm({ data: { start: '2024-05-01', end: '2024-05-10', guests: ' 3 ' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData.guests).to.equal(3)
    })

    it('leaves text that is no number to the schema, which rejects it', async () => {
      const form = new BookingForm({ data: { start: '2024-05-01', end: '2024-05-10', guests: 'three' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors.guests).to.have.length(1)
      expect(form.errors.guests?.[0]).to.match(/expected number/)
    })

    it('ignores keys that are no field: they never reach cleanedData', async () => {
      const form = new ContactForm({ data: { ...valid, isAdmin: 'true' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.not.have.property('isAdmin')
      expect(Object.keys(form.cleanedData).sort()).to.deep.equal(['copy', 'email', 'message', 'name'])
    })

    it('refuses a key sent twice for a field that takes one value', async () => {
      const form = new ContactForm({ data: { ...valid, name: ['Ada', 'Grace'] } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ name: ['Enter a single value (this field was sent 2 times).'] })
    })

    it('accepts a key sent once as a one-item list', async () => {
      const form = new ContactForm({ data: { ...valid, name: ['Ada'] } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData.name).to.equal('Ada')
    })

    it('reads a checkbox: ticked when sent, unticked when absent or "false"', async () => {
      for (const [copy, expected] of [
        ['on', true],
        [undefined, false],
        ['false', false],
        ['', false],
      ] as const) {
        const form = new ContactForm({ data: { ...valid, ...(copy === undefined ? {} : { copy }) } })
        expect(await form.isValid(), String(copy)).to.equal(true)
        expect(form.cleanedData.copy, String(copy)).to.equal(expected)
      }
    })

    it('reads an empty control as null where the schema takes null, and as no value where the key is optional', async () => {
      class Optional extends Form<{ site: string | null; nickname?: string; age?: number }> {
        static override schema = z.object({
          site: z.url().nullable(),
          nickname: z.string().optional(),
          age: z.number().optional(),
        })
      }
      const form = new Optional({ data: { site: '', nickname: '', age: '' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.deep.equal({ site: null })
      expect(form.field('site').required).to.equal(false)
    })

    it('keeps a list for an array field, one value or several', async () => {
      class TagsForm extends Form<{ tags: string[] }> {
        static override schema = z.object({ tags: z.array(z.enum(['a', 'b', 'c'])).min(1) })
      }
      const one = new TagsForm({ data: { tags: 'a' } })
      const two = new TagsForm({ data: { tags: ['a', 'c'] } })
      const none = new TagsForm({ data: {} })
      expect([await one.isValid(), await two.isValid(), await none.isValid()]).to.deep.equal([true, true, false])
      expect(two.cleanedData.tags).to.deep.equal(['a', 'c'])
    })

    it('validates once: a second call gives the same answer without running the schema again', async () => {
      let runs = 0
      class Counted extends Form {
        static override schema = z.object({ n: z.string().refine(() => ++runs > 0) })
      }
      const form = new Counted({ data: { n: 'x' } })
      expect([await form.isValid(), await form.isValid()]).to.deep.equal([true, true])
      expect(runs).to.equal(1)
    })

    it('awaits an async schema', async () => {
      class Async extends Form {
        static override schema = z.object({
          name: z.string().refine(async (name) => name !== 'taken', 'That name is taken.'),
        })
      }
      const form = new Async({ data: { name: 'taken' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ name: ['That name is taken.'] })
    })
  })

  describe('clean() and addError()', () => {
    it('runs clean() after the schema passed; addError() there makes the form invalid', async () => {
      const form = new SignupForm({ data: { username: 'ada', password: 'a', password2: 'b' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ password2: ['The two passwords differ.'] })
      expect(form.cleanedData).to.deep.equal({ username: 'ada', password: 'a' })
    })

    it('puts a ValidationError thrown by clean() where its keys say', async () => {
      const form = new SignupForm({ data: { username: 'root', password: 'a', password2: 'a' } })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ __all__: ['That name is reserved.'] })
    })

    it('adds errors after validation, to a field or to the whole form', async () => {
      const form = new ContactForm({ data: valid })
      expect(await form.isValid()).to.equal(true)
      form.addError('email', 'This address is banned.')
      form.addError(null, ['Try again later.'])
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ email: ['This address is banned.'], __all__: ['Try again later.'] })
      expect(form.cleanedData).to.not.have.property('email')
      expect(form.hasError('email')).to.equal(true)
      expect(form.hasError('name')).to.equal(false)
    })

    it('keeps an error added before isValid() beside the schema own', async () => {
      const form = new ContactForm({ data: { ...valid, name: '' } })
      form.addError('name', 'Checked elsewhere.')
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ name: ['Checked elsewhere.', 'Enter your name.'] })
    })

    it('spreads a ValidationError given with null over its fields', async () => {
      const form = new ContactForm({ data: valid })
      await form.isValid()
      form.addError(null, new ValidationError({ email: ['Taken.'], elsewhere: ['Odd.'] }))
      expect(form.errors).to.deep.equal({ email: ['Taken.'], __all__: ['Odd.'] })
    })

    it("refuses a field that is not on the form, in Django's words", async () => {
      const error = await caught(() => new ContactForm().addError('nope', 'x'))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal("'ContactForm' has no field named 'nope'.")
      expect((error as ManoucheError).code).to.equal('MNC_ERR_FORMS_UNKNOWN_FIELD')
    })
  })

  describe('before isValid()', () => {
    it('will not tell the errors of a bound form it has not validated', async () => {
      const error = await caught(() => new ContactForm({ data: valid }).errors)
      expect((error as ManoucheError).code).to.equal('MNC_ERR_FORMS_NOT_VALIDATED')
      expect(error.message).to.equal("ContactForm.errors is known only after 'await form.isValid()' on a bound form.")
    })

    it('has no cleanedData until the schema accepted the data', async () => {
      const form = new ContactForm({ data: { name: '' } })
      expect((await caught(() => form.cleanedData)).message).to.match(/^ContactForm.cleanedData is known only after/)
      await form.isValid()
      expect((await caught(() => form.cleanedData)).message).to.match(/^ContactForm.cleanedData is known only after/)
    })
  })

  describe('initial and prefix', () => {
    it('shows initial values on an unbound form, by field name', () => {
      const form = new ContactForm({ initial: { name: 'Ada' } })
      expect(form.initial).to.deep.equal({ name: 'Ada' })
      expect(form.field('name').value).to.equal('Ada')
      expect(form.field('email').value).to.equal(undefined)
    })

    it('shows the submitted value, not the initial one, on a bound form', async () => {
      const form = new ContactForm({ data: { name: 'Grace' }, initial: { name: 'Ada' } })
      await form.isValid()
      expect(form.field('name').value).to.equal('Grace')
    })

    it('reads and names fields prefix-name', async () => {
      const form = new ContactForm({
        prefix: 'c',
        data: { 'c-name': 'Ada', 'c-email': 'a@b.co', 'c-message': '', name: 'X' },
      })
      expect(form.prefix).to.equal('c')
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData.name).to.equal('Ada')
      const field = form.field('name')
      expect([field.name, field.htmlName, field.id]).to.deep.equal(['name', 'c-name', 'id_c-name'])
      expect(form.addPrefix('email')).to.equal('c-email')
    })

    it('takes the class prefix unless the constructor gives one', () => {
      class Prefixed extends ContactForm {
        static override prefix = 'contact'
      }
      expect(new Prefixed().prefix).to.equal('contact')
      expect(new Prefixed({ prefix: 'other' }).prefix).to.equal('other')
    })
  })

  describe('files', () => {
    const upload = { name: 'cv.pdf', contentType: 'application/pdf', size: 3, data: Buffer.from('pdf') }
    class UploadForm extends Form<{ title: string; cv: typeof upload }> {
      static override schema = z.object({
        title: z.string(),
        cv: z.custom<typeof upload>((file) => (file as typeof upload)?.size > 0, 'Send a file.'),
      })
      static override widgets = { cv: 'file' } as const
    }

    it('hands the schema the file sent for a file field', async () => {
      const form = new UploadForm({ data: { title: 'CV' }, files: { cv: upload } })
      expect(form.isMultipart()).to.equal(true)
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData.cv).to.equal(upload)
    })

    it('reports a missing file with the schema message', async () => {
      const form = new UploadForm({ data: { title: 'CV' }, files: {} })
      expect(await form.isValid()).to.equal(false)
      expect(form.errors).to.deep.equal({ cv: ['Send a file.'] })
    })

    it('is bound by files alone', () => {
      expect(new UploadForm({ files: { cv: upload } }).isBound).to.equal(true)
      expect(new ContactForm().isMultipart()).to.equal(false)
    })
  })

  describe('configuration', () => {
    it('fails early without a schema, naming the class', async () => {
      class Empty extends Form {}
      const error = await caught(() => new Empty())
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal("Empty has no 'schema': set static schema to a Standard Schema object schema.")
    })

    it('fails when static fields names a key the schema lacks', async () => {
      class Wrong extends ContactForm {
        static override fields = ['name', 'phone']
      }
      expect((await caught(() => new Wrong())).message).to.equal("'Wrong' has no field named 'phone'.")
    })

    it('asks for static fields when the schema cannot list its keys', async () => {
      const bare = { '~standard': { version: 1 as const, vendor: 'bare', validate: (value: unknown) => ({ value }) } }
      class Bare extends Form {
        static override schema = bare
      }
      class Listed extends Bare {
        static override fields = ['a']
      }
      expect((await caught(() => new Bare())).message).to.match(/^Bare.schema does not tell its keys/)
      const form = new Listed({ data: { a: 'x', b: 'y' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.deep.equal({ a: 'x' })
    })
  })

  describe('prettyName()', () => {
    it("turns a name into a label, as Django's pretty_name", () => {
      expect(['publicationDate', 'first_name', 'email'].map(prettyName)).to.deep.equal([
        'Publication date',
        'First name',
        'Email',
      ])
    })
  })
})
