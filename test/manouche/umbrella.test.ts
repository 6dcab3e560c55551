import * as core from '@manouche/core'
import * as data from '@manouche/data'
import * as generic from '@manouche/generic'
import * as templates from '@manouche/templates'
import * as testing from '@manouche/testing'
import { expect } from 'chai'
import * as manouche from 'manouche'
import * as manoucheTesting from 'manouche/testing'

/** The names of `pkg` that `umbrella` lacks or exports as something else. */
function missing(pkg: object, umbrella: object): string[] {
  return Object.entries(pkg)
    .filter(([name, value]) => (umbrella as Record<string, unknown>)[name] !== value)
    .map(([name]) => name)
}

describe('the manouche package', () => {
  it('re-exports every runtime name of core, templates, data and generic, as they are', () => {
    for (const pkg of [core, templates, data, generic]) expect(missing(pkg, manouche)).to.deep.equal([])
  })

  it('keeps the testing kit out of the main entry and in manouche/testing', () => {
    expect(manouche).to.not.have.property('createTestClient')
    expect(missing(testing, manoucheTesting)).to.deep.equal([])
  })

  it('exports no name twice with two meanings', () => {
    const sources = [core, templates, data, generic] as Record<string, unknown>[]
    const clashes = Object.keys(manouche).filter(
      (name) => new Set(sources.filter((s) => name in s).map((s) => s[name])).size > 1,
    )
    expect(clashes).to.deep.equal([])
  })
})
