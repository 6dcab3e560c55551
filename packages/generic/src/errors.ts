/**
 * The errors of @manouche/generic: small factories, one line at each call site, Django's wording
 * where Django has one. Each error carries a stable code listed in `genericErrorCodes`.
 */
import { Http404, ImproperlyConfigured, type Kwargs, ManoucheError, type ManoucheErrorOptions } from '@manouche/core'

/** A `TemplateResponse`'s content was read before it was rendered. Django: ContentNotRenderedError */
export class ContentNotRenderedError extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 500, 'MNC_ERR_GENERIC_CONTENT_NOT_RENDERED', options)
  }
}

/** A page number a Paginator cannot serve; views turn it into a 404. Django: InvalidPage */
export class InvalidPage extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 404, 'MNC_ERR_PAGINATOR_INVALID_PAGE', options)
  }
}

/** The page number is not an integer. Django: PageNotAnInteger */
export class PageNotAnInteger extends InvalidPage {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, { code: 'MNC_ERR_PAGINATOR_NOT_AN_INTEGER', ...options })
  }
}

/** The page number is less than 1 or past the last page. Django: EmptyPage */
export class EmptyPage extends InvalidPage {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, { code: 'MNC_ERR_PAGINATOR_EMPTY_PAGE', ...options })
  }
}

/** The codes this package raises, for docs/errors.md and its test. */
export const genericErrorCodes = [
  'MNC_ERR_GENERIC_CONTENT_NOT_RENDERED',
  'MNC_ERR_GENERIC_NO_TEMPLATE_NAME',
  'MNC_ERR_GENERIC_NO_TEMPLATE_ENGINE',
  'MNC_ERR_GENERIC_REDIRECT_PLACEHOLDER',
  'MNC_ERR_GENERIC_REDIRECT_BRACE',
  'MNC_ERR_PAGINATOR_INVALID_PAGE',
  'MNC_ERR_PAGINATOR_NOT_AN_INTEGER',
  'MNC_ERR_PAGINATOR_EMPTY_PAGE',
  'MNC_ERR_PAGINATOR_NOT_COUNTED',
  'MNC_ERR_PAGINATOR_PER_PAGE',
  'MNC_ERR_PAGINATOR_ORPHANS',
  'MNC_ERR_PAGINATOR_PAGE_INDEX',
  'MNC_ERR_GENERIC_NO_QUERYSET',
  'MNC_ERR_GENERIC_QUERYSET_NOT_REGISTERED',
  'MNC_ERR_LIST_PAGE_NOT_AN_INT',
  'MNC_ERR_LIST_INVALID_PAGE',
  'MNC_ERR_LIST_EMPTY',
  'MNC_ERR_LIST_NO_TEMPLATE',
  'MNC_ERR_DETAIL_NO_LOOKUP',
  'MNC_ERR_DETAIL_NOT_FOUND',
  'MNC_ERR_DETAIL_NO_TEMPLATE',
  'MNC_ERR_DATES_NOT_SPECIFIED',
  'MNC_ERR_DATES_INVALID_DATE',
  'MNC_ERR_DATES_NONE_AVAILABLE',
  'MNC_ERR_DATES_FUTURE',
  'MNC_ERR_DATES_NO_DATE_FIELD',
  'MNC_ERR_DATES_WEEK_FORMAT',
  'MNC_ERR_EDIT_NO_SUCCESS_URL',
  'MNC_ERR_EDIT_NO_ABSOLUTE_URL',
  'MNC_ERR_EDIT_NO_FIELDS',
  'MNC_ERR_EDIT_FIELDS_AND_FORM_CLASS',
  'MNC_ERR_EDIT_NO_FORM_CLASS',
  'MNC_ERR_EDIT_SUCCESS_URL_PLACEHOLDER',
] as const

const kwargNames = (kwargs: Kwargs) => {
  const names = Object.keys(kwargs)
  return names.length ? `they hold ${names.map((n) => `'${n}'`).join(', ')}` : 'there are none'
}

