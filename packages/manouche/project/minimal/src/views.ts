import { ListView, Template, TemplateView, View } from 'manouche'
import { Note } from './models.js'

/** The home page: a template and nothing else. */
@View('/', { name: 'home' })
@Template('home.html')
export class HomeView extends TemplateView {}

/** Every note, newest first, ten a page; renders `notes/note_list.html` with `noteList`. */
@View('/notes/', { name: 'note-list' })
export class NoteListView extends ListView<Note> {
  override model = Note // its QuerySet comes from the container (see app.ts)
  override paginateBy = 10
  override ordering = '-createdAt'
}

/** Every view of the application, for bootstrap(). */
export const views = [HomeView, NoteListView]
