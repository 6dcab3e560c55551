// The codes of the base family (TemplateView, RedirectView, TemplateResponse): listed in
// genericErrorCodes and documented in docs/templates.md.
import { readFileSync } from 'node:fs'
import { genericErrorCodes } from '@manouche/generic'
import { expect } from 'chai'

const BASE_CODES = [
  'MNC_ERR_GENERIC_CONTENT_NOT_RENDERED',
  'MNC_ERR_GENERIC_NO_TEMPLATE_NAME',
  'MNC_ERR_GENERIC_NO_TEMPLATE_ENGINE',
  'MNC_ERR_GENERIC_REDIRECT_PLACEHOLDER',
  'MNC_ERR_GENERIC_REDIRECT_BRACE',
]

describe('genericErrorCodes of the base family', () => {
  it('are listed once each', () => {
    const listed = genericErrorCodes.filter((code) => (BASE_CODES as readonly string[]).includes(code))
    expect(listed).to.deep.equal(BASE_CODES)
  })

  it('each appear in docs/templates.md', () => {
    const doc = readFileSync(new URL('../../../docs/templates.md', import.meta.url), 'utf8')
    for (const code of BASE_CODES) expect(doc, code).to.include(`\`${code}\``)
  })
})
