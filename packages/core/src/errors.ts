/**
 * The errors of @manouche/core, grouped by who must act: `ImproperlyConfigured` is the
 * developer's; `Http404`, `PermissionDenied` and `BadRequest` are the client's. Each carries a
 * stable `code` (listed in docs/errors.md) and the HTTP `statusCode` it becomes.
 */

/** Options every Manouche error takes: a stable code and, for wrapped failures, a cause. */
export interface ManoucheErrorOptions {
  code?: string
  cause?: unknown
  /** Seconds a client should wait before asking again (a 503's `Retry-After`). */
  retryAfter?: number
}

/** Base class of every error Manouche raises on purpose. */
export class ManoucheError extends Error {
  /** A stable identifier, `MNC_ERR_<AREA>_<WHAT>`, documented in docs/errors.md. */
  readonly code: string
  /** The HTTP status this error becomes when a view raises it. */
  readonly statusCode: number
  /** Seconds a client should wait before asking again; its error page sends them as `Retry-After`. */
  readonly retryAfter: number | undefined

  constructor(message: string, statusCode: number, defaultCode: string, options: ManoucheErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = options.code ?? defaultCode
    this.statusCode = statusCode
    this.retryAfter = options.retryAfter
  }
}

/** The application is set up wrongly; the message names the class and attribute to fix. Django: ImproperlyConfigured */
export class ImproperlyConfigured extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 500, 'MNC_ERR_IMPROPERLY_CONFIGURED', options)
  }
}

/** Raise from a view to answer 404 Not Found. Django: Http404 */
export class Http404 extends ManoucheError {
  constructor(message = 'Not Found', options?: ManoucheErrorOptions) {
    super(message, 404, 'MNC_ERR_HTTP_NOT_FOUND', options)
  }
}

/** Raise from a view to answer 403 Forbidden. Django: PermissionDenied */
export class PermissionDenied extends ManoucheError {
  constructor(message = 'Forbidden', options?: ManoucheErrorOptions) {
    super(message, 403, 'MNC_ERR_HTTP_FORBIDDEN', options)
  }
}

/** Raise from a view to answer 400 Bad Request. Django: BadRequest */
export class BadRequest extends ManoucheError {
  constructor(message = 'Bad Request', options?: ManoucheErrorOptions) {
    super(message, 400, 'MNC_ERR_HTTP_BAD_REQUEST', options)
  }
}

/** The request body is larger than `bootstrap({ bodyLimit })`, or holds too many parts: 413. Django: RequestDataTooBig */
export class RequestDataTooBig extends ManoucheError {
  constructor(message = 'Payload Too Large', options?: ManoucheErrorOptions) {
    super(message, 413, 'MNC_ERR_HTTP_PAYLOAD_TOO_LARGE', options)
  }
}

/** A redirect to an unsafe URL (a scheme other than http, https or ftp, or too long). Django: DisallowedRedirect */
export class DisallowedRedirect extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 400, 'MNC_ERR_HTTP_DISALLOWED_REDIRECT', options)
  }
}

/** `reverse()` found no route for the name and arguments given. Django: NoReverseMatch */
export class NoReverseMatch extends ManoucheError {
  constructor(message: string, options?: ManoucheErrorOptions) {
    super(message, 500, 'MNC_ERR_URLS_NO_REVERSE_MATCH', options)
  }
}

/** No template of the names asked for exists in any folder searched. Django: TemplateDoesNotExist */
export class TemplateDoesNotExist extends ManoucheError {
  /** The template names tried, in order. */
  readonly tried: readonly string[]
  /** The folders searched, in order. */
  readonly dirs: readonly string[]

  constructor(tried: readonly string[], dirs: readonly string[], options?: ManoucheErrorOptions) {
    super(
      `TemplateDoesNotExist: ${tried.join(', ')} (searched ${dirs.length ? dirs.join(', ') : 'no folders'})`,
      500,
      'MNC_ERR_TEMPLATES_DOES_NOT_EXIST',
      options,
    )
    this.tried = tried
    this.dirs = dirs
  }
}

/** Build an error with a `code`, for the places where Django raises a built-in error class. */
function coded<E extends Error>(error: E, code: string): E & { code: string } {
  return Object.assign(error, { code })
}

/** The codes this package raises, for docs/errors.md and its test. */
export const coreErrorCodes = [
  'MNC_ERR_IMPROPERLY_CONFIGURED',
  'MNC_ERR_HTTP_NOT_FOUND',
  'MNC_ERR_HTTP_FORBIDDEN',
  'MNC_ERR_HTTP_BAD_REQUEST',
  'MNC_ERR_HTTP_DISALLOWED_REDIRECT',
  'MNC_ERR_HTTP_DISALLOWED_HOST',
  'MNC_ERR_HTTP_PAYLOAD_TOO_LARGE',
  'MNC_ERR_HTTP_STATUS',
  'MNC_ERR_HTTP_CONTENT_TYPE',
  'MNC_ERR_HTTP_NOT_MODIFIED_CONTENT',
  'MNC_ERR_HTTP_JSON_SAFE',
  'MNC_ERR_HTTP_BAD_HEADER',
  'MNC_ERR_HTTP_BAD_COOKIE',
  'MNC_ERR_CSRF_FAILED',
  'MNC_ERR_CSRF_TRUSTED_ORIGIN',
  'MNC_ERR_VIEW_METHOD_KWARG',
  'MNC_ERR_VIEW_INVALID_KWARG',
  'MNC_ERR_VIEW_MIXED_ASYNC',
  'MNC_ERR_VIEW_NO_REQUEST',
  'MNC_ERR_VIEW_NOT_A_RESPONSE',
  'MNC_ERR_VIEW_NOT_INJECTABLE',
  'MNC_ERR_URLS_NO_REVERSE_MATCH',
  'MNC_ERR_URLS_INVALID_CONVERTER',
  'MNC_ERR_URLS_INVALID_PARAMETER',
  'MNC_ERR_URLS_DUPLICATE_ROUTE',
  'MNC_ERR_URLS_DUPLICATE_NAME',
  'MNC_ERR_URLS_CONVERTER_EXISTS',
  'MNC_ERR_TEMPLATES_DOES_NOT_EXIST',
  'MNC_ERR_TEMPLATES_NO_ENGINE',
] as const

