import { HttpRequest, patternsFromViews, TEMPLATE_ENGINE, UrlConf } from '@manouche/core'
import { TemplateResponse, TemplateView } from '@manouche/generic'
import { EtaEngine } from '@manouche/templates'
import { expect } from 'chai'
import { container } from 'tsyringe'
import { createApp, TEMPLATES } from './app.js'
import { urlpatterns } from './urls.js'
import { AboutView } from './views.js'

const squash = (html: string) => html.replace(/\s+/g, ' ').trim()

describe('samples/about', () => {
  describe('over HTTP', () => {
    let app: Awaited<ReturnType<typeof createApp>>
    before(async () => {
      app = await createApp()
    })
    after(() => app.close())

    it('serves the URLconf form at /about/ inside the shared layout', async () => {
      const res = await app.inject({ url: '/about/' })
      expect(res.statusCode).to.equal(200)
      expect(res.headers['content-type']).to.equal('text/html; charset=utf-8')
      const html = squash(res.body)
      expect(html).to.contain('<title>About · Manouche</title>')
      expect(html).to.contain('<h1>About</h1> <p>This page is served by TemplateView.</p>')
      expect(html).to.contain('<footer>About page footer</footer>')
      expect(html).to.not.contain('<ul>')
    })

    it('serves the subclass form at /about-us/ with its extra context', async () => {
      const res = await app.inject({ url: '/about-us/' })
      expect(res.statusCode).to.equal(200)
      const html = squash(res.body)
      expect(html).to.contain('<p>This page is served by AboutView.</p>')
      expect(html).to.contain('<li>Django</li> <li>Stéphane</li>')
    })

    it('links both pages with url()', async () => {
      const res = await app.inject({ url: '/about-us/' })
      expect(res.body).to.contain('<a href="/about/">About</a> · <a href="/about-us/">About us</a>')
    })

    it('answers HEAD with no body, POST with 405, and redirects a missing slash', async () => {
      expect((await app.inject({ method: 'HEAD', url: '/about/' })).body).to.equal('')
      // The CSRF check runs before the view, as in Django: no token, 403; with one, the view's 405.
      expect((await app.inject({ method: 'POST', url: '/about-us/' })).statusCode).to.equal(403)
      const secret = 'a'.repeat(32)
      const headers = { cookie: `csrftoken=${secret}`, 'x-csrftoken': secret }
      const post = await app.inject({ method: 'POST', url: '/about-us/', headers })
      expect(post.statusCode).to.equal(405)
      expect(post.headers.allow).to.equal('GET, HEAD, OPTIONS')
      const slash = await app.inject({ url: '/about' })
      expect(slash.statusCode).to.equal(301)
      expect(slash.headers.location).to.equal('/about/')
    })
  })

  describe('called directly', () => {
    const urlconf = new UrlConf([...urlpatterns, ...patternsFromViews([AboutView])])
    const request = () => {
      const app = container.createChildContainer()
      app.registerInstance(TEMPLATE_ENGINE, new EtaEngine({ dirs: [TEMPLATES] }))
      return new HttpRequest({ method: 'GET', path: '/about-us/', container: app, urlconf })
    }

    it('gives AboutView the template set by @Template, rendered lazily', async () => {
      const response = (await AboutView.asView()(request())) as TemplateResponse
      expect(response.templateName).to.deep.equal(['about.html'])
      expect(response.isRendered).to.equal(false)
      expect(response.contextData.team).to.deep.equal(['Django', 'Stéphane'])
    })

    it('renders the URLconf form with the same template', async () => {
      const match = urlconf.resolve('/about/')
      expect(match?.pattern.view.viewClass).to.equal(TemplateView)
      const response = (await match!.pattern.view(request(), match!.kwargs)) as TemplateResponse
      await response.render()
      expect(response.renderedTemplate).to.equal('about.html')
      expect(response.text).to.contain('This page is served by TemplateView.')
    })
  })
})
