// Django's django/views/generic/list.py family: the mixin that finds, orders and paginates a list
// of objects, the view that serves it, the mixin naming its template, and ListView.
import { BaseView, type HttpRequest, type HttpResponse, type Kwargs } from '@manouche/core'
import { frameworkHandlers } from '@manouche/core/internal'
import type { ModelClass, QuerySet } from '@manouche/data'
import { ContextMixin, TemplateResponseMixin } from './base.js'
import { listErrors } from './errors.js'
import type { Constructor } from './mixins.js'
import { type ObjectSource, viewQueryset } from './object-source.js'
import { toPageInteger } from './page-number.js'
import { InvalidPage, type Page, Paginator, type PaginatorOptions } from './paginator.js'
import type { Context } from './response.js'

/** A Paginator class (or subclass) a list view builds its paginator with. Django: paginator_class */
export type PaginatorClass = new <T>(
  objectList: QuerySet<T>,
  perPage: number,
  options?: PaginatorOptions,
) => Paginator<T>

/** What `paginateQueryset()` returns, in Django's order: paginator, page, the page's objects, isPaginated. */
export type Pagination<T> = [paginator: Paginator<T>, page: Page<T>, objectList: T[], isPaginated: boolean]

/** What `MultipleObjectMixin` adds to a view whose objects are `T`. */
export interface MultipleObjectMixin<T = unknown> extends ContextMixin {
  /** The model whose QuerySet is resolved from the request's container (`querySetToken(model)`). */
  model: ModelClass<T> | undefined
  /** The objects to list; wins over `model`. An array is read as a QuerySet without a model. */
  queryset: ObjectSource<T> | undefined
  /** Field names to order by: `'title'`, `'-pages'` (descending) or a list of them. */
  ordering: string | readonly string[] | undefined
  /** Objects per page; undefined or 0 turns pagination off. */
  paginateBy: number | undefined
  /** A last page with this many objects or fewer joins the page before. */
  paginateOrphans: number
  /** The route kwarg, then query parameter, holding the page number. */
  pageKwarg: string
  /** Serve an empty list (true) or answer 404 (false). */
  allowEmpty: boolean
  /** The context key for the list besides `objectList` (default `<model>List`, e.g. `bookList`). */
  contextObjectName: string | undefined
  /** The Paginator class `getPaginator()` builds. */
  paginatorClass: PaginatorClass
  /** The QuerySet being listed, set by `get()`. */
  objectList: QuerySet<T>
  /** The QuerySet to list (`queryset`, else the model's from DI), ordered by `getOrdering()`; synchronous. */
  getQueryset(): QuerySet<T>
  /** The ordering to apply: `ordering` by default. */
  getOrdering(): string | readonly string[] | undefined
  /** Fetch the requested page; 404 for a page that is no number (nor `last`) or out of range. */
  paginateQueryset(queryset: QuerySet<T>, pageSize: number): Promise<Pagination<T>>
  /** Objects per page: `paginateBy` by default; undefined or 0 turns pagination off. */
  getPaginateBy(queryset: QuerySet<T>): number | undefined
  /** Build the Paginator for `queryset`. */
  getPaginator(queryset: QuerySet<T>, perPage: number, options?: PaginatorOptions): Paginator<T>
  /** `paginateOrphans` by default. */
  getPaginateOrphans(): number
  /** `allowEmpty` by default. */
  getAllowEmpty(): boolean
  /** `contextObjectName`, else `<model>List`, else undefined. */
  getContextObjectName(objectList: QuerySet<T>): string | undefined
  /** The objects of `objectList` (default: `this.objectList`) as an array, fetched once per view instance. */
  evaluateObjectList(objectList: QuerySet<T>): Promise<T[]>
}

/**
 * Find the objects to list (`queryset`, else `model` through DI), order them, and put them in
 * the context as arrays, paginated when `paginateBy` is set. `getContextData()` is async: it
 * counts and fetches. Django: MultipleObjectMixin
 */
