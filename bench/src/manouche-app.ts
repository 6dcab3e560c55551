// The bench pages as a Manouche user writes them from the README and the docs: @View classes
// and bootstrap(), nothing shaped for the bench. buildManouche() returns the app, not listening.
import 'reflect-metadata'
import type { FastifyInstance } from 'fastify'
import {
  bootstrap,
  CreateView,
  DetailView,
  HttpResponse,
  ListView,
  MonthArchiveView,
  openSqlite,
  registerQuerySets,
  reverse,
  type SqlDatabase,
  TemplateView,
  View,
} from 'manouche'
import { container } from 'tsyringe'
import { about, dbFile, PER_PAGE, templatesDir } from './fixtures.js'
import { Book as LibraryBook } from './library.js'
import { Book } from './models.js'

@View('/about/', { name: 'about' })
class AboutView extends TemplateView {
  override templateName = 'about.html'
  override extraContext = about
}

/** The README's list, plus the page's own head(). */
@View('/books/', { name: 'book-list' })
class BookListView extends ListView<Book> {
  override model = Book
  override paginateBy = PER_PAGE
  override ordering = '-publicationDate'

  async lastModified(): Promise<Date | undefined> {
    return (await this.getQueryset().first())?.publicationDate // the newest, or none when empty
  }

  // As docs/views.md writes it: lastModified() already read the newest date, so no second query.
  async head(): Promise<HttpResponse> {
    const newest = this.validators?.lastModified
    return new HttpResponse('', { headers: newest ? { 'Last-Modified': newest.toUTCString() } : {} })
  }
}

@View('/books/<int:pk>/', { name: 'book-detail' })
class BookDetailView extends DetailView<Book> {
  override model = Book
}

/** The seed's view (Django's "Supporting other HTTP methods"): a list whose HEAD reads latest() alone. */
@View('/recent/', { name: 'recent' })
class RecentBooksView extends ListView<Book> {
  override model = Book
  override templateName = 'books/recent_list.html'

  async head(): Promise<HttpResponse> {
    const lastBook = await this.getQueryset().latest('publicationDate')
    return new HttpResponse('', { headers: { 'Last-Modified': lastBook.publicationDate.toUTCString() } })
  }
}

/** One month of books by publication date, as docs/date-views.md writes it. */
@View('/books/archive/<int:year>/<str:month>/', { name: 'book-archive-month' })
class BookMonthArchiveView extends MonthArchiveView<Book> {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}

/** Add a book, then show it: the books sample's BookCreateView (samples/books/src/views.ts), its updatedAt stamp aside. */
@View('/books/new/', { name: 'book-create' })
class BookCreateView extends CreateView<LibraryBook> {
  override model = LibraryBook
  override fields = ['title', 'author', 'pages', 'publicationDate', 'slug']

  override getSuccessUrl(): string {
    return reverse('book-detail', { pk: this.object?.id }, { urlconf: this.request.urlconf })
  }
}

const READ_VIEWS = [AboutView, BookListView, BookDetailView, RecentBooksView, BookMonthArchiveView]

/**
 * The Manouche app on `file` (default: the bench database), ready and not listening; given
 * `library` (a copy of library.ts's database), it also serves the write workload's `/books/new/`.
 */
export function buildManouche(file = dbFile, library?: string): Promise<FastifyInstance> {
  return buildManoucheOn(openSqlite(file, { sqlite: { readonly: true } }), library)
}

/** The Manouche app on an open database (the PostgreSQL bench's), ready and not listening. */
export async function buildManoucheOn(db: SqlDatabase, library?: string): Promise<FastifyInstance> {
  const views = library === undefined ? READ_VIEWS : [...READ_VIEWS, BookCreateView]
  const registry = registerQuerySets(container.createChildContainer(), db, [Book])
  const writes = library === undefined ? undefined : openSqlite(library)
  if (writes) registerQuerySets(registry, writes, [LibraryBook])
  const app = await bootstrap({
    views,
    templates: { dirs: [templatesDir] },
    container: registry,
    logLevel: 'silent', // as the lean app's `logger: false`: the bench compares serving, not logging
  })
  if (writes) app.addHook('onClose', () => writes.close())
  return app
}
