import { DetailView, HttpResponse, ListView, RedirectView, Template, TemplateView, View } from 'manouche'
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

/** Every view of the sample, for bootstrap(). */
export const views = [BookListView, BookDetailView, AboutView, HomeView]