export function MultipleObjectMixin<TBase extends Constructor<BaseView & ContextMixin>>(
  Base: TBase,
): TBase & Constructor<MultipleObjectMixin> {
  abstract class MultipleObjectMixinImpl extends Base implements MultipleObjectMixin {
    model: ModelClass | undefined = undefined
    queryset: ObjectSource<unknown> | undefined = undefined
    ordering: string | readonly string[] | undefined = undefined
    paginateBy: number | undefined = undefined
    paginateOrphans = 0
    pageKwarg = 'page'
    allowEmpty = true
    contextObjectName: string | undefined = undefined
    paginatorClass: PaginatorClass = Paginator
    declare objectList: QuerySet<unknown>
    #evaluated: WeakMap<object, Promise<unknown[]>> | undefined = undefined
    #queryset: QuerySet<unknown> | undefined = undefined

    /**
     * The QuerySet to list, ordered by `getOrdering()`; synchronous, as QuerySets are lazy. Built
     * once per request (a view instance serves one): `lastModified()` and `get()` share it.
     * Django: get_queryset
     */
    getQueryset(): QuerySet<unknown> {
      this.#queryset ??= orderedQueryset(viewQueryset(this), this.getOrdering())
      return this.#queryset
    }

    getOrdering(): string | readonly string[] | undefined {
      return this.ordering
    }

    /** Fetch the requested page: 404 for a page that is not a number, nor `last`, or is out of range. Django: paginate_queryset */
    async paginateQueryset(queryset: QuerySet<unknown>, pageSize: number): Promise<Pagination<unknown>> {
      const options = { orphans: this.getPaginateOrphans(), allowEmptyFirstPage: this.getAllowEmpty() }
      const paginator = this.getPaginator(queryset, pageSize, options)
      const pageNumber = await requestedPage(this.kwargs, this.request, this.pageKwarg, paginator)
      try {
        const page = await paginator.page(pageNumber)
        return [paginator, page, page.objectList, page.hasOtherPages()]
      } catch (error) {
        if (error instanceof InvalidPage) throw listErrors.invalidPage(pageNumber, error)
        throw error
      }
    }

    getPaginateBy(_queryset: QuerySet<unknown>): number | undefined {
      return this.paginateBy
    }

    getPaginator(queryset: QuerySet<unknown>, perPage: number, options: PaginatorOptions = {}): Paginator<unknown> {
      return new this.paginatorClass(queryset, perPage, options)
    }

    getPaginateOrphans(): number {
      return this.paginateOrphans
    }

    getAllowEmpty(): boolean {
      return this.allowEmpty
    }

    /** `contextObjectName`, else `<model>List` (`bookList`), else undefined. Django: get_context_object_name */
    getContextObjectName(objectList: QuerySet<unknown>): string | undefined {
      if (this.contextObjectName) return this.contextObjectName
      const model = objectList?.model
      return model ? `${model.name}List` : undefined
    }

    evaluateObjectList(objectList: QuerySet<unknown>): Promise<unknown[]> {
      if (Array.isArray(objectList)) return Promise.resolve(objectList)
      this.#evaluated ??= new WeakMap()
      let list = this.#evaluated.get(objectList)
      if (!list) {
        list = objectList.toArray()
        this.#evaluated.set(objectList, list)
      }
      return list
    }

    /**
     * `objectList` (an array: the page's objects when paginated), `paginator`, `pageObj` and
     * `isPaginated` (null, null, false without pagination), and `<model>List`; `kwargs` win,
     * and `kwargs.objectList` replaces the list to show. Django: MultipleObjectMixin.get_context_data
     */
    override async getContextData(kwargs: Context = {}): Promise<Context> {
      const { objectList: given, ...rest } = kwargs
      const queryset = (given ?? this.objectList) as QuerySet<unknown>
      const pageSize = this.getPaginateBy(queryset)
      const name = this.getContextObjectName(queryset)
      const context: Context = pageSize
        ? paginationContext(await this.paginateQueryset(queryset, pageSize))
        : { paginator: null, pageObj: null, isPaginated: false, objectList: await this.evaluateObjectList(queryset) }
      if (name) context[name] = context.objectList
      return super.getContextData({ ...context, ...rest })
    }
  }
  return MultipleObjectMixinImpl
}

function orderedQueryset(queryset: QuerySet<unknown>, ordering: string | readonly string[] | undefined) {
  if (!ordering || ordering.length === 0) return queryset
  return typeof ordering === 'string' ? queryset.orderBy(ordering) : queryset.orderBy(...ordering)
}

