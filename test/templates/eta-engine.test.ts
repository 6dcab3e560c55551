import * as fs from 'node:fs'
import * as os from 'node:os'
import * as nodePath from 'node:path'
import {
  HttpRequest,
  ImproperlyConfigured,
  NoReverseMatch,
  path,
  type RenderedTemplate,
  TemplateDoesNotExist,
  UrlConf,
} from '@manouche/core'
import { EtaEngine, TemplateSyntaxError } from '@manouche/templates'
import { expect } from 'chai'
import { BROKEN, DIRS, EXTRA, MAIN, spyFileSystem, squash } from './helpers.js'

const noop = () => {
  throw new Error('not served in these tests')
}
const urlconf = new UrlConf([path('about/', noop, { name: 'about' }), path('books/<int:pk>/', noop, { name: 'book' })])

const freshEngine = () => new EtaEngine({ dirs: DIRS })

/** What `render` throws, whether it throws at once (a sync template) or rejects (an async one). */
async function rejection(render: () => unknown): Promise<Error> {
  try {
    await render()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe('EtaEngine', () => {
  const engine = new EtaEngine({ dirs: DIRS })

  describe('render()', () => {
    it('renders a template with its context and names it', async () => {
      const rendered = await engine.render(['hello.html'], { name: 'Ann' })
      expect(rendered).to.deep.equal({ templateName: 'hello.html', content: 'Hello Ann!\n' })
    })

    it('uses the first name that exists', async () => {
      const rendered = await engine.render(['nope.html', 'hello.html', 'shadowed.html'], { name: 'Bo' })
      expect(rendered.templateName).to.equal('hello.html')
    })

    it('searches the folders in order: the first folder holding a name wins', async () => {
      expect((await engine.render(['shadowed.html'], {})).content).to.equal('from main\n')
      expect((await engine.render(['only-extra.html'], {})).content).to.equal('only in extra\n')
    })

    it('renders .eta files named with their extension', async () => {
      const rendered = await engine.render(['greeting.eta'], { name: 'Cy' })
      expect(rendered.content).to.equal('Eta file says Cy.\n')
    })

    it('never appends .eta to a name that has an extension', async () => {
      const fileSystem = spyFileSystem()
      await new EtaEngine({ dirs: DIRS, fileSystem }).render(['hello.html'], { name: 'x' })
      expect(fileSystem.checked).to.deep.equal([nodePath.join(MAIN, 'hello.html')])
    })

    it('answers synchronously for a template without await', () => {
      const rendered = engine.render(['hello.html'], { name: 'Sy' })
      expect(rendered).to.not.be.instanceOf(Promise)
      expect(rendered).to.deep.equal({ templateName: 'hello.html', content: 'Hello Sy!\n' })
    })

    it('answers with a promise for a template using await', () => {
      expect(engine.render(['awaits.html'], { later: async () => 'done' })).to.be.instanceOf(Promise)
    })

    it('lets templates await', async () => {
      const rendered = await engine.render(['awaits.html'], { later: async () => 'done' })
      expect(rendered.content).to.equal('async done')
    })

    it('gives every folder as an absolute path', () => {
      const relative = new EtaEngine({ dirs: [nodePath.relative(process.cwd(), MAIN)] })
      expect(relative.dirs).to.deep.equal([nodePath.resolve(MAIN)])
    })

    it('refuses a folder that does not exist, naming it, when built', () => {
      expect(() => new EtaEngine({ dirs: [MAIN, 'some/where'] })).to.throw(
        ImproperlyConfigured,
        `The template folder ${nodePath.resolve('some/where')} does not exist (templates.dirs of bootstrap()).`,
      )
    })
  })

  describe('layouts, blocks and partials', () => {
    it('fills a layout from another folder, with blocks and partials found in any folder', async () => {
      const rendered = await engine.render(['child.html'], { name: 'Ann' })
      expect(squash(rendered.content)).to.equal(
        '<title>Child title</title> <main><h1>Child of Ann</h1> note Ann</main> <footer>Manouche</footer>',
      )
    })

    it('resolves ./ and ../ against the including template, and keeps a block default', async () => {
      const rendered = await engine.render(['nested/page.html'], { name: 'Di' })
      expect(squash(rendered.content)).to.equal(
        '<title>Default title</title> <main><p>nested Di</p> <i>sibling of Di</i> </main> <footer>Nested</footer>',
      )
    })

    it('names a missing layout in TemplateDoesNotExist', async () => {
      const error = await rejection(() => engine.render(['missing-layout.html'], {}))
      expect(error).to.be.instanceOf(TemplateDoesNotExist)
      expect((error as TemplateDoesNotExist).tried).to.deep.equal(['layouts/missing.html'])
    })
  })

  describe('url()', () => {
    const request = new HttpRequest({ method: 'GET', path: '/', urlconf })

    it('reverses route names with the request URLconf', async () => {
      const rendered = await engine.render(['links.html'], { pk: 7 }, { request })
      expect(rendered.content).to.equal('<a href="/about/">about</a> <a href="/books/7/">book</a>\n')
    })

    it('works in partials', async () => {
      const rendered = await engine.render(['links-in-partial.html'], { when: 'now' }, { request })
      expect(squash(rendered.content)).to.equal('<p>now</p> <a href="/books/3/">in partial</a>')
    })

    it('works in a layout, with the request given to the child', () => {
      const rendered = engine.render(['links-in-layout.html'], { pk: 4 }, { request }) as RenderedTemplate
      expect(squash(rendered.content)).to.equal('<nav><a href="/about/">home</a></nav> <a href="/books/4/">book</a>')
    })

    it('leaves the context as it was given: the request is not added to it', () => {
      const context = { pk: 5 }
      engine.render(['links.html'], context, { request })
      expect(context).to.deep.equal({ pk: 5 })
    })

    it('follows each request: two URLconfs give two answers', async () => {
      const other = new UrlConf([
        path('a-propos/', noop, { name: 'about' }),
        path('livres/<int:pk>/', noop, { name: 'book' }),
      ])
      const otherRequest = new HttpRequest({ method: 'GET', path: '/', urlconf: other })
      const [mine, theirs] = await Promise.all([
        engine.render(['links.html'], { pk: 1 }, { request }),
        engine.render(['links.html'], { pk: 2 }, { request: otherRequest }),
      ])
      expect(mine.content).to.equal('<a href="/about/">about</a> <a href="/books/1/">book</a>\n')
      expect(theirs.content).to.equal('<a href="/a-propos/">about</a> <a href="/livres/2/">book</a>\n')
    })

    it('throws NoReverseMatch for a route that does not fit', async () => {
      const error = await rejection(() => engine.render(['links.html'], { pk: 'frog' }, { request }))
      expect(error).to.be.instanceOf(NoReverseMatch)
      expect(error.message).to.equal(
        `Reverse for 'book' with keyword arguments '{"pk":"frog"}' not found. 1 pattern(s) tried: ['books/<int:pk>/']`,
      )
    })
  })

  describe('TemplateDoesNotExist', () => {
    it('names every template and folder tried', async () => {
      const error = await rejection(() => engine.render(['a.html', 'b/c.html'], {}))
      expect(error).to.be.instanceOf(TemplateDoesNotExist)
      expect(error.message).to.equal(`TemplateDoesNotExist: a.html, b/c.html (searched ${MAIN}, ${EXTRA})`)
      expect((error as TemplateDoesNotExist).tried).to.deep.equal(['a.html', 'b/c.html'])
      expect((error as TemplateDoesNotExist).dirs).to.deep.equal([MAIN, EXTRA])
    })

    it("treats '' as a name that does not exist", async () => {
      const error = await rejection(() => engine.render([''], {}))
      expect(error).to.be.instanceOf(TemplateDoesNotExist)
    })

    it('is not fooled by a folder of the name', async () => {
      const error = await rejection(() => engine.render(['nested', 'partials/'], {}))
      expect((error as TemplateDoesNotExist).tried).to.deep.equal(['nested', 'partials/'])
    })
  })

  describe('syntax errors', () => {
    for (const debug of [false, true]) {
      const mode = debug ? 'in debug' : 'outside debug'
      const eta = new EtaEngine({ dirs: [BROKEN, ...DIRS], debug })

      it(`names the template and line of an unclosed tag ${mode}`, async () => {
        const error = await rejection(() => eta.render(['broken-tag.html'], { name: 'x' }))
        expect(error).to.be.instanceOf(TemplateSyntaxError)
        expect(error.message).to.equal("Invalid template syntax in 'broken-tag.html' at line 3: unclosed tag")
        expect((error as TemplateSyntaxError).line).to.equal(3)
      })

      it(`names the template and line of broken JavaScript ${mode}`, async () => {
        const error = await rejection(() => eta.render(['broken-js.html'], {}))
        expect(error).to.be.instanceOf(TemplateSyntaxError)
        expect(error.message).to.equal("Invalid template syntax in 'broken-js.html' at line 3: Unexpected token '{'")
      })

      it(`names a broken partial, not the template including it, ${mode}`, async () => {
        const error = await rejection(() => eta.render(['uses-broken-partial.html'], { name: 'x' }))
        expect(error).to.be.instanceOf(TemplateSyntaxError)
        expect((error as TemplateSyntaxError).templateName).to.equal('partials/broken.html')
        expect((error as TemplateSyntaxError).line).to.equal(4)
      })
    }
  })
})

describe('EtaEngine.prepare()', () => {
  it('compiles every template of the folders, so later renders read no file', () => {
    const fileSystem = spyFileSystem()
    const engine = new EtaEngine({ dirs: DIRS, fileSystem })
    engine.prepare()
    expect(fileSystem.read).to.include(nodePath.join(MAIN, 'hello.html'))
    expect(fileSystem.read).to.include(nodePath.join(EXTRA, 'layouts', 'base.html'))
    const reads = fileSystem.read.length
    expect((engine.render(['child.html'], { name: 'Ann' }) as RenderedTemplate).content).to.contain('Child of Ann')
    expect(fileSystem.read).to.have.length(reads)
  })

  it('fails on the first template that does not compile, naming it and its line', () => {
    const engine = new EtaEngine({ dirs: [BROKEN] })
    expect(() => engine.prepare())
      .to.throw(TemplateSyntaxError)
      .with.property('message')
      .that.matches(
        /^Invalid template syntax in '(broken-tag\.html|broken-js\.html|partials\/broken\.html)' at line \d+: /,
      )
  })
})

describe('EtaEngine runtime errors', () => {
  it('names the file and line in debug, keeping the original error as cause', async () => {
    const error = await rejection(() => new EtaEngine({ dirs: DIRS, debug: true }).render(['runtime-error.html'], {}))
    expect(error.message).to.match(/^\/.*\/main\/runtime-error\.html:2\n/)
    expect(error.message).to.contain("Cannot read properties of undefined (reading 'deep')")
    expect(error.cause).to.be.instanceOf(TypeError)
  })

  it('lets the error through as it is outside debug', async () => {
    const error = await rejection(() => freshEngine().render(['runtime-error.html'], {}))
    expect(error).to.be.instanceOf(TypeError)
  })
})

describe('EtaEngine caching', () => {
  let dir: string
  const write = (name: string, text: string) => fs.writeFileSync(nodePath.join(dir, name), text)

  beforeEach(() => {
    dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'manouche-eta-'))
    write('page.html', '<% layout("layout.html") %>page v1')
    write('layout.html', '[<%~ it.body %>] layout v1')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('reads and compiles each template once outside debug', async () => {
    const fileSystem = spyFileSystem()
    const engine = new EtaEngine({ dirs: [dir], fileSystem })
    await engine.render(['page.html'], {})
    await engine.render(['page.html'], {})
    expect(fileSystem.read.map((file) => nodePath.basename(file))).to.deep.equal(['page.html', 'layout.html'])
  })

  it('keeps serving what it compiled when a file changes outside debug', async () => {
    const engine = new EtaEngine({ dirs: [dir] })
    await engine.render(['page.html'], {})
    write('page.html', '<% layout("layout.html") %>page v2')
    expect((await engine.render(['page.html'], {})).content).to.equal('[page v1] layout v1')
  })

  it('remembers a missing name outside debug instead of asking the disk again', async () => {
    const fileSystem = spyFileSystem()
    const engine = new EtaEngine({ dirs: [dir], fileSystem })
    await rejection(() => engine.render(['absent.html'], {}))
    await rejection(() => engine.render(['absent.html'], {}))
    expect(fileSystem.checked).to.have.length(1)
  })

  it('reads changed templates and layouts again in debug', async () => {
    const engine = new EtaEngine({ dirs: [dir], debug: true })
    expect((await engine.render(['page.html'], {})).content).to.equal('[page v1] layout v1')
    write('page.html', '<% layout("layout.html") %>page v2')
    write('layout.html', '(<%~ it.body %>) layout v2')
    expect((await engine.render(['page.html'], {})).content).to.equal('(page v2) layout v2')
  })

  it('finds a template added after a miss in debug', async () => {
    const engine = new EtaEngine({ dirs: [dir], debug: true })
    await rejection(() => engine.render(['late.html'], {}))
    write('late.html', 'here now')
    expect((await engine.render(['late.html'], {})).content).to.equal('here now')
  })

  it('reads everything again after clearCache()', async () => {
    const engine = new EtaEngine({ dirs: [dir] })
    await engine.render(['page.html'], {})
    write('layout.html', '{<%~ it.body %>} layout v3')
    engine.clearCache()
    expect((await engine.render(['page.html'], {})).content).to.equal('{page v1} layout v3')
  })
})
