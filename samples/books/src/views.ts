import {
  ArchiveIndexView,
  CreateView,
  DateDetailView,
  DayArchiveView,
  DeleteView,
  DetailView,
  type Form,
  type HttpRequest,
  HttpResponse,
  type Kwargs,
  ListView,
  MonthArchiveView,
  querySetToken,
  RedirectView,
  reverse,
  Template,
  TemplateView,
  TodayArchiveView,
  UpdateView,
  View,
  WeekArchiveView,
  YearArchiveView,
} from 'manouche'
import { FaviconView, StyleView } from './assets.js'
import { Book, LIBRARY, LibraryState } from './models.js'
import { bookUrl, stampedSave, touchLibrary } from './writes.js'

/** The seed's BookListView: 20 books a page, newest first, and a HEAD that only reports Last-Modified. */
@View('/books/', { name: 'book-list' })
export class BookListView extends ListView<Book> {
  override model = Book
  override paginateBy = 20
  override ordering = '-publicationDate'

  /** When the library last changed (an add, edit or delete): 304s for clients that have seen it, before anything is rendered. */
  async lastModified(): Promise<Date | undefined> {
    // One row by its pk, one column, no object built.
    const state = this.request.resolve(querySetToken(LibraryState))
    return (await state.filter({ pk: LIBRARY }).valuesList('changedAt', { flat: true }).first()) ?? undefined
  }

  /**
   * The list, marked `Cache-Control: no-cache`: with a Last-Modified and no Cache-Control, a
   * browser may show its copy without asking (heuristic freshness), and miss the book just added.
   */
  override async get(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    const response = await super.get(request, kwargs)
    response.headers.set('Cache-Control', 'no-cache')
    return response
  }

  /** The seed's HEAD: no list, no template; the Last-Modified header comes from lastModified(). */
  async head(): Promise<HttpResponse> {
    return new HttpResponse('')
  }
}

/** One book, by primary key. */
@View('/books/<int:pk>/', { name: 'book-detail' })
export class BookDetailView extends DetailView<Book> {
  override model = Book
}

/** The fields a visitor edits; `updatedAt` is stamped by the views, the pk by the database. */
const BOOK_FIELDS = ['title', 'author', 'pages', 'publicationDate', 'slug']

/** Add a book, then show it. */
@View('/books/new/', { name: 'book-create' })
export class BookCreateView extends CreateView<Book> {
  override model = Book
  override fields = BOOK_FIELDS

  override formValid(form: Form<object>): Promise<HttpResponse> {
    return stampedSave(this, form, () => super.formValid(form))
  }

  override getSuccessUrl(): string {
    return bookUrl(this)
  }
}

/** Edit a book, then show it. */
@View('/books/<int:pk>/edit/', { name: 'book-update' })
export class BookUpdateView extends UpdateView<Book> {
  override model = Book
  override fields = BOOK_FIELDS

  override formValid(form: Form<object>): Promise<HttpResponse> {
    return stampedSave(this, form, () => super.formValid(form))
  }

  override getSuccessUrl(): string {
    return bookUrl(this)
  }
}

/** Confirm, then delete a book and go back to the list. */
@View('/books/<int:pk>/delete/', { name: 'book-delete' })
export class BookDeleteView extends DeleteView<Book> {
  override model = Book

  override async formValid(form: Form<object>): Promise<HttpResponse> {
    const response = await super.formValid(form)
    await touchLibrary(this.request)
    return response
  }

  override async delete(request: HttpRequest, kwargs: Kwargs): Promise<HttpResponse> {
    const response = await super.delete(request, kwargs)
    await touchLibrary(request)
    return response
  }

  override getSuccessUrl(): string {
    return reverse('book-list', {}, { urlconf: this.request.urlconf })
  }
}

/** The about page. */
@View('/about/', { name: 'about' })
@Template('about.html')
export class AboutView extends TemplateView {}

/** `/` sends visitors to the book list. */
@View('/', { name: 'home' })
export class HomeView extends RedirectView {
  override patternName = 'book-list'
}

// The archive by publication date. It lives under /books/archive/ because /books/<int:pk>/ is
// the detail page: /books/<int:year>/ would be the same pattern.

/** The newest books and the years that have any. */
@View('/books/archive/', { name: 'book-archive' })
export class BookArchiveView extends ArchiveIndexView {
  override model = Book
  override dateField = 'publicationDate'
  override paginateBy = 20
}

/** The months of one year that have books. */
@View('/books/archive/<int:year>/', { name: 'book-archive-year' })
export class BookYearArchiveView extends YearArchiveView {
  override model = Book
  override dateField = 'publicationDate'
}

/** The books of one month (`/books/archive/2024/may/`). */
@View('/books/archive/<int:year>/<str:month>/', { name: 'book-archive-month' })
export class BookMonthArchiveView extends MonthArchiveView {
  override model = Book
  override dateField = 'publicationDate'
}

/** The books of one week, counted from Sunday (`%U`). */
@View('/books/archive/<int:year>/week/<int:week>/', { name: 'book-archive-week' })
export class BookWeekArchiveView extends WeekArchiveView {
  override model = Book
  override dateField = 'publicationDate'
}

/** The books of one day. */
@View('/books/archive/<int:year>/<str:month>/<int:day>/', { name: 'book-archive-day' })
export class BookDayArchiveView extends DayArchiveView {
  override model = Book
  override dateField = 'publicationDate'
}

/** The books published today (an empty page rather than a 404). */
@View('/books/archive/today/', { name: 'book-archive-today' })
export class BookTodayArchiveView extends TodayArchiveView {
  override model = Book
  override dateField = 'publicationDate'
  override allowEmpty = true
}

/** One book, at the day it was published. */
@View('/books/archive/<int:year>/<str:month>/<int:day>/<int:pk>/', { name: 'book-archive-detail' })
export class BookDateDetailView extends DateDetailView {
  override model = Book
  override dateField = 'publicationDate'
}

/** Every view of the sample, for bootstrap(). */
export const views = [
  BookListView,
  BookCreateView,
  BookDetailView,
  BookUpdateView,
  BookDeleteView,
  AboutView,
  HomeView,
  BookArchiveView,
  BookTodayArchiveView,
  BookYearArchiveView,
  BookWeekArchiveView,
  BookMonthArchiveView,
  BookDayArchiveView,
  BookDateDetailView,
  StyleView,
  FaviconView,
]
