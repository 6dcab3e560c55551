// The four bench pages written with Manouche: @View classes and bootstrap(), nothing hand-tuned.
import 'reflect-metadata'
import { bootstrap, DetailView, ListView, openSqlite, registerQuerySets, TemplateView, View } from 'manouche'
import { container } from 'tsyringe'
import { dbFile, team, templatesDir } from './fixtures.js'
import { announce } from './ipc.js'
import { Book } from './models.js'

@View('/about/', { name: 'about' })
class AboutView extends TemplateView {
  override templateName = 'about.html'
  override extraContext = { team }
}

@View('/books/', { name: 'book-list' })
class BookListView extends ListView<Book> {
  override model = Book
  override paginateBy = 20
  override ordering = '-publicationDate'

  // HEAD is served by get(), so it carries the Content-Length GET would have (RFC 9110):
  // autocannon and wrk stall on a keep-alive HEAD answer without one.
  async lastModified(): Promise<Date | undefined> {
    // One column, as the hand-written page reads it: Django's values_list(flat=True).
    return (await this.getQueryset().valuesList('publicationDate', { flat: true }).first()) ?? undefined
  }
}

@View('/books/<int:pk>/', { name: 'book-detail' })
class BookDetailView extends DetailView<Book> {
  override model = Book
}

const db = openSqlite(dbFile, { sqlite: { readonly: true } })
const app = await bootstrap({
  views: [AboutView, BookListView, BookDetailView],
  templates: { dirs: [templatesDir] },
  container: registerQuerySets(container.createChildContainer(), db, [Book]),
})
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
announce(app)
