// Shared by the edit-view tests: an Author model that knows its own URL, the views of Django's
// generic_views tests in our words, and a way to serve them on each backend, through the test
// client and directly with a RequestFactory request.
import { fileURLToPath } from 'node:url'
import { type HttpResponse, path, TEMPLATE_ENGINE, type ViewCallable } from '@manouche/core'
import { Field, Model, type QuerySet, querySetToken } from '@manouche/data'
import { Form } from '@manouche/forms'
import { CreateView, DeleteView, FormView, type TemplateResponse, UpdateView } from '@manouche/generic'
import { EtaEngine } from '@manouche/templates'
import { type FactoryBodyInit, RequestFactory, type TestClient } from '@manouche/testing'
import { createTestClient } from 'manouche/testing'
import { container } from 'tsyringe'
import { z } from 'zod'
import { type Backend, type Store, useStore } from '../fixtures/generic-views.js'

/** The folder of the edit-view test templates (`contact.html`, `books/author_form.html`, ...). */
export const editTemplates = fileURLToPath(new URL('../../fixtures/templates/edit', import.meta.url))

/** Django's Author of the generic_views tests, with a birth date and a count of books. */
@Model({ app: 'books', ordering: 'id' })
export class Author {
  @Field({ primaryKey: true }) id!: number
  @Field({ maxLength: 100 }) name!: string
  @Field({ unique: true, maxLength: 50 }) slug!: string
  @Field({ type: 'date', nullable: true }) born!: Date | null
  @Field({ type: 'integer', default: 0 }) books!: number

  getAbsoluteUrl(): string {
    return `/authors/${this.id}/`
  }
}

/** The authors each test starts from. */
export function authorRows(): Author[] {
  return [
    Object.assign(new Author(), { id: 1, name: 'Randall Munroe', slug: 'randall-munroe', born: null, books: 3 }),
    Object.assign(new Author(), { id: 2, name: 'Ursula Le Guin', slug: 'le-guin', born: null, books: 20 }),
  ]
}

const contact = z.object({ name: z.string().min(1, 'Enter your name.'), message: z.string().max(50) })

/** A plain form for FormView. */
export class ContactForm extends Form<z.infer<typeof contact>> {
  static override schema = contact
}

/** Django's ContactView. */
export class ContactView extends FormView {
  override formClass = ContactForm
  override templateName = 'contact.html'
  override successUrl = '/thanks/'
}

/** Django's AuthorCreate: every field but the pk, back to the list. */
export class AuthorCreate extends CreateView<Author> {
  override model = Author
  override fields: readonly string[] | '__all__' = ['name', 'slug', 'born', 'books']
  override successUrl = '/authors/'
}

/** Django's NaiveAuthorCreate: no successUrl, so the object's getAbsoluteUrl(). */
export class AuthorCreateAbsolute extends CreateView<Author> {
  override model = Author
  override fields: readonly string[] | '__all__' = '__all__'
}

/** Django's AuthorCreateRestricted-like view: `{field}` placeholders from the saved object. */
export class AuthorCreatePlaceholders extends CreateView<Author> {
  override model = Author
  override fields: readonly string[] | '__all__' = ['name', 'slug']
  override successUrl = '/authors/{id}/{slug}/'
}

/** Django's AuthorUpdate. */
export class AuthorUpdate extends UpdateView<Author> {
  override model = Author
  override fields: readonly string[] | '__all__' = ['name', 'slug', 'born', 'books']
  override successUrl = '/authors/'
}

/** Django's AuthorDelete. */
export class AuthorDelete extends DeleteView<Author> {
  override model = Author
  override successUrl = '/authors/?deleted={id}'
}

/** The URLconf the client serves. */
export const editPatterns = [
  path('contact/', ContactView.asView(), { name: 'contact' }),
  path('authors/new/', AuthorCreate.asView(), { name: 'author-create' }),
  path('authors/new/absolute/', AuthorCreateAbsolute.asView()),
  path('authors/new/placeholders/', AuthorCreatePlaceholders.asView()),
  path('authors/<int:pk>/edit/', AuthorUpdate.asView(), { name: 'author-update' }),
  path('authors/<int:pk>/delete/', AuthorDelete.asView(), { name: 'author-delete' }),
]

/** The store of the current test and a test client serving `editPatterns` over it, both fresh per test. */
export function useEditApp(backend: Backend): () => { store: Store<Author>; client: TestClient; qs: QuerySet<Author> } {
  const store = useStore(backend, Author, authorRows)
  let client: TestClient | undefined
  beforeEach(async () => {
    client = await createTestClient({
      views: [],
      urlpatterns: editPatterns,
      templates: { dirs: [editTemplates] },
      overrides: [[querySetToken(Author), { useValue: store().qs }]],
    })
  })
  afterEach(() => client?.close())
  return () => ({ store: store(), client: client as TestClient, qs: store().qs })
}

/** Call `view` directly with a RequestFactory request whose container holds `qs` and the edit templates. */
export async function callEdit(
  view: ViewCallable,
  qs: QuerySet<Author>,
  method: 'get' | 'post' | 'put' | 'delete',
  url: string,
  init: FactoryBodyInit = {},
): Promise<HttpResponse & Partial<TemplateResponse>> {
  const child = container.createChildContainer()
  child.register(querySetToken(Author), { useValue: qs })
  child.registerInstance(TEMPLATE_ENGINE, new EtaEngine({ dirs: [editTemplates] }))
  const request = new RequestFactory()[method](url, { container: child, ...init })
  const response = await view(request, init.params ?? {})
  if (!response.isRendered) await response.render()
  return response as HttpResponse & Partial<TemplateResponse>
}

/** The authors in the store, by id, as plain rows. */
export async function rows(qs: QuerySet<Author>): Promise<Array<Pick<Author, 'id' | 'name' | 'slug' | 'books'>>> {
  const all = await qs.orderBy('id').toArray()
  return all.map(({ id, name, slug, books }) => ({ id, name, slug, books }))
}
