import {
  BaseView,
  bootstrap,
  HttpResponse,
  ImproperlyConfigured,
  path,
  XFrameOptions,
  XFrameOptionsExempt,
} from '@manouche/core'
import { RequestFactory, TestClient } from '@manouche/testing'
import { expect } from 'chai'

@XFrameOptions('SAMEORIGIN')
class EmbeddableView extends BaseView {
  get() {
    return new HttpResponse('embeddable')
  }
}
class EmbeddableChildView extends EmbeddableView {}

@XFrameOptionsExempt()
class WidgetView extends BaseView {
  async get() {
    return new HttpResponse('widget')
  }
}

@XFrameOptions('DENY')
class OwnHeaderView extends BaseView {
  get() {
    return new HttpResponse('own', { headers: { 'X-Frame-Options': 'SAMEORIGIN' } })
  }
}

@XFrameOptionsExempt()
class ExemptButSetView extends BaseView {
  get() {
    return new HttpResponse('set', { headers: { 'X-Frame-Options': 'DENY' } })
  }
}

@XFrameOptions('DENY')
class StrictView extends BaseView {
  get() {
    return new HttpResponse('strict')
  }
}

class PlainView extends BaseView {
  get() {
    return new HttpResponse('plain')
  }
}

const urlpatterns = [
  path('embeddable/', EmbeddableView.asView()),
  path('child/', EmbeddableChildView.asView()),
  path('widget/', WidgetView.asView()),
  path('own/', OwnHeaderView.asView()),
  path('exempt-set/', ExemptButSetView.asView()),
  path('strict/', StrictView.asView()),
  path('plain/', PlainView.asView()),
]

async function client(xFrameOptions?: 'DENY' | 'SAMEORIGIN'): Promise<TestClient> {
  return new TestClient(await bootstrap({ views: [], urlpatterns, security: { xFrameOptions } }))
}

describe('per-view X-Frame-Options', () => {
  let c: TestClient
  beforeEach(async () => {
    c = await client()
  })
  afterEach(() => c.close())

  it("@XFrameOptions('SAMEORIGIN') replaces the default DENY, on subclasses too", async () => {
    for (const url of ['/embeddable/', '/child/']) {
      const res = await c.get(url)
      expect(res.status, url).to.equal(200)
      expect(res.headers.get('x-frame-options'), url).to.equal('SAMEORIGIN')
    }
    expect((await c.get('/plain/')).headers.get('x-frame-options')).to.equal('DENY')
  })

  it('@XFrameOptionsExempt() leaves the header out and keeps the other security headers', async () => {
    const res = await c.get('/widget/')
    expect(res.status).to.equal(200)
    expect(res.body).to.equal('widget')
    expect(res.headers.has('x-frame-options')).to.equal(false)
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff')
    expect(res.headers.get('referrer-policy')).to.equal('same-origin')
  })

  it("keeps a header the view's response sets itself, as Django's decorators do", async () => {
    expect((await c.get('/own/')).headers.get('x-frame-options')).to.equal('SAMEORIGIN')
    expect((await c.get('/exempt-set/')).headers.get('x-frame-options')).to.equal('DENY')
  })

  it("@XFrameOptions('DENY') holds when bootstrap() asks for SAMEORIGIN", async () => {
    const lax = await client('SAMEORIGIN')
    expect((await lax.get('/strict/')).headers.get('x-frame-options')).to.equal('DENY')
    expect((await lax.get('/plain/')).headers.get('x-frame-options')).to.equal('SAMEORIGIN')
    await lax.close()
  })

  it('marks the response of a view function called directly (RequestFactory)', async () => {
    const rf = new RequestFactory()
    const framed = (await EmbeddableView.asView()(rf.get('/embeddable/'))) as HttpResponse
    expect(framed.headers.get('x-frame-options')).to.equal('SAMEORIGIN')
    const widget = (await WidgetView.asView()(rf.get('/widget/'))) as HttpResponse
    expect(widget.xFrameOptionsExempt).to.equal(true)
    expect(widget.headers.has('x-frame-options')).to.equal(false)
    const plain = (await PlainView.asView()(rf.get('/plain/'))) as HttpResponse
    expect(plain.headers.has('x-frame-options')).to.equal(false)
    expect(plain.xFrameOptionsExempt).to.equal(undefined)
  })

  it('rejects a value other than DENY or SAMEORIGIN when decorating, naming the class', () => {
    expect(() => {
      @XFrameOptions('ALLOW-FROM' as never)
      class AllowView extends BaseView {}
      return AllowView
    })
      .to.throw(ImproperlyConfigured)
      .with.property(
        'message',
        "@XFrameOptions on AllowView: the value must be 'DENY' or 'SAMEORIGIN', not 'ALLOW-FROM'.",
      )
  })
})
