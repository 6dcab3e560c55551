// What @manouche/data offers at run time: users' vocabulary in the index, a backend's kit in
// ./internal. An addition fails here until it is reviewed and listed.
import * as data from '@manouche/data'
import * as internal from '@manouche/data/internal'
import { expect } from 'chai'

describe('@manouche/data exports', () => {
  it('gives users the names API.md and docs/data.md use, and no more', () => {
    expect(Object.keys(data).sort()).to.deep.equal(
      [
        'DoesNotExist',
        'Field',
        'FieldError',
        'Model',
        'MultipleObjectsReturned',
        'SqlDatabase',
        'dataErrorCodes',
        'isQuerySet',
        'MemoryQuerySet',
        'modelMeta',
        'openSqlite',
        'postgresFlavor',
        'querySetToken',
        'registerQuerySets',
        'sqliteFlavor',
      ].sort(),
    )
  })

  it('keeps what a backend is written with in @manouche/data/internal', () => {
    expect(Object.keys(internal).sort()).to.deep.equal(
      [
        'BaseQuerySet',
        'EMPTY_STATE',
        'LOOKUPS',
        'SQLITE_LOWER',
        'SqlQuerySet',
        'escapeLike',
        'flavorFor',
        'installSqliteFunctions',
        'totalOrdering',
      ].sort(),
    )
  })
})
