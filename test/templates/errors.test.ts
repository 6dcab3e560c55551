// The error catalogue of @manouche/templates: stable, unique codes, each documented in docs/templates.md.
import { readFileSync } from 'node:fs'
import { SuspiciousFileOperation, TemplateSyntaxError, templatesErrorCodes } from '@manouche/templates'
import { expect } from 'chai'

describe('templatesErrorCodes', () => {
  it('are unique and named MNC_ERR_TEMPLATES_*', () => {
    expect(new Set(templatesErrorCodes).size).to.equal(templatesErrorCodes.length)
    for (const code of templatesErrorCodes) expect(code).to.match(/^MNC_ERR_TEMPLATES_[A-Z_]+$/)
  })

  it('each appear in docs/templates.md', () => {
    const doc = readFileSync(new URL('../../../docs/templates.md', import.meta.url), 'utf8')
    for (const code of templatesErrorCodes) expect(doc, code).to.include(`\`${code}\``)
  })

  it('cover the errors the package raises', () => {
    const raised = [new SuspiciousFileOperation('x'), new TemplateSyntaxError('a.html', 1, 'x')]
    expect(raised.map((error) => error.code)).to.deep.equal(templatesErrorCodes)
  })
})
