import { bootstrap, HttpRequest, type HttpResponse } from '@manouche/core'
import { expect } from 'chai'
import { AsyncView, GreetView } from './views.js'

describe('samples/hello', () => {
  it('answers the seed AsyncView after its await, over HTTP and called directly', async () => {
    const app = await bootstrap({ views: [AsyncView, GreetView] })
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).to.equal(200)
    expect(res.body).to.equal('Hello async world!')
    // A POST that passes the CSRF check (its cookie and header agree) reaches the view: 405.
    const secret = 'a'.repeat(32)
    const post = await app.inject({
      method: 'POST',
      url: '/',
      headers: { cookie: `csrftoken=${secret}`, 'x-csrftoken': secret },
    })
    expect(post.headers.allow).to.equal('GET, HEAD, OPTIONS')
    await app.close()
    const direct = await AsyncView.asView()(new HttpRequest({ method: 'GET', path: '/' }))
    expect(direct.text).to.equal('Hello async world!')
  })

  it('greets the name in the route, sync view', async () => {
    const response = GreetView.asView()(new HttpRequest({ method: 'GET', path: '/greet/ada/' }), { name: 'ada' })
    expect((response as HttpResponse).text).to.equal('Hello, ada!')
    const app = await bootstrap({ views: [AsyncView, GreetView] })
    expect((await app.inject({ url: '/greet/ada/' })).body).to.equal('Hello, ada!')
    expect((await app.inject({ url: '/greet/ada' })).headers.location).to.equal('/greet/ada/')
    await app.close()
  })
})
