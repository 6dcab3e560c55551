/**
 * `@manouche/data/internal`: what a QuerySet backend or a SQL flavor is written with (the parsed
 * state a backend answers, the base class that parses it) and what the SQL backend shares between
 * its files. Users import `@manouche/data`; nothing here is part of the API.md contract.
 */
export { periodsOf } from './dates.js'
export {
  type Condition,
  EMPTY_STATE,
  type FieldRef,
  LOOKUPS,
  type OrderTerm,
  type QueryState,
  totalOrdering,
  type ValuesSelection,
  type WhereGroup,
} from './query.js'
export { BaseQuerySet } from './queryset.js'
export { flavorFor } from './sql/database.js'
export { escapeLike } from './sql/flavor.js'
export { SqlQuerySet } from './sql/sql-queryset.js'
export { installSqliteFunctions, SQLITE_LOWER } from './sql/sqlite-flavor.js'
