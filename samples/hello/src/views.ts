import { BaseView, HttpResponse, View } from '@manouche/core'

/** The seed's AsyncView: an async handler that awaits before answering. */
@View('/', { name: 'hello' })
export class AsyncView extends BaseView {
  async get() {
    await new Promise((resolve) => setTimeout(resolve, 10))
    return new HttpResponse('Hello async world!')
  }
}

/** A plain synchronous view with a route kwarg. */
@View('/greet/<str:name>/', { name: 'greet' })
export class GreetView extends BaseView {
  get(_request: unknown, kwargs: { name?: unknown }) {
    return new HttpResponse(`Hello, ${String(kwargs.name)}!`, { contentType: 'text/plain; charset=utf-8' })
  }
}
