import { ImproperlyConfigured, type ManoucheError } from '@manouche/core'
import { Field, Model, ValidationError } from '@manouche/data'
import { ModelForm, modelForm, type WritableQuerySet } from '@manouche/forms'
import { expect } from 'chai'
import { Book } from './fixtures.js'

const BookForm = modelForm(Book, { fields: '__all__', widgets: { updatedAt: 'datetime-local' } })

const typed = {
  title: ' Germinal ',
  pages: '592',
  price: '',
  inPrint: 'on',
  publicationDate: '1885-03-02',
  updatedAt: '2024-02-03T10:30',
  language: 'en',
  notes: '',
}

/** The first error of each field `data` (over `typed`) gets. */
async function errorsFor(data: Record<string, unknown>): Promise<Record<string, string | undefined>> {
  const form = new BookForm({ data: { ...typed, ...data } })
  expect(await form.isValid()).to.equal(false)
  return Object.fromEntries(Object.entries(form.errors).map(([field, messages]) => [field, messages[0]]))
}

/** A QuerySet's write side, as @manouche/data gives it: records what it was asked to store. */
class Writes implements WritableQuerySet<Book> {
  readonly created: Partial<Book>[] = []
  readonly saved: Book[] = []
  failure: Error | undefined = undefined

  async create(values: Partial<Book>): Promise<Book> {
    if (this.failure) throw this.failure
    this.created.push(values)
    return Object.assign(new Book(), { id: 7 }, values)
  }

  async save(book: Book): Promise<Book> {
    if (this.failure) throw this.failure
    this.saved.push(book)
    return book
  }
}

async function caught(fn: () => unknown): Promise<ManoucheError> {
  try {
    await fn()
  } catch (error) {
    return error as ManoucheError
  }
  throw new Error('nothing was thrown')
}

