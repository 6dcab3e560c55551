// Views and a fake template engine shared by the tests of the testing kit.
import {
  BaseView,
  type HttpRequest,
  HttpResponse,
  HttpResponseRedirect,
  JsonResponse,
  TEMPLATE_ENGINE,
  type TemplateEngine,
  type TemplateResponseInfo,
  View,
} from '@manouche/core'
import { inject, injectable } from 'tsyringe'

/** The DI token the greeting views resolve. */
export const GREETING = Symbol('Greeting')

/**
 * A fake engine: the first name not under `missing/` is "found"; the content is the context as
 * JSON. `delay` lets concurrent renders finish out of order.
 */
export const fakeEngine: TemplateEngine = {
  async render(names, context) {
    const found = names.find((name) => !name.startsWith('missing/'))
    if (found === undefined) throw new Error(`no template among ${names.join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, Number(context.delay ?? 0)))
    return { templateName: found, content: JSON.stringify(context) }
  },
}

/** `bootstrap()`'s `templates` option with the fake engine. */
export const fakeTemplates = { dirs: [], engine: fakeEngine }

/** A lazily rendered response satisfying `TemplateResponseInfo`, rendered through the request's engine. */
export class FakeTemplateResponse extends HttpResponse implements TemplateResponseInfo {
  renderedTemplate: string | undefined = undefined

  constructor(
    readonly request: HttpRequest,
    readonly templateName: string | readonly string[],
    readonly contextData: Record<string, unknown>,
  ) {
    super('')
  }

  override get isRendered(): boolean {
    return this.renderedTemplate !== undefined
  }

  override async render(): Promise<this> {
    const names = typeof this.templateName === 'string' ? [this.templateName] : this.templateName
    const rendered = await this.request
      .resolve(TEMPLATE_ENGINE)
      .render(names, this.contextData, { request: this.request })
    this.content = rendered.content
    this.renderedTemplate = rendered.templateName
    return this
  }
}

@View('/hello/', { name: 'hello' })
export class HelloView extends BaseView {
  async get(request: HttpRequest) {
    return new HttpResponse(`Hello ${request.query.get('name') ?? 'world'}`, { headers: { 'X-Hello': 'yes' } })
  }
}

@View('/echo/')
export class EchoView extends BaseView {
  async post(request: HttpRequest) {
    return new JsonResponse({
      body: request.body,
      contentType: request.header('content-type') ?? null,
      query: request.queryString,
    })
  }
}

@View('/books/<int:pk>/')
export class BookView extends BaseView {
  async get(request: HttpRequest) {
    const pk = request.params.pk as number
    return new FakeTemplateResponse(request, ['missing/book.html', 'books/book_detail.html'], {
      pk,
      title: `Book ${pk}`,
      delay: request.query.get('delay'),
    })
  }
}

@View('/page/')
export class PageView extends BaseView {
  async get(request: HttpRequest) {
    const engine = request.resolve(TEMPLATE_ENGINE)
    const sidebar = await engine.render(['sidebar.html'], { links: 2 })
    return new FakeTemplateResponse(request, 'page.html', { sidebar: sidebar.content })
  }
}

@View('/login/')
export class LoginView extends BaseView {
  async post(request: HttpRequest) {
    const user = (request.body as { user?: string }).user ?? ''
    return new HttpResponseRedirect('/me/', {
      headers: { 'Set-Cookie': [`session=${user}; Path=/; HttpOnly`, 'theme=dark'] },
    })
  }
}

@View('/logout/')
export class LogoutView extends BaseView {
  async get() {
    return new HttpResponse('bye', { headers: { 'Set-Cookie': 'session=; Max-Age=0; Path=/' } })
  }
}

@View('/me/')
export class MeView extends BaseView {
  async get(request: HttpRequest) {
    return new HttpResponse(`cookie: ${request.header('cookie') ?? '(none)'}`)
  }
}

@View('/greeting/')
@injectable()
export class GreetingView extends BaseView {
  constructor(@inject(GREETING) private readonly greeting: string) {
    super()
  }

  async get(request: HttpRequest) {
    await new Promise((resolve) => setTimeout(resolve, Number(request.query.get('delay') ?? 0)))
    return new HttpResponse(this.greeting)
  }
}

/** Every fixture view. */
export const allViews = [HelloView, EchoView, BookView, PageView, LoginView, LogoutView, MeView, GreetingView]
