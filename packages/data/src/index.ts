export { type DataErrorOptions, DoesNotExist, dataErrorCodes, FieldError, MultipleObjectsReturned } from './errors.js'
export { MemoryQuerySet, type MemoryQuerySetOptions } from './memory.js'
export {
  camelCaseToSpaces,
  Field,
  type FieldMeta,
  type FieldOptions,
  type FieldType,
  Model,
  type ModelClass,
  type ModelMeta,
  type ModelOptions,
  modelMeta,
} from './model.js'
export {
  type Condition,
  type FieldRef,
  LOOKUPS,
  type OrderTerm,
  type QueryState,
  type TextMode,
  totalOrdering,
  type ValuesListOptions,
  type ValuesSelection,
  type WhereGroup,
} from './query.js'
export { BaseQuerySet, isQuerySet, type QuerySet, type Where } from './queryset.js'
export {
  flavorFor,
  type QueryEvent,
  type QueryListener,
  SqlDatabase,
  type SqlDatabaseOptions,
} from './sql/database.js'
export { escapeLike, type SqlFlavor, type ValueCodec } from './sql/flavor.js'
export { postgresFlavor } from './sql/postgres.js'
export { SqlQuerySet } from './sql/sql-queryset.js'
export { type OpenSqliteOptions, openSqlite } from './sql/sqlite.js'
export { installSqliteFunctions, SQLITE_LOWER, sqliteFlavor } from './sql/sqlite-flavor.js'
export { type QuerySetSource, querySetToken, registerQuerySets } from './tokens.js'