describe('modelForm()', () => {
  it("builds {Model}Form with every field but the automatic pk for '__all__'", () => {
    expect(BookForm.name).to.equal('BookForm')
    expect(new BookForm()).to.be.instanceOf(ModelForm)
    expect(new BookForm().fieldNames).to.deep.equal([
      'title',
      'pages',
      'price',
      'inPrint',
      'publicationDate',
      'updatedAt',
      'language',
      'notes',
    ])
  })

  it('keeps the fields it is given, in their order', () => {
    const Short = modelForm(Book, { fields: ['pages', 'title'] })
    expect(new Short().fieldNames).to.deep.equal(['pages', 'title'])
  })

  describe('browser strings into each type', () => {
    it('cleans whole numbers, numbers, checkboxes, dates, date-times, choices and empty nullable fields', async () => {
      const form = new BookForm({ data: typed })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.deep.equal({
        title: 'Germinal',
        pages: 592,
        price: null,
        inPrint: true,
        publicationDate: new Date('1885-03-02T00:00:00Z'),
        updatedAt: new Date('2024-02-03T10:30:00Z'),
        language: 'en',
        notes: null,
      })
    })

    it('reads an unticked checkbox as false, and a price with decimals as a number', async () => {
      const { inPrint: _, ...unticked } = typed
      const form = new BookForm({ data: { ...unticked, price: '12.50' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.include({ inPrint: false, price: 12.5 })
    })

    it('takes values already typed, as a JSON body sends them', async () => {
      const form = new BookForm({ data: { ...typed, pages: 592, inPrint: false, price: 9.5 } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.include({ pages: 592, inPrint: false, price: 9.5 })
    })

    it("says Django's This field is required. for a missing or blank required field", async () => {
      expect(await errorsFor({ title: '   ', pages: undefined, publicationDate: '' })).to.deep.equal({
        title: 'This field is required.',
        pages: 'This field is required.',
        publicationDate: 'This field is required.',
      })
    })

    it('refuses a non-number in an integer field, and a fraction', async () => {
      expect(await errorsFor({ pages: 'many' })).to.deep.equal({ pages: 'Enter a whole number.' })
      expect(await errorsFor({ pages: '12.5' })).to.deep.equal({ pages: 'Enter a whole number.' })
      expect(await errorsFor({ pages: '1e400' })).to.deep.equal({ pages: 'Enter a whole number.' })
      expect(await errorsFor({ price: 'cheap' })).to.deep.equal({ price: 'Enter a number.' })
    })

    it('refuses days the calendar lacks: 2024-02-30, 2023-02-29, 25:00', async () => {
      expect(await errorsFor({ publicationDate: '2024-02-30' })).to.deep.equal({
        publicationDate: 'Enter a valid date.',
      })
      expect(await errorsFor({ publicationDate: '2023-02-29' })).to.deep.equal({
        publicationDate: 'Enter a valid date.',
      })
      expect(await errorsFor({ publicationDate: '02/03/2024' })).to.deep.equal({
        publicationDate: 'Enter a valid date.',
      })
      expect(await errorsFor({ updatedAt: '2024-02-03T25:00' })).to.deep.equal({
        updatedAt: 'Enter a valid date/time.',
      })
      const leap = new BookForm({ data: { ...typed, publicationDate: '2024-02-29' } })
      expect(await leap.isValid()).to.equal(true)
    })

    it('refuses a 10 MB string in a maxLength field, saying how long it was', async () => {
      const huge = 'x'.repeat(10 * 1024 * 1024)
      expect(await errorsFor({ title: huge })).to.deep.equal({
        title: 'Ensure this value has at most 20 characters (it has 10485760).',
      })
    })

    it('refuses a value that is no choice, quoting it cut short', async () => {
      expect(await errorsFor({ language: 'xx' })).to.deep.equal({
        language: 'Select a valid choice. xx is not one of the available choices.',
      })
      const long = await errorsFor({ language: 'y'.repeat(5000) })
      expect(long.language).to.equal(
        `Select a valid choice. ${'y'.repeat(100)}... is not one of the available choices.`,
      )
    })

    it('refuses a key sent twice where one value is expected', async () => {
      expect(await errorsFor({ pages: ['1', '2'] })).to.deep.equal({
        pages: 'Enter a single value (this field was sent 2 times).',
      })
    })

    it('ignores keys that are no field of the form, the pk included', async () => {
      const form = new BookForm({ data: { ...typed, id: '99', isAdmin: 'true' } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.not.have.any.keys('id', 'isAdmin')
    })

    it('keeps <script> and SQL as typed, and renders them escaped', async () => {
      const form = new BookForm({ data: { ...typed, title: '<script>x</script>', notes: "'; DROP TABLE x; --" } })
      expect(await form.isValid()).to.equal(true)
      expect(form.cleanedData).to.include({ title: '<script>x</script>', notes: "'; DROP TABLE x; --" })
      expect(form.asDiv()).to.not.include('<script>')
      expect(form.field('title').control()).to.include('value="&#60;script&#62;x&#60;/script&#62;"')
    })
  })

  describe('rendering', () => {
    it('renders the control of each field type, maxlength and the choices as a <select>', () => {
      const form = new BookForm()
      expect(form.field('title').control()).to.equal(
        '<input type="text" name="title" id="id_title" required maxlength="20">',
      )
      expect(form.field('pages').control()).to.equal('<input type="number" name="pages" id="id_pages" required>')
      expect(form.field('price').control()).to.equal('<input type="number" name="price" id="id_price" step="any">')
      expect(form.field('inPrint').control()).to.equal('<input type="checkbox" name="inPrint" id="id_inPrint">')
      expect(form.field('publicationDate').control()).to.equal(
        '<input type="date" name="publicationDate" id="id_publicationDate" required>',
      )
      expect(form.field('updatedAt').control()).to.equal(
        '<input type="datetime-local" name="updatedAt" id="id_updatedAt">',
      )
      expect(form.field('language').control()).to.equal(
        '<select name="language" id="id_language" required>\n<option value="fr" selected>French</option>\n<option value="en">English</option>\n<option value="de">de</option>\n</select>',
      )
      expect(form.field('publicationDate').label).to.equal('Publication date')
    })

    it('takes labels and widgets', () => {
      const Labelled = modelForm(Book, {
        fields: ['title', 'notes'],
        labels: { title: 'Book title' },
        widgets: { notes: 'textarea' },
      })
      const form = new Labelled()
      expect(form.field('title').labelTag()).to.equal('<label for="id_title">Book title:</label>')
      expect(form.field('notes').control()).to.equal('<textarea name="notes" id="id_notes">\n</textarea>')
    })

    it("shows the instance's values on an unbound form, and what was typed on a bound one", async () => {
      const book = Object.assign(new Book(), {
        id: 3,
        title: 'Nana',
        pages: 400,
        publicationDate: new Date('1880-01-01'),
      })
      const unbound = new BookForm({ instance: book, initial: { pages: 401 } })
      expect(unbound.field('title').value).to.equal('Nana')
      expect(unbound.field('pages').value).to.equal(401)
      expect(unbound.field('publicationDate').control()).to.include('value="1880-01-01"')
      const bound = new BookForm({ instance: book, data: { ...typed, pages: 'four hundred' } })
      await bound.isValid()
      expect(bound.field('pages').control()).to.include('value="four hundred"')
      expect(bound.field('pages').errorList()).to.equal(
        '<ul class="errorlist" id="id_pages_error"><li>Enter a whole number.</li></ul>',
      )
    })
  })

  describe('save()', () => {
    it('creates the object from cleanedData through the QuerySet', async () => {
      const writes = new Writes()
      const form = new BookForm({ data: typed })
      await form.isValid()
      const book = await form.save(writes)
      expect(writes.created).to.deep.equal([form.cleanedData])
      expect(book).to.be.instanceOf(Book)
      expect(book).to.include({ id: 7, title: 'Germinal' })
    })

    it('updates the instance it was given', async () => {
      const book = Object.assign(new Book(), { id: 3, title: 'Nana', pages: 400 })
      const writes = new Writes()
      const form = new BookForm({ instance: book, data: typed })
      expect(await form.save(writes)).to.equal(book)
      expect(writes.saved).to.deep.equal([book])
      expect(book).to.include({ id: 3, title: 'Germinal', pages: 592 })
    })

    it("refuses to save an invalid form, in Django's words", async () => {
      const form = new BookForm({ data: { ...typed, pages: 'x' } })
      const created = await caught(() => form.save(new Writes()))
      expect(created.message).to.equal("The Book could not be created because the data didn't validate.")
      expect(created.code).to.equal('MNC_ERR_FORMS_INVALID_SAVE')
      const changed = await caught(() => new BookForm({ instance: new Book() }).save(new Writes()))
      expect(changed.message).to.equal("The Book could not be changed because the data didn't validate.")
    })

    it("adds the QuerySet's ValidationError to the form's errors and throws it again", async () => {
      const writes = new Writes()
      writes.failure = new ValidationError({ title: ['Book with this Title already exists.'] }, { model: 'Book' })
      const form = new BookForm({ data: typed })
      await form.isValid()
      expect(await caught(() => form.save(writes))).to.equal(writes.failure)
      expect(form.errors).to.deep.equal({ title: ['Book with this Title already exists.'] })
      expect(writes.failure.message).to.equal('Book.title: Book with this Title already exists.')
    })
  })

  describe('configuration mistakes', () => {
    it('needs fields', async () => {
      const error = await caught(() => modelForm(Book, {} as { fields: [] }))
      expect(error).to.be.instanceOf(ImproperlyConfigured)
      expect(error.message).to.equal(
        "Creating a ModelForm without the 'fields' option is prohibited; form BookForm needs updating (list the fields, or '__all__').",
      )
    })

    it('names unknown fields', async () => {
      const error = await caught(() => modelForm(Book, { fields: ['title', 'isbn', 'cover'] }))
      expect(error.message).to.equal('Unknown field(s) (isbn, cover) specified for Book')
      expect(error.code).to.equal('MNC_ERR_FORMS_MODEL_FIELDS')
    })

    it('refuses a class that is no model', async () => {
      class Plain {}
      expect((await caught(() => modelForm(Plain, { fields: '__all__' }))).message).to.equal(
        'modelForm(Plain): Plain is not a model (no @Model).',
      )
    })

    it('refuses a maxLength that is no positive integer, or on a field that is no string', async () => {
      const declare = (maxLength: number, type: 'string' | 'integer') => () => {
        @Model({ app: 'library' })
        class Odd {
          @Field({ type, maxLength }) value!: string
        }
        return Odd
      }
      expect((await caught(declare(0, 'string'))).message).to.equal(
        "Odd: 'maxLength' of field 'value' must be a positive integer on a string field.",
      )
      expect((await caught(declare(10, 'integer'))).code).to.equal('MNC_ERR_DATA_BAD_MODEL')
    })
  })
})
