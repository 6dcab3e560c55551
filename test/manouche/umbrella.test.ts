import * as nodePath from 'node:path'
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
    // bootstrap() is core's with Eta as the default engine (tested below).
    expect(missing(core, manouche)).to.deep.equal(['bootstrap'])
    for (const pkg of [templates, data, generic]) expect(missing(pkg, manouche)).to.deep.equal([])
  })

  it('keeps the testing kit out of the main entry and in manouche/testing', () => {
    expect(manouche).to.not.have.property('createTestClient')
    // createTestClient() is the kit's with Eta as the default engine.
    expect(missing(testing, manoucheTesting)).to.deep.equal(['createTestClient'])
  })

  it('makes Eta the template engine of bootstrap() and of the test client, unless another is named', async () => {
    const dirs = [nodePath.resolve(import.meta.dirname, '../../fixtures/templates/base')]
    const app = await manouche.bootstrap({ views: [], templates: { dirs } })
    expect(app.manouche.templateEngine).to.be.instanceOf(templates.EtaEngine)
    await app.close()
    const client = await manoucheTesting.createTestClient({ views: [], templates: { dirs } })
    expect(client.app.manouche.templateEngine).to.not.equal(undefined)
    await client.close()
    const mine: core.TemplateEngine = { render: (names) => ({ templateName: names[0] as string, content: 'mine' }) }
    const own = await manouche.bootstrap({ views: [], templates: { dirs, engine: mine } })
    expect(own.manouche.templateEngine).to.equal(mine)
    await own.close()
  })

  it('refuses templates without an engine in @manouche/core alone, naming templates.engine', async () => {
    let error: unknown
    try {
      await core.bootstrap({ views: [], templates: { dirs: [] } })
    } catch (e) {
      error = e
    }
    expect(error).to.be.instanceOf(core.ImproperlyConfigured)
    expect((error as Error).message).to.contain("no 'templates.engine'")
  })

  it('exports no name twice with two meanings', () => {
    const sources = [core, templates, data, generic] as Record<string, unknown>[]
    const clashes = Object.keys(manouche).filter(
      (name) => new Set(sources.filter((s) => name in s).map((s) => s[name])).size > 1,
    )
    expect(clashes).to.deep.equal([])
  })
})
