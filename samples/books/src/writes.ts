// What the sample's edit views share: every save stamps the book's updatedAt (Django's auto_now)
// and, with every delete, the library's changedAt, which the list's Last-Modified reads.
import { type Form, type HttpRequest, type HttpResponse, querySetToken, reverse } from 'manouche'
import { type Book, LIBRARY, LibraryState } from './models.js'

/** Stamp `updatedAt` on what the form saves, save it through `save`, then stamp the library. */
export async function stampedSave(
  view: { request: HttpRequest },
  form: Form<object>,
  save: () => HttpResponse | Promise<HttpResponse>,
): Promise<HttpResponse> {
  const now = new Date()
  ;(form.cleanedData as Partial<Book>).updatedAt = now
  const response = await save()
  // A save that failed (a slug taken) renders the form again: nothing changed.
  if (response.status < 400 && response.headers.has('location')) await touchLibrary(view.request, now)
  return response
}

/** Record that the library changed at `now`. */
export async function touchLibrary(request: HttpRequest, now = new Date()): Promise<void> {
  await request.resolve(querySetToken(LibraryState)).filter({ pk: LIBRARY }).update({ changedAt: now })
}

/** The saved book's page. */
export function bookUrl(view: { request: HttpRequest; object: Book | undefined }): string {
  return reverse('book-detail', { pk: view.object?.id }, { urlconf: view.request.urlconf })
}
