import {
  ArchiveIndexView,
  DateDetailView,
  DayArchiveView,
  DetailView,
  HttpResponse,
  ListView,
  MonthArchiveView,
  RedirectView,
  Template,
  TemplateView,
  TodayArchiveView,
  View,
  WeekArchiveView,
  YearArchiveView,
} from 'manouche'
import { Book } from './models.js'

/** The seed's BookListView: 20 books a page, newest first, and a HEAD that only reports Last-Modified. */
@View('/books/', { name: 'book-list' })
export class BookListView extends ListView<Book> {
  override model = Book
  override paginateBy = 20
  override ordering = '-publicationDate'

  /** When the newest book appeared: 304s for clients that have seen it, before anything is rendered. */
  async lastModified(): Promise<Date | undefined> {
    // Only the date of the newest book: one indexed column, no Book built.
    return (await this.getQueryset().valuesList('publicationDate', { flat: true }).first()) ?? undefined
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
  BookDetailView,
  AboutView,
  HomeView,
  BookArchiveView,
  BookTodayArchiveView,
  BookYearArchiveView,
  BookWeekArchiveView,
  BookMonthArchiveView,
  BookDayArchiveView,
  BookDateDetailView,
]
