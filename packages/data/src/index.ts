/**
 * @manouche/data: models, lazy immutable QuerySets (in memory and in SQL databases) and their
 * dependency injection. What a QuerySet backend is written with is in `@manouche/data/internal`.
 */
export type { DateKind, DatePart, DatesOptions } from './dates.js'
export {
  DatabaseUnavailable,
  type DataErrorOptions,
  DoesNotExist,
  dataErrorCodes,
  FieldError,
  MultipleObjectsReturned,
  ValidationError,
} from './errors.js'
export { MemoryQuerySet, type MemoryQuerySetOptions } from './memory.js'
export {
  Field,
  type FieldChoice,
  type FieldMeta,
  type FieldOptions,
  type FieldType,
  Model,
  type ModelClass,
  type ModelMeta,
  type ModelOptions,
  modelMeta,
} from './model.js'
export type { TextMode, ValuesListOptions } from './query.js'
export { isQuerySet, type QuerySet, type Where } from './queryset.js'
export { type QueryEvent, type QueryListener, SqlDatabase, type SqlDatabaseOptions } from './sql/database.js'
export type { SqlFlavor, ValueCodec } from './sql/flavor.js'
export { migrate } from './sql/migrate.js'
export { type OpenDatabaseOptions, openDatabase, redactUrl } from './sql/open.js'
export { postgresFlavor } from './sql/postgres.js'
export { type OpenSqliteOptions, openSqlite } from './sql/sqlite.js'
export { sqliteFlavor } from './sql/sqlite-flavor.js'
export { type QuerySetSource, querySetToken, registerQuerySets } from './tokens.js'
