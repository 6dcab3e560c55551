// Django's django/views/generic/detail.py family: the mixin that finds one object from the URL,
// the view that serves it, the mixin naming its template, and DetailView.
import { BaseView, type HttpRequest, type HttpResponse, type Kwargs } from '@manouche/core'
import { andThen, frameworkHandlers } from '@manouche/core/internal'
import { DoesNotExist, type ModelClass, modelMeta, type QuerySet } from '@manouche/data'
import { ContextMixin, TemplateResponseMixin } from './base.js'
import { detailErrors } from './errors.js'
import type { Constructor } from './mixins.js'
import { type ObjectSource, viewQueryset } from './object-source.js'
import type { Context } from './response.js'

/** What `SingleObjectMixin` adds to a view whose object is a `T`. */
export interface SingleObjectMixin<T = unknown> extends ContextMixin {
  /** The model whose QuerySet is resolved from the request's container (`querySetToken(model)`). */
  model: ModelClass<T> | undefined
  /** Where to look the object up; wins over `model`. */
  queryset: ObjectSource<T> | undefined
  /** The field the slug kwarg is matched against. */
  slugField: string
  /** The context key for the object besides `object` (default: the model name, e.g. `book`). */
  contextObjectName: string | undefined
  /** The route kwarg holding the slug. */
  slugUrlKwarg: string
  /** The route kwarg holding the primary key. */
  pkUrlKwarg: string
  /** Match the slug as well when the URL has a pk (by default the slug is then ignored). */
  queryPkAndSlug: boolean
  /** The object being shown, set by `get()`. */
  object: T | undefined
  /** Find the object by the route's pk and/or slug; 404 when nothing matches. */
  getObject(queryset?: QuerySet<T>): Promise<T>
  /** The QuerySet to look in: `queryset`, else the model's from DI; synchronous. */
  getQueryset(): QuerySet<T>
  /** `slugField` by default. */
  getSlugField(): string
  /** `contextObjectName`, else the object's model name (`book`), else undefined. */
  getContextObjectName(obj: T | undefined): string | undefined
}

/**
 * Find one object by the route's `pk` and/or `slug` kwargs (never the query string) and put it
 * in the context as `object` and `<model>`. `getObject()` is async.
 * Django: SingleObjectMixin
 */
export function SingleObjectMixin<TBase extends Constructor<BaseView & ContextMixin>>(
  Base: TBase,
): TBase & Constructor<SingleObjectMixin> {
  abstract class SingleObjectMixinImpl extends Base implements SingleObjectMixin {
    model: ModelClass | undefined = undefined
    queryset: ObjectSource<unknown> | undefined = undefined
    slugField = 'slug'
    contextObjectName: string | undefined = undefined
    slugUrlKwarg = 'slug'
    pkUrlKwarg = 'pk'
    queryPkAndSlug = false
    object: unknown = undefined

    /**
     * Fetch the object the route kwargs name: 404 `No <verbose name> found matching the query`
     * when none matches; ImproperlyConfigured when the route has neither pk nor slug. Django: get_object
     */
    getObject(queryset?: QuerySet<unknown>): Promise<unknown> {
      // Not async: the promise get() gives is the answer, with only a 404 mapped on the way
      // (an async function would add a promise and a turn of its own per request).
      try {
        const query = lookup(this, queryset ?? this.getQueryset())
        return query.get().catch((error: unknown) => {
          // Only this QuerySet's model is "not found"; another model's DoesNotExist is a bug to show.
          if (error instanceof DoesNotExist && error.model === query.model) {
            throw detailErrors.notFound(query.model?.verboseName ?? 'object', error)
          }
          throw error
        })
      } catch (error) {
        return Promise.reject(error)
      }
    }

    /** The QuerySet to look in: `queryset.all()`, else the model's from DI. Django: get_queryset */
    getQueryset(): QuerySet<unknown> {
      return viewQueryset(this)
    }

    getSlugField(): string {
      return this.slugField
    }

    /** `contextObjectName`, else the name of `obj`'s model (`book`), else undefined. Django: get_context_object_name */
    getContextObjectName(obj: unknown): string | undefined {
      if (this.contextObjectName) return this.contextObjectName
      return modelMeta(obj)?.name
    }

    /**
     * `object` and `<model>` when there is an object; `kwargs` win. Synchronous unless an
     * ancestor's is async. Django: SingleObjectMixin.get_context_data
     */
    override getContextData(kwargs: Context = {}): Context | Promise<Context> {
      if (!this.object) return super.getContextData(kwargs)
      const context: Context = { object: this.object }
      const name = this.getContextObjectName(this.object)
      if (name) context[name] = this.object
      return super.getContextData(Object.assign(context, kwargs))
    }
  }
  return SingleObjectMixinImpl
}

