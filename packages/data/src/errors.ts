/**
 * The errors of @manouche/data. `DoesNotExist` and `MultipleObjectsReturned` come from `get()`;
 * `FieldError` is the client's (statusCode 400): a filter, ordering or value the model cannot
 * answer, raised before any SQL is built. Each carries a stable `code` listed in `dataErrorCodes`.
 */
import { ImproperlyConfigured, ManoucheError } from '@manouche/core'
import type { ModelMeta } from './model.js'

/** What every data error takes besides its message: a stable code and, for wrapped failures, a cause. */
export interface DataErrorOptions {
  code?: string
  cause?: unknown
  /** Seconds a client should wait before asking again (`Retry-After`). */
  retryAfter?: number
}

/** `get()` found no object; `model` says whose (undefined for a model-less MemoryQuerySet). Django: Model.DoesNotExist */
export class DoesNotExist extends ManoucheError {
  readonly model: ModelMeta | undefined

  constructor(model: ModelMeta | undefined, options?: DataErrorOptions) {
    super(`${objectName(model)} matching query does not exist.`, 500, 'MNC_ERR_DATA_DOES_NOT_EXIST', options)
    this.model = model
  }
}

/** `get()` found more than one object. Django: Model.MultipleObjectsReturned */
export class MultipleObjectsReturned extends ManoucheError {
  readonly model: ModelMeta | undefined

  constructor(model: ModelMeta | undefined, found: string, options?: DataErrorOptions) {
    super(
      `get() returned more than one ${objectName(model)} -- it returned ${found}!`,
      500,
      'MNC_ERR_DATA_MULTIPLE_OBJECTS',
      options,
    )
    this.model = model
  }
}

/** A field name, lookup or value the model cannot answer; the client's fault, so 400. Django: FieldError */
export class FieldError extends ManoucheError {
  constructor(message: string, options?: DataErrorOptions) {
    super(message, 400, 'MNC_ERR_DATA_UNKNOWN_FIELD', options)
  }
}

/**
 * Values that do not fit: `errors` maps each field name (`'__all__'` for the whole object) to its
 * messages, and the message names the model and each field. The client's fault, so 400. Forms hold
 * and raise the same class. Django: ValidationError
 */
export class ValidationError extends ManoucheError {
  readonly errors: Record<string, string[]>

  constructor(errors: Record<string, string[]>, options: DataErrorOptions & { model?: string } = {}) {
    super(describeErrors(errors, options.model), 400, 'MNC_ERR_DATA_VALIDATION', options)
    this.errors = errors
  }
}

function describeErrors(errors: Record<string, string[]>, model: string | undefined): string {
  const parts = Object.entries(errors).map(([field, messages]) => {
    const where = field === '__all__' ? (model ?? 'The object') : model ? `${model}.${field}` : field
    return `${where}: ${messages.join(' ')}`
  })
  return parts.join('; ') || `${model ?? 'The object'}: invalid values.`
}

/**
 * The database does not answer (down, unreachable, refusing the credentials, or a statement past
 * its timeout); a client gets 503 with `Retry-After` (default 5 s), without the details.
 */
export class DatabaseUnavailable extends ManoucheError {
  constructor(message: string, options?: DataErrorOptions) {
    super(message, 503, 'MNC_ERR_DATA_UNAVAILABLE', { retryAfter: 5, ...options })
  }
}

/** The codes this package raises, for docs/errors.md and its test. */
export const dataErrorCodes = [
  'MNC_ERR_DATA_DOES_NOT_EXIST',
  'MNC_ERR_DATA_MULTIPLE_OBJECTS',
  'MNC_ERR_DATA_UNKNOWN_FIELD',
  'MNC_ERR_DATA_UNSUPPORTED_LOOKUP',
  'MNC_ERR_DATA_INVALID_VALUE',
  'MNC_ERR_DATA_FLAT_VALUES',
  'MNC_ERR_DATA_NEGATIVE_INDEX',
  'MNC_ERR_DATA_INVALID_INDEX',
  'MNC_ERR_DATA_SLICED',
  'MNC_ERR_DATA_NOT_A_MODEL',
  'MNC_ERR_DATA_BAD_MODEL',
  'MNC_ERR_DATA_NO_LATEST_BY',
  'MNC_ERR_DATA_NO_FLAVOR',
  'MNC_ERR_DATA_BAD_URL',
  'MNC_ERR_DATA_UNAVAILABLE',
  'MNC_ERR_DATA_MIGRATION_FAILED',
  'MNC_ERR_DATA_VALIDATION',
] as const

function objectName(model: ModelMeta | undefined): string {
  return model?.objectName ?? 'Object'
}

function coded<E extends Error>(error: E, code: string): E & { code: string } {
  return Object.assign(error, { code })
}

// Factories: one line at each call site, Django's wording.

