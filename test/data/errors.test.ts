// The error catalogue of @manouche/data: stable, unique codes, each documented in docs/data.md.
import { readFileSync } from 'node:fs'
import { ManoucheError } from '@manouche/core'
import { DoesNotExist, dataErrorCodes, FieldError, MultipleObjectsReturned, modelMeta } from '@manouche/data'
import { expect } from 'chai'
import { Book } from '../fixtures/books.js'

describe('dataErrorCodes', () => {
  it('are unique and named MNC_ERR_DATA_*', () => {
    expect(new Set(dataErrorCodes).size).to.equal(dataErrorCodes.length)
    for (const code of dataErrorCodes) expect(code).to.match(/^MNC_ERR_DATA_[A-Z_]+$/)
  })

  it('each appear in docs/data.md', () => {
    const doc = readFileSync(new URL('../../../docs/data.md', import.meta.url), 'utf8')
    for (const code of dataErrorCodes) expect(doc, code).to.include(`\`${code}\``)
  })

  it('cover the errors get() and filter() raise', () => {
    const meta = modelMeta(Book)
    const errors: ManoucheError[] = [
      new DoesNotExist(meta),
      new MultipleObjectsReturned(meta, '2'),
      new FieldError('x'),
    ]
    expect(errors.map((error) => error.code)).to.deep.equal([
      'MNC_ERR_DATA_DOES_NOT_EXIST',
      'MNC_ERR_DATA_MULTIPLE_OBJECTS',
      'MNC_ERR_DATA_UNKNOWN_FIELD',
    ])
    for (const error of errors) expect(dataErrorCodes).to.include(error.code)
  })

  it('name an object when there is no model', () => {
    expect(new DoesNotExist(undefined).message).to.equal('Object matching query does not exist.')
    expect(new MultipleObjectsReturned(undefined, '3').message).to.equal(
      'get() returned more than one Object -- it returned 3!',
    )
  })
})