function paginationContext([paginator, pageObj, objectList, isPaginated]: Pagination<unknown>): Context {
  return { paginator, pageObj, isPaginated, objectList }
}

/**
 * The page asked for: the route kwarg, else the query parameter (its last value, as Django
 * reads it), else 1; `last` is the last page; anything Python's int() rejects is a 404.
 */
async function requestedPage(
  kwargs: Kwargs,
  request: HttpRequest,
  pageKwarg: string,
  paginator: Paginator<unknown>,
): Promise<number | bigint> {
  const page = kwargs[pageKwarg] || request.query.getAll(pageKwarg).at(-1) || 1
  const number = toPageInteger(page)
  if (number !== undefined) return number
  if (page === 'last') return paginator.numPages()
  throw listErrors.pageNotAnInt()
}

// TypeScript's mixins drop type parameters; these casts give them back so views are generic over T.
type ViewStatics = Omit<typeof BaseView, 'prototype'>

const BaseListViewBase = MultipleObjectMixin(ContextMixin(BaseView)) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseView & ContextMixin & MultipleObjectMixin<T>)

/**
 * Serve a list of objects: 404 when it is empty and `allowEmpty` is false, else the context;
 * subclasses supply `renderToResponse()` (ListView renders a template). Django: BaseListView
 */
export abstract class BaseListView<T = unknown> extends BaseListViewBase<T> {
  /** Render the context into a response. */
  abstract renderToResponse(context: Context): HttpResponse | Promise<HttpResponse>

  /** Django: BaseListView.get */
  async get(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
    this.objectList = this.getQueryset()
    if (!this.getAllowEmpty() && (await this.isEmpty())) throw listErrors.emptyList(this.constructor.name)
    return this.renderToResponse(await this.getContextData())
  }

  /** Whether the list is empty: a cheap `exists()` when paginated, else the list itself (fetched once). */
  protected async isEmpty(): Promise<boolean> {
    if (this.getPaginateBy(this.objectList) !== undefined) return !(await this.objectList.exists())
    return (await this.evaluateObjectList(this.objectList)).length === 0
  }
}
frameworkHandlers(BaseListView, 'get')

/** What `MultipleObjectTemplateResponseMixin` adds to a view. */
export interface MultipleObjectTemplateResponseMixin {
  /** Appended to the model name for the default template: `books/book_list.html`. */
  templateNameSuffix: string
}

/**
 * Name the templates `[templateName, '<app>/<model><suffix>.html']`: the default is always
 * appended when the list has a model. Django: MultipleObjectTemplateResponseMixin
 */
export function MultipleObjectTemplateResponseMixin<
  TBase extends Constructor<BaseView & TemplateResponseMixin & MultipleObjectMixin>,
>(Base: TBase): TBase & Constructor<MultipleObjectTemplateResponseMixin> {
  abstract class MultipleObjectTemplateResponseMixinImpl extends Base implements MultipleObjectTemplateResponseMixin {
    templateNameSuffix = '_list'

    /** Django: MultipleObjectTemplateResponseMixin.get_template_names */
    override getTemplateNames(): string[] {
      // Django calls super and catches ImproperlyConfigured; checking first spares every
      // request without a templateName (the usual ListView) building and throwing an error.
      const names = this.templateName == null ? [] : super.getTemplateNames()
      const model = this.objectList?.model
      if (model) return [...names, `${model.app}/${model.name}${this.templateNameSuffix}.html`]
      if (names.length === 0) throw listErrors.listNoTemplate(this.constructor.name)
      return names
    }
  }
  return MultipleObjectTemplateResponseMixinImpl
}

const ListViewBase = MultipleObjectTemplateResponseMixin(
  TemplateResponseMixin(BaseListView),
) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => BaseListView<T> & TemplateResponseMixin & MultipleObjectTemplateResponseMixin)

/**
 * Render a template with a list of objects: `class BookListView extends ListView<Book> { model = Book }`
 * renders `books/book_list.html` with `objectList` and `bookList`. Django: ListView
 */
export class ListView<T = unknown> extends ListViewBase<T> {}