export const errors = {
  unknownField: (name: string, choices: string) =>
    new FieldError(`Cannot resolve keyword '${name}' into field. Choices are: ${choices}.`),
  unsupportedLookup: (lookup: string, field: string) =>
    new FieldError(`Unsupported lookup '${lookup}' for field '${field}'.`, { code: 'MNC_ERR_DATA_UNSUPPORTED_LOOKUP' }),
  invalidValue: (field: string, expected: string, value: unknown) =>
    new FieldError(`Field '${field}' expected ${expected} but got ${show(value)}.`, {
      code: 'MNC_ERR_DATA_INVALID_VALUE',
    }),
  noneValue: () => new FieldError('Cannot use None as a query value', { code: 'MNC_ERR_DATA_INVALID_VALUE' }),
  isnullValue: () =>
    new FieldError('The QuerySet value for an isnull lookup must be True or False.', {
      code: 'MNC_ERR_DATA_INVALID_VALUE',
    }),
  notAList: (lookup: string, field: string) =>
    new FieldError(`The '${lookup}' lookup of field '${field}' expects a list of values.`, {
      code: 'MNC_ERR_DATA_INVALID_VALUE',
    }),
  datesKind: () =>
    new FieldError("'kind' must be one of 'year', 'month', 'week', or 'day'.", { code: 'MNC_ERR_DATA_INVALID_VALUE' }),
  datesOrder: () => new FieldError("'order' must be either 'ASC' or 'DESC'.", { code: 'MNC_ERR_DATA_INVALID_VALUE' }),
  notADateField: (field: string) =>
    new FieldError(`'${field}' isn't a DateField, TimeField, or DateTimeField.`, {
      code: 'MNC_ERR_DATA_INVALID_VALUE',
    }),
  nullField: (model: string, field: string) =>
    new FieldError(`Field '${field}' of ${model} must not be null.`, { code: 'MNC_ERR_DATA_INVALID_VALUE' }),
  negativeIndex: () => coded(new RangeError('Negative indexing is not supported.'), 'MNC_ERR_DATA_NEGATIVE_INDEX'),
  invalidIndex: (value: unknown) =>
    coded(new TypeError(`QuerySet indices must be integers, not ${show(value)}.`), 'MNC_ERR_DATA_INVALID_INDEX'),
  unsafeIndex: (value: unknown) =>
    coded(
      new TypeError(`QuerySet indices must be non-negative safe integers, not ${show(value)}.`),
      'MNC_ERR_DATA_INVALID_INDEX',
    ),
  flatValues: (fields: 'more than one field' | 'no fields') =>
    coded(new TypeError(`'flat' is not valid when values_list is called with ${fields}.`), 'MNC_ERR_DATA_FLAT_VALUES'),
  slicedDelete: () => coded(new TypeError("Cannot use 'limit' or 'offset' with delete()."), 'MNC_ERR_DATA_SLICED'),
  sliced: (what: 'filter' | 'reorder' | 'reverse' | 'change' | 'update') =>
    coded(new TypeError(`Cannot ${what} a query once a slice has been taken.`), 'MNC_ERR_DATA_SLICED'),
  notAModel: (name: string) =>
    new ImproperlyConfigured(`${name} is not a model: decorate it with @Model({ app: '...' }).`, {
      code: 'MNC_ERR_DATA_NOT_A_MODEL',
    }),
  badModel: (model: string, message: string) =>
    new ImproperlyConfigured(`${model}: ${message}`, { code: 'MNC_ERR_DATA_BAD_MODEL' }),
  noLatestBy: () =>
    new ImproperlyConfigured(
      "earliest() and latest() require either fields as positional arguments or 'getLatestBy' in the model's options.",
      { code: 'MNC_ERR_DATA_NO_LATEST_BY' },
    ),
  noFlavor: (adapter: string) =>
    new ImproperlyConfigured(`SqlDatabase has no SQL flavor for ${adapter}: pass options.flavor.`, {
      code: 'MNC_ERR_DATA_NO_FLAVOR',
    }),
  badUrl: (problem: string) => new ImproperlyConfigured(`openDatabase(): ${problem}`, { code: 'MNC_ERR_DATA_BAD_URL' }),
  migrationFailed: (what: string, cause: unknown) =>
    new ManoucheError(
      `Cannot apply ${what}: ${(cause as Error)?.message ?? cause}`,
      500,
      'MNC_ERR_DATA_MIGRATION_FAILED',
      {
        cause,
      },
    ),
  unavailable: (url: string, cause: unknown) =>
    new DatabaseUnavailable(`Cannot connect to the database at ${url}: ${(cause as Error)?.message ?? cause}`, {
      cause,
    }),
  cannotOpenSqlite: (file: string, cause: unknown) =>
    new DatabaseUnavailable(`Cannot open the SQLite database ${file}: ${(cause as Error)?.message ?? cause}`, {
      cause,
    }),
  sqliteBusy: (file: string, waited: number, cause: unknown) =>
    new DatabaseUnavailable(
      `The SQLite database ${file} stayed locked by another connection for ${waited} ms (busyTimeout).`,
      { cause, retryAfter: 2 },
    ),
  lostConnection: (url: string, cause: unknown) =>
    new DatabaseUnavailable(`Lost the connection to the database at ${url}: ${(cause as Error)?.message ?? cause}`, {
      cause,
    }),
  statementTimeout: (url: string, cause: unknown) =>
    new DatabaseUnavailable(`The database at ${url} cancelled a statement that ran past its statement timeout.`, {
      cause,
    }),
}

/** Show a bad value the way Django's messages quote it: strings in quotes, others as written. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 100 ? `${value.slice(0, 100)}...` : value}'`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'object'}`
  return String(value)
}
