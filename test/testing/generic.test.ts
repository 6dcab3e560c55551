// The kit against the real generic views of @manouche/generic.
import { View } from '@manouche/core'
import { RedirectView, TemplateView } from '@manouche/generic'
import { chaiManouche, RequestFactory } from '@manouche/testing'
import * as chai from 'chai'
import { createTestClient } from 'manouche/testing'

chai.use(chaiManouche)
const { expect } = chai

/** An engine answering with the context's keys; the context holds the view, which JSON cannot write. */
const keysEngine = {
  async render(names: readonly string[], context: Record<string, unknown>) {
    return { templateName: names[0] as string, content: Object.keys(context).join(',') }
  },
}

@View('/about/<slug:section>/')
class AboutView extends TemplateView {
  override templateName = 'about.html'
  override extraContext = { team: ['ada', 'grace'] }
}

@View('/old/')
class OldView extends RedirectView {
  override url = '/about/team/'
}

describe('the testing kit with @manouche/generic', () => {
  it('captures the template and context of a TemplateView served by the client', async () => {
    const client = await createTestClient({ views: [AboutView, OldView], templates: { dirs: [], engine: keysEngine } })
    try {
      const res = await client.get('/about/team/')
      expect(res).to.have.status(200).and.templateUsed('about.html').and.contextKey('section', 'team')
      expect(res).to.have.contextKey('team', ['ada', 'grace']).and.contextKey('view')
      expect(res.body).to.equal('view,section,team')
      expect(await client.get('/old/')).to.redirectTo('/about/team/')
    } finally {
      await client.close()
    }
  })

  it('reads a TemplateView response from a view function before it is rendered', async () => {
    const response = await AboutView.asView()(new RequestFactory().get('/about/team/', { params: { section: 'team' } }))
    expect(response).to.have.templateUsed('about.html').and.contextKey('section', 'team')
    expect(response).to.have.status(200)
  })
})
