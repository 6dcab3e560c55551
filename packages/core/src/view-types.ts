import type { HttpRequest, Kwargs } from './request.js'
import type { HttpResponse } from './response.js'

/** What a view returns: a response, or a promise of one. */
export type ViewResult = HttpResponse | Promise<HttpResponse>

/**
 * A view: a function from a request (and its route kwargs) to a response. Those made by
 * `asView()` also carry `viewClass` and `viewInitkwargs`.
 */
export interface ViewCallable {
  (request: HttpRequest, kwargs?: Kwargs): ViewResult
  readonly viewClass?: Function
  readonly viewInitkwargs?: Readonly<Record<string, unknown>>
}