/** Filter by pk, and by slug when there is no pk or `queryPkAndSlug` is set. */
function lookup(view: BaseView & SingleObjectMixin, queryset: QuerySet<unknown>): QuerySet<unknown> {
  const pk = view.kwargs[view.pkUrlKwarg]
  const slug = view.kwargs[view.slugUrlKwarg]
  const hasPk = pk !== undefined && pk !== null
  const hasSlug = slug !== undefined && slug !== null
  if (!hasPk && !hasSlug) throw detailErrors.noLookup(view.constructor.name)
  const byPk = hasPk ? queryset.filter({ pk }) : queryset
  return hasSlug && (!hasPk || view.queryPkAndSlug) ? byPk.filter({ [view.getSlugField()]: slug }) : byPk
}

// TypeScript's mixins drop type parameters; these casts give them back so views are generic over T.
type ViewStatics = Omit<typeof BaseView, 'prototype'>

const BaseDetailViewBase = SingleObjectMixin(ContextMixin(BaseView)) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseView & ContextMixin & SingleObjectMixin<T>)

/** Serve one object; subclasses supply `renderToResponse()` (DetailView renders a template). Django: BaseDetailView */
export abstract class BaseDetailView<T = unknown> extends BaseDetailViewBase<T> {
  /** Render the context into a response. */
  abstract renderToResponse(context: Context): HttpResponse | Promise<HttpResponse>

  /** Find the object, then render it; no promise of its own beyond the hooks'. Django: BaseDetailView.get */
  get(_request: HttpRequest, _kwargs: Kwargs): HttpResponse | Promise<HttpResponse> {
    return andThen(this.getObject(), (object) => {
      this.object = object
      return andThen(this.getContextData({ object }), (context) => this.renderToResponse(context))
    })
  }
}
frameworkHandlers(BaseDetailView, 'get')

/** What `SingleObjectTemplateResponseMixin` adds to a view. */
export interface SingleObjectTemplateResponseMixin {
  /** A field of the object naming its own template, tried first. */
  templateNameField: string | undefined
  /** Appended to the model name for the default template: `books/book_detail.html`. */
  templateNameSuffix: string
}

/**
 * Name the template: `templateName` alone when set; else the object's `templateNameField`, then
 * `<app>/<model><suffix>.html` from the object's model or `model`. Django: SingleObjectTemplateResponseMixin
 */
export function SingleObjectTemplateResponseMixin<
  TBase extends Constructor<BaseView & TemplateResponseMixin & SingleObjectMixin>,
>(Base: TBase): TBase & Constructor<SingleObjectTemplateResponseMixin> {
  abstract class SingleObjectTemplateResponseMixinImpl extends Base implements SingleObjectTemplateResponseMixin {
    templateNameField: string | undefined = undefined
    templateNameSuffix = '_detail'

    /** Django: SingleObjectTemplateResponseMixin.get_template_names */
    override getTemplateNames(): string[] {
      if (this.templateName != null) {
        const given = super.getTemplateNames()
        if (given.length > 0) return given
      }
      const names: string[] = []
      const own =
        this.object && this.templateNameField
          ? (this.object as Record<string, unknown>)[this.templateNameField]
          : undefined
      if (own) names.push(String(own))
      const meta = modelMeta(this.object) ?? (this.model ? modelMeta(this.model) : undefined)
      if (meta) names.push(`${meta.app}/${meta.name}${this.templateNameSuffix}.html`)
      if (names.length === 0) throw detailErrors.detailNoTemplate()
      return names
    }
  }
  return SingleObjectTemplateResponseMixinImpl
}

const DetailViewBase = SingleObjectTemplateResponseMixin(
  TemplateResponseMixin(BaseDetailView),
) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseDetailView<T> & TemplateResponseMixin & SingleObjectTemplateResponseMixin)

/**
 * Render a template with one object: `class BookDetailView extends DetailView<Book> { model = Book }`
 * on `books/<int:pk>/` renders `books/book_detail.html` with `object` and `book`. Django: DetailView
 */
export class DetailView<T = unknown> extends DetailViewBase<T> {}