/** TemplateResponse, the template mixins and RedirectView (base.ts, response.ts). */
export const baseErrors = {
  contentNotRendered: () =>
    new ContentNotRenderedError('The response content must be rendered before it can be accessed.'),
  noTemplateName: () =>
    new ImproperlyConfigured(
      "TemplateResponseMixin requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'",
      { code: 'MNC_ERR_GENERIC_NO_TEMPLATE_NAME' },
    ),
  noTemplateEngine: (cause: unknown) =>
    new ImproperlyConfigured(
      "TemplateResponse found no template engine: give bootstrap() 'templates: { dirs }' (with an engine: the manouche package's bootstrap() defaults to Eta), register one under TEMPLATE_ENGINE in the request's container, or set the view's 'templateEngine'.",
      { code: 'MNC_ERR_GENERIC_NO_TEMPLATE_ENGINE', cause },
    ),
  redirectPlaceholder: (cls: string, url: string, name: string, kwargs: Kwargs) =>
    new ImproperlyConfigured(
      `${cls}.url '${url}' has the placeholder {${name}}, but the URL kwargs hold no '${name}' (${kwargNames(kwargs)}). Write '{{' and '}}' for literal braces.`,
      { code: 'MNC_ERR_GENERIC_REDIRECT_PLACEHOLDER' },
    ),
  redirectBrace: (cls: string, url: string) =>
    new ImproperlyConfigured(
      `${cls}.url '${url}' has an unmatched '{' or '}'. Write '{{' and '}}' for literal braces.`,
      { code: 'MNC_ERR_GENERIC_REDIRECT_BRACE' },
    ),
}

/** Name a bad value the way the messages below quote it: strings in quotes, others by their type. */
const show = (value: unknown) =>
  typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'` : String(value)

const coded = <E extends Error>(error: E, code: string): E & { code: string } => Object.assign(error, { code })

/** Paginator (paginator.ts). Django's wording where it has one. */
export const paginatorErrors = {
  notCounted: () =>
    coded(
      new TypeError(
        'Paginator.count() must be awaited before count, numPages, pageRange or validateNumber() are read.',
      ),
      'MNC_ERR_PAGINATOR_NOT_COUNTED',
    ),
  perPage: (value: unknown) =>
    coded(new RangeError(`perPage must be a positive integer, not ${show(value)}.`), 'MNC_ERR_PAGINATOR_PER_PAGE'),
  orphans: (value: unknown) =>
    coded(new RangeError(`orphans must be an integer of 0 or more, not ${show(value)}.`), 'MNC_ERR_PAGINATOR_ORPHANS'),
  orphansTooLarge: () =>
    coded(
      new RangeError('The orphans argument cannot be larger than or equal to the perPage argument.'),
      'MNC_ERR_PAGINATOR_ORPHANS',
    ),
  pageIndex: (index: unknown) =>
    coded(new TypeError(`Page indices must be integers, not ${typeof index}.`), 'MNC_ERR_PAGINATOR_PAGE_INDEX'),
}

/** Where list and detail views find their objects (object-source.ts). Django's wording where it has one. */
export const sourceErrors = {
  noQueryset: (cls: string) =>
    new ImproperlyConfigured(
      `${cls} is missing a QuerySet. Define ${cls}.model, ${cls}.queryset, or override ${cls}.getQueryset().`,
      { code: 'MNC_ERR_GENERIC_NO_QUERYSET' },
    ),
  querysetNotRegistered: (cls: string, model: string, cause: unknown) =>
    new ImproperlyConfigured(
      `${cls}.model is ${model}, but no QuerySet is registered for it: register one under querySetToken(${model}) in the container (registerQuerySets() does it for a database).`,
      { code: 'MNC_ERR_GENERIC_QUERYSET_NOT_REGISTERED', cause },
    ),
}

/** ListView and its mixins (list.ts). Django's wording where it has one. */
export const listErrors = {
  pageNotAnInt: () =>
    new Http404('Page is not “last”, nor can it be converted to an int.', { code: 'MNC_ERR_LIST_PAGE_NOT_AN_INT' }),
  invalidPage: (pageNumber: unknown, cause: Error) =>
    new Http404(`Invalid page (${String(pageNumber)}): ${cause.message}`, { code: 'MNC_ERR_LIST_INVALID_PAGE', cause }),
  emptyList: (cls: string) =>
    new Http404(`Empty list and “${cls}.allowEmpty” is False.`, { code: 'MNC_ERR_LIST_EMPTY' }),
  listNoTemplate: (cls: string) =>
    new ImproperlyConfigured(
      `${cls} requires either a 'templateName' attribute or a getQueryset() method that returns a QuerySet.`,
      { code: 'MNC_ERR_LIST_NO_TEMPLATE' },
    ),
}

