// Messages over HTTP: kept in the session across a redirect, in every template as it.messages,
// shown once; SuccessMessageMixin.
import { fileURLToPath } from 'node:url'
import {
  LoginRequiredMixin,
  messages,
  Session,
  SessionMessageStorage,
  SignedCookieSessionStore,
  SuccessMessageMixin,
  UserLoader,
} from '@manouche/auth'
import { BaseView, type HttpRequest, HttpResponse, ImproperlyConfigured, path } from '@manouche/core'
import { Form } from '@manouche/forms'
import { FormView, TemplateView } from '@manouche/generic'
import { RequestFactory, type TestClient } from '@manouche/testing'
import { expect } from 'chai'
import { createTestClient } from 'manouche/testing'
import { z } from 'zod'
import { fixedLoader, makeUser } from './fixtures.js'

const ada = makeUser()
const templates = { dirs: [fileURLToPath(new URL('../../fixtures/templates/auth', import.meta.url))] }
const secretKey = 'a test key, long enough and random enough for a test'

const author = z.object({ name: z.string().min(1, 'Enter a name.') })
class AuthorForm extends Form<z.infer<typeof author>> {
  static override schema = author
}

class AddAuthor extends SuccessMessageMixin(FormView) {
  override formClass = AuthorForm
  override templateName = 'messages.html'
  override successUrl = '/page/'
  override successMessage = 'Saved {name}.'
}

class Page extends TemplateView {
  override templateName = 'messages.html'
  override extraContext = { text: 'a page' }
}

class Quiet extends BaseView {
  get() {
    return new HttpResponse('no template')
  }
}

class Warn extends BaseView {
  get(request: HttpRequest) {
    messages.warning(request, 'Careful.')
    messages.error(request, 'Broken.', { extraTags: 'cover' })
    messages.debug(request, 'Not kept.')
    return new HttpResponse('warned')
  }
}

class Members extends LoginRequiredMixin(TemplateView) {
  override templateName = 'messages.html'
}

const urlpatterns = [
  path('add/', AddAuthor.asView()),
  path('page/', Page.asView()),
  path('quiet/', Quiet.asView()),
  path('warn/', Warn.asView()),
  path('members/', Members.asView()),
]

describe('messages over HTTP', () => {
  let client: TestClient
  beforeEach(async () => {
    client = await createTestClient({
      views: [],
      urlpatterns,
      templates,
      secretKey,
      overrides: [[UserLoader, { useValue: fixedLoader([ada]) }]],
    })
  })
  afterEach(() => client.close())

  it('gives a template no message when the client has no session, and sets no cookie', async () => {
    const res = await client.get('/page/')
    expect(res.body).to.equal('<ul></ul><p>a page</p>\n')
    expect(res.headers.get('set-cookie')).to.equal(undefined)
  })

  it('shows a success message after the redirect, once', async () => {
    const saved = await client.post('/add/', { form: { name: 'Ada' } })
    expect([saved.status, saved.headers.get('location')]).to.deep.equal([302, '/page/'])
    const page = await client.get('/page/')
    expect(page.body).to.equal('<ul><li class="success">Saved Ada.</li></ul><p>a page</p>\n')
    expect((await client.get('/page/')).body).to.equal('<ul></ul><p>a page</p>\n')
  })

  it('adds nothing for an invalid form', async () => {
    const res = await client.post('/add/', { form: { name: '' } })
    expect(res.status).to.equal(200)
    expect(res.body).to.include('<ul></ul>')
    expect((await client.get('/page/')).body).to.include('<ul></ul>')
  })

  it('keeps messages, in order and with their tags, until a template shows them', async () => {
    await client.get('/warn/')
    await client.get('/quiet/')
    const page = await client.get('/page/')
    expect(page.body).to.include('<ul><li class="warning">Careful.</li><li class="cover error">Broken.</li></ul>')
    expect(page.context?.messages).to.have.property('length', 2)
    expect((await client.get('/page/')).body).to.include('<ul></ul>')
  })

  it('gives messages to a template of a view that loads the user', async () => {
    await client.get('/warn/')
    await client.forceLogin(ada)
    const res = await client.get('/members/')
    expect(res.status).to.equal(200)
    expect(res.body).to.include('<li class="warning">Careful.</li>')
  })

  it('names a placeholder the cleaned data lacks', async () => {
    class Misnamed extends AddAuthor {
      override successMessage = 'Saved {title}.'
    }
    const request = new RequestFactory().post('/add/', { form: { name: 'Ada' } })
    request.messageStorage = new SessionMessageStorage(new Session(new SignedCookieSessionStore({ secretKey })))
    const error = await Promise.resolve(Misnamed.asView()(request)).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as Error).message).to.equal(
      `Misnamed.successMessage "Saved {title}." names {title}, which the form's cleaned data does not hold.`,
    )
  })

  it('adds the message directly, through a RequestFactory request', async () => {
    const request = new RequestFactory().post('/add/', { form: { name: 'Grace' } })
    const storage = new SessionMessageStorage(new Session(new SignedCookieSessionStore({ secretKey })))
    request.messageStorage = storage
    const res = await AddAuthor.asView()(request)
    expect(res.status).to.equal(302)
    expect((await storage.read()).map((m) => [m.message, m.tags])).to.deep.equal([['Saved Grace.', 'success']])
  })
})