// Factories: one line at each call site, Django's wording.

export const errors = {
  badStatus: (status: unknown) =>
    Number.isInteger(status)
      ? coded(new RangeError('HTTP status code must be an integer from 100 to 599.'), 'MNC_ERR_HTTP_STATUS')
      : coded(new TypeError('HTTP status code must be an integer.'), 'MNC_ERR_HTTP_STATUS'),
  contentTypeTwice: () =>
    coded(
      new TypeError("'headers' must not contain 'Content-Type' when the 'contentType' parameter is provided."),
      'MNC_ERR_HTTP_CONTENT_TYPE',
    ),
  notModifiedContent: () =>
    coded(
      new TypeError('You cannot set content to a 304 (Not Modified) response'),
      'MNC_ERR_HTTP_NOT_MODIFIED_CONTENT',
    ),
  jsonNotSafe: () =>
    coded(
      new TypeError('In order to allow non-object data to be serialized set the safe option to false.'),
      'MNC_ERR_HTTP_JSON_SAFE',
    ),
  badHeaderValue: (value: string) =>
    coded(
      new TypeError(`Header values can't contain newlines (got ${JSON.stringify(value)})`),
      'MNC_ERR_HTTP_BAD_HEADER',
    ),
  badHeaderName: (name: string) =>
    coded(new TypeError(`${JSON.stringify(name)} is not a valid header name`), 'MNC_ERR_HTTP_BAD_HEADER'),
  badCookie: (message: string, cause?: unknown) =>
    coded(new TypeError(message, cause === undefined ? undefined : { cause }), 'MNC_ERR_HTTP_BAD_COOKIE'),
  unsafeScheme: (scheme: string) => new DisallowedRedirect(`Unsafe redirect to URL with protocol '${scheme}'`),
  redirectTooLong: () => new DisallowedRedirect('Unsafe redirect exceeding 16384 characters'),
  methodKwarg: (key: string, cls: string) =>
    coded(
      new TypeError(`The method name ${key} is not accepted as a keyword argument to ${cls}().`),
      'MNC_ERR_VIEW_METHOD_KWARG',
    ),
  invalidKwarg: (key: string, cls: string) =>
    coded(
      new TypeError(
        `${cls}() received an invalid keyword '${key}'. asView only accepts arguments that are already attributes of the class.`,
      ),
      'MNC_ERR_VIEW_INVALID_KWARG',
    ),
  mixedAsync: (cls: string) =>
    new ImproperlyConfigured(`${cls} HTTP handlers must either be all sync or all async.`, {
      code: 'MNC_ERR_VIEW_MIXED_ASYNC',
    }),
  noRequest: (cls: string) =>
    new ImproperlyConfigured(
      `${cls} instance has no 'request' attribute. Did you override setup() and forget to call super()?`,
      { code: 'MNC_ERR_VIEW_NO_REQUEST' },
    ),
  notAResponse: (cls: string, got: unknown) =>
    new ImproperlyConfigured(
      `The view ${cls} didn't return an HttpResponse object. It returned ${describe(got)} instead.`,
      { code: 'MNC_ERR_VIEW_NOT_A_RESPONSE' },
    ),
  notInjectable: (cls: string) =>
    new ImproperlyConfigured(
      `${cls}'s constructor takes parameters, so tsyringe must build it: decorate ${cls} with @injectable().`,
      { code: 'MNC_ERR_VIEW_NOT_INJECTABLE' },
    ),
  invalidConverter: (route: string, converter: string) =>
    new ImproperlyConfigured(`URL route '${route}' uses invalid converter '${converter}'.`, {
      code: 'MNC_ERR_URLS_INVALID_CONVERTER',
    }),
  invalidParameter: (route: string, name: string) =>
    new ImproperlyConfigured(`URL route '${route}' uses parameter name '${name}' which isn't a valid identifier.`, {
      code: 'MNC_ERR_URLS_INVALID_PARAMETER',
    }),
  duplicateRoute: (route: string, first: string, second: string) =>
    new ImproperlyConfigured(`Route '${route}' is claimed by both ${first} and ${second}.`, {
      code: 'MNC_ERR_URLS_DUPLICATE_ROUTE',
    }),
  duplicateName: (name: string, first: string, second: string) =>
    new ImproperlyConfigured(`Route name '${name}' is used by both ${first} and ${second}.`, {
      code: 'MNC_ERR_URLS_DUPLICATE_NAME',
    }),
  converterExists: (name: string) =>
    new ImproperlyConfigured(`Converter '${name}' is already registered.`, { code: 'MNC_ERR_URLS_CONVERTER_EXISTS' }),
  noEngine: () =>
    new ImproperlyConfigured(
      "bootstrap() was given 'templates' but no 'templates.engine': pass one, e.g. templates: { dirs, engine: (settings) => new EtaEngine(settings) } with EtaEngine from '@manouche/templates', or import bootstrap from 'manouche', whose default is Eta.",
      { code: 'MNC_ERR_TEMPLATES_NO_ENGINE' },
    ),
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  return `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`
}
