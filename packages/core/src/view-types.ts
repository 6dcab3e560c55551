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

/**
 * `fn(value)`, at once when `value` is no promise, else once it resolves: how the framework
 * chains hooks that may be sync or async without making a promise when none is needed.
 * @internal
 */
export function andThen<T, R>(value: T | Promise<T>, fn: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value)
}
