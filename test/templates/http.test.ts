import { path } from '@manouche/core'
import { TemplateView } from '@manouche/generic'
import { EtaEngine, TemplateSyntaxError } from '@manouche/templates'
import { expect } from 'chai'
import type { FastifyInstance } from 'fastify'
import { bootstrap } from 'manouche'
import { BROKEN, DIRS, EXTRA, FIXTURES, MAIN, spyFileSystem, squash } from './helpers.js'

/** Renders `nested/<page>`: a template name built from the URL, as a careless view might. */
class PageView extends TemplateView {
  override getTemplateNames(): string[] {
    return [`nested/${String(this.kwargs.page)}`]
  }
}

const urlpatterns = [
  path('about/', TemplateView.asView({ templateName: 'child.html', extraContext: { name: 'About' } }), {
    name: 'about',
  }),
  path('books/<int:pk>/', TemplateView.asView({ templateName: 'links.html' }), { name: 'book' }),
  path('missing/', TemplateView.asView({ templateName: 'missing.html' })),
  path('broken/', TemplateView.asView({ templateName: 'broken-tag.html' })),
  path('broken-js/', TemplateView.asView({ templateName: 'broken-js.html' })),
  path('pages/<path:page>', PageView.asView()),
]

async function app(debug: boolean, engine?: EtaEngine): Promise<FastifyInstance> {
  return bootstrap({ views: [], urlpatterns, debug, templates: { dirs: DIRS, engine } })
}

describe('Templates over HTTP', () => {
  const apps: FastifyInstance[] = []
  const start = async (debug: boolean, engine?: EtaEngine) => {
    const started = await app(debug, engine)
    apps.push(started)
    return started
  }
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()))
  })

  it('renders a layout and partials from both folders', async () => {
    const res = await (await start(false)).inject({ url: '/about/' })
    expect(res.statusCode).to.equal(200)
    expect(squash(res.body)).to.equal(
      '<title>Child title</title> <main><h1>Child of About</h1> note About</main> <footer>Manouche</footer>',
    )
  })

  it("reverses url() with the application's routes", async () => {
    const res = await (await start(false)).inject({ url: '/books/5/' })
    expect(res.body).to.equal('<a href="/about/">about</a> <a href="/books/5/">book</a>\n')
  })

  describe('a missing template', () => {
    it('is a generic 500 in production, naming neither template nor folder', async () => {
      const res = await (await start(false)).inject({ url: '/missing/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.contain('Server Error (500)')
      for (const secret of ['missing.html', FIXTURES, 'TemplateDoesNotExist']) expect(res.body).to.not.contain(secret)
    })

    it('is a 500 in debug naming the template and every folder searched', async () => {
      const res = await (await start(true)).inject({ url: '/missing/' })
      expect(res.statusCode).to.equal(500)
      expect(res.body).to.contain(`TemplateDoesNotExist: missing.html (searched ${MAIN}, ${EXTRA})`)
    })
  })

  describe('a template syntax error', () => {
    it('fails bootstrap() outside debug, naming the template and line', async () => {
      let error: unknown
      try {
        await bootstrap({ views: [], urlpatterns, templates: { dirs: [BROKEN] } })
      } catch (e) {
        error = e
      }
      expect(error).to.be.instanceOf(TemplateSyntaxError)
      expect((error as Error).message).to.match(/^Invalid template syntax in '.+' at line \d+: /)
    })

    it('is a 500 in debug naming the template and line', async () => {
      const started = await start(true, new EtaEngine({ dirs: [BROKEN, ...DIRS], debug: true }))
      const tag = await started.inject({ url: '/broken/' })
      expect(tag.statusCode).to.equal(500)
      expect(tag.body).to.contain('Invalid template syntax in &#39;broken-tag.html&#39; at line 3: unclosed tag')
      const js = await started.inject({ url: '/broken-js/' })
      expect(js.body).to.contain('Invalid template syntax in &#39;broken-js.html&#39; at line 3: Unexpected token')
    })
  })

  describe('a template name from the URL that climbs out', () => {
    for (const debug of [false, true]) {
      it(`answers 400 and reads nothing outside the folders${debug ? ' (debug)' : ''}`, async () => {
        const fileSystem = spyFileSystem()
        const started = await start(debug, new EtaEngine({ dirs: DIRS, debug, fileSystem }))
        // Outside debug bootstrap() compiled the folders' templates: only files inside them.
        const inside = (file: string) => DIRS.some((dir) => file.startsWith(`${dir}/`))
        expect(fileSystem.read.every(inside)).to.equal(true)
        fileSystem.read.length = 0
        fileSystem.checked.length = 0
        // (`/pages/%2E%2E/…` never gets here: URL parsing resolves those dot segments into a 404.)
        for (const url of [
          '/pages/..%2F..%2Fsecret.html',
          '/pages/..%2f..%2fsecret.html',
          '/pages/..%5C..%5Csecret.html',
        ]) {
          const res = await started.inject({ url })
          expect(res.statusCode, url).to.equal(400)
          expect(res.body).to.contain('is refused')
          expect(res.body).to.not.contain('TOP SECRET')
        }
        expect(fileSystem.read).to.deep.equal([])
        // Only the application's own 400 page was looked for (in the folders; outside debug, once).
        const errorPage = debug ? [] : DIRS.map((dir) => `${dir}/400.html`)
        expect(fileSystem.checked).to.deep.equal(errorPage)
      })
    }

    it('still serves a page that stays inside', async () => {
      const res = await (await start(false)).inject({ url: '/pages/sibling.html' })
      expect(res.statusCode).to.equal(200)
      expect(res.body).to.equal('<i>sibling of undefined</i>\n')
    })
  })
})
