// Where list and detail views find their objects: the `queryset` attribute, else the model's
// QuerySet registered in the application's container, else ImproperlyConfigured (Django's message).
import type { BaseView } from '@manouche/core'
import { isQuerySet, MemoryQuerySet, type ModelClass, type QuerySet, querySetToken } from '@manouche/data'
import { sourceErrors } from './errors.js'

/** What a view's `queryset` attribute may hold: a QuerySet, or an array (read as a QuerySet without a model). */
export type ObjectSource<T> = QuerySet<T> | readonly T[]

/** The attributes `viewQueryset()` reads. */
interface QuerysetAttributes {
  queryset: ObjectSource<unknown> | undefined
  model: ModelClass | undefined
}

/**
 * Return the view's QuerySet: `queryset.all()`, an array wrapped in a MemoryQuerySet, or the
 * QuerySet registered under `querySetToken(model)`. Django: MultipleObjectMixin.get_queryset
 */
export function viewQueryset(view: BaseView & QuerysetAttributes): QuerySet<unknown> {
  const { queryset, model } = view
  if (queryset !== undefined && queryset !== null) {
    return isQuerySet(queryset) ? queryset.all() : new ArrayQuerySet(queryset as readonly unknown[])
  }
  if (model !== undefined && model !== null) return registeredQueryset(view, model)
  throw sourceErrors.noQueryset(view.constructor.name)
}

/** An array read as a QuerySet without a model: its own order is a defined order (Paginator need not warn). */
class ArrayQuerySet<T> extends MemoryQuerySet<T> {
  override get ordered(): boolean {
    return true
  }
}

/**
 * The QuerySet registered for `model`: resolved once per application (a QuerySet is immutable
 * and lazy), or from the request's container for a request built without a server.
 */
function registeredQueryset(view: BaseView, model: ModelClass): QuerySet<unknown> {
  const token = querySetToken(model)
  const { app } = view.request
  try {
    return app ? app.resolve(token) : view.request.resolve(token)
  } catch (cause) {
    if ((app?.container ?? view.request.container).isRegistered(token, true)) throw cause
    throw sourceErrors.querysetNotRegistered(view.constructor.name, model.name, cause)
  }
}
