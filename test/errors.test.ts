import { readFileSync } from 'node:fs'
import path from 'node:path'
import { authErrorCodes } from '@manouche/auth'
import { coreErrorCodes, ImproperlyConfigured } from '@manouche/core'
import { dataErrorCodes } from '@manouche/data'
import { formsErrorCodes } from '@manouche/forms'
import { genericErrorCodes } from '@manouche/generic'
import { templatesErrorCodes } from '@manouche/templates'
import { testingErrorCodes } from '@manouche/testing'
import { expect } from 'chai'

const catalogue = readFileSync(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8')
const everyCode: readonly string[] = [
  ...coreErrorCodes,
  ...templatesErrorCodes,
  ...dataErrorCodes,
  ...formsErrorCodes,
  ...genericErrorCodes,
  ...testingErrorCodes,
  ...authErrorCodes,
]

describe('error codes', () => {
  it('are unique across every package', () => {
    const seen = new Set<string>()
    const twice = everyCode.filter((code) => seen.has(code) || !seen.add(code))
    expect(twice).to.deep.equal([])
  })

  it('follow MNC_ERR_<AREA>_<WHAT>', () => {
    expect(everyCode.filter((code) => !/^MNC_ERR_[A-Z]+_[A-Z_]+$/.test(code))).to.deep.equal([])
  })

  it('are each listed in docs/errors.md', () => {
    expect(everyCode.filter((code) => !catalogue.includes(`\`${code}\``))).to.deep.equal([])
  })

  it('document no code that no package raises', () => {
    const documented = [...catalogue.matchAll(/`(MNC_ERR_[A-Z_]+)`/g)].map((m) => m[1])
    expect(documented.filter((code) => !everyCode.includes(code as string))).to.deep.equal([])
  })

  it('are carried by the errors themselves', () => {
    expect(new ImproperlyConfigured('x').code).to.equal('MNC_ERR_IMPROPERLY_CONFIGURED')
    expect(new ImproperlyConfigured('x', { code: 'MNC_ERR_VIEW_MIXED_ASYNC' }).code).to.equal(
      'MNC_ERR_VIEW_MIXED_ASYNC',
    )
  })
})
