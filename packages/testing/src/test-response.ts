import { ResponseHeaders } from '@manouche/core'
import type { RenderCapture, TemplateRender } from './capture.js'
import { errors } from './errors.js'

/** What `TestResponse` is built from: the parts of a Fastify `inject()` answer it reads. */
export interface InjectedResponse {
  statusCode: number
  headers: Record<string, string | number | string[] | undefined>
  body: string
}

/**
 * What a test client request answered: status, headers and body as the client received them,
 * and the templates rendered while serving it with their context. Django: the test client's response
 */
export class TestResponse {
  /** The HTTP status code. */
  readonly status: number
  /** The headers, case-insensitive `get(name)`. */
  readonly headers: ResponseHeaders
  /** The body as text (empty for HEAD). */
  readonly body: string
  /** The request that got this answer: its method and the URL sent. */
  readonly request: { readonly method: string; readonly url: string }
  /** Every template render, oldest first; the response's own template is the last. */
  readonly renders: readonly TemplateRender[]
  #json: { value: unknown } | undefined

  constructor(injected: InjectedResponse, request: { method: string; url: string }, capture: RenderCapture) {
    this.status = injected.statusCode
    this.headers = new ResponseHeaders(injected.headers)
    this.body = injected.body
    this.request = request
    this.renders = capture.renders
  }

  /** The names of the templates actually rendered, in order. Django: response.templates */
  get templates(): string[] {
    return this.renders.map((render) => render.templateName)
  }

  /** The template the response was rendered with (the last one rendered); undefined when none was. */
  get templateName(): string | undefined {
    return this.renders.at(-1)?.templateName
  }

  /** The context that template was rendered with; undefined when no template was. Django: response.context */
  get context(): Record<string, unknown> | undefined {
    return this.renders.at(-1)?.context
  }

  /** The body parsed as JSON; throws unless the `Content-Type` is JSON. Django: response.json() */
  json<T = unknown>(): T {
    if (this.#json === undefined) {
      const type = this.headers.get('content-type')
      const contentType = Array.isArray(type) ? type[0] : type
      if (!contentType || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) throw errors.notJson(contentType)
      this.#json = { value: JSON.parse(this.body) }
    }
    return this.#json.value as T
  }
}