/** DetailView and its mixins (detail.ts). Django's wording where it has one. */
export const detailErrors = {
  noLookup: (cls: string) =>
    new ImproperlyConfigured(
      `Generic detail view ${cls} must be called with either an object pk or a slug in the URLconf.`,
      { code: 'MNC_ERR_DETAIL_NO_LOOKUP' },
    ),
  notFound: (verboseName: string, cause: unknown) =>
    new Http404(`No ${verboseName} found matching the query`, { code: 'MNC_ERR_DETAIL_NOT_FOUND', cause }),
  detailNoTemplate: () =>
    new ImproperlyConfigured(
      "SingleObjectTemplateResponseMixin requires a definition of 'templateName', 'templateNameField', or 'model'; or an implementation of 'getTemplateNames()'.",
      { code: 'MNC_ERR_DETAIL_NO_TEMPLATE' },
    ),
}

/** The date views (dates.ts). Django's wording. */
export const dateErrors = {
  notSpecified: (period: string) => new Http404(`No ${period} specified`, { code: 'MNC_ERR_DATES_NOT_SPECIFIED' }),
  invalidDate: (text: string, format: string) =>
    new Http404(
      `Invalid date string “${text.length > 40 ? `${text.slice(0, 40)}...` : text}” given format “${format}”`,
      {
        code: 'MNC_ERR_DATES_INVALID_DATE',
      },
    ),
  noneAvailable: (plural: string) => new Http404(`No ${plural} available`, { code: 'MNC_ERR_DATES_NONE_AVAILABLE' }),
  future: (plural: string, cls: string) =>
    new Http404(`Future ${plural} not available because ${cls}.allowFuture is False.`, {
      code: 'MNC_ERR_DATES_FUTURE',
    }),
  noDateField: (cls: string) =>
    new ImproperlyConfigured(`${cls}.dateField is required.`, { code: 'MNC_ERR_DATES_NO_DATE_FIELD' }),
  notADateField: (cls: string, field: string, model: string) =>
    new ImproperlyConfigured(`${cls}.dateField is '${field}', which is no date field of ${model}.`, {
      code: 'MNC_ERR_DATES_NO_DATE_FIELD',
    }),
  unknownWeekFormat: (format: string) =>
    new ImproperlyConfigured(`Unknown week format '${format}'. Choices are: %U, %V, %W`, {
      code: 'MNC_ERR_DATES_WEEK_FORMAT',
    }),
  isoWeekWithYear: (yearFormat: string) =>
    new ImproperlyConfigured(
      `ISO week directive '%V' is incompatible with the year directive '${yearFormat}'. Use the ISO year '%G' instead.`,
      { code: 'MNC_ERR_DATES_WEEK_FORMAT' },
    ),
}

/** The edit views (edit.ts). Django's wording where it has one. */
export const editErrors = {
  noSuccessUrl: () =>
    new ImproperlyConfigured('No URL to redirect to. Provide a successUrl.', { code: 'MNC_ERR_EDIT_NO_SUCCESS_URL' }),
  noAbsoluteUrl: () =>
    new ImproperlyConfigured(
      'No URL to redirect to. Either provide a url or define a getAbsoluteUrl method on the Model.',
      { code: 'MNC_ERR_EDIT_NO_ABSOLUTE_URL' },
    ),
  noFields: (cls: string) =>
    new ImproperlyConfigured(
      `Using ModelFormMixin (base class of ${cls}) without the 'fields' attribute is prohibited.`,
      { code: 'MNC_ERR_EDIT_NO_FIELDS' },
    ),
  fieldsAndFormClass: () =>
    new ImproperlyConfigured("Specifying both 'fields' and 'formClass' is not permitted.", {
      code: 'MNC_ERR_EDIT_FIELDS_AND_FORM_CLASS',
    }),
  noFormClass: (cls: string) =>
    new ImproperlyConfigured(`${cls} has no form class: set ${cls}.formClass or override ${cls}.getFormClass().`, {
      code: 'MNC_ERR_EDIT_NO_FORM_CLASS',
    }),
  successUrlPlaceholder: (cls: string, url: string, detail: string) =>
    new ImproperlyConfigured(`${cls}.successUrl '${url}' ${detail} Write '{{' and '}}' for literal braces.`, {
      code: 'MNC_ERR_EDIT_SUCCESS_URL_PLACEHOLDER',
    }),
}
