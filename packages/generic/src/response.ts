import {
  type Content,
  type HttpRequest,
  HttpResponse,
  type RenderedTemplate,
  type ResponseInit,
  TEMPLATE_ENGINE,
  type TemplateEngine,
  type TemplateResponseInfo,
} from '@manouche/core'
import { baseErrors } from './errors.js'

/** The data a template is rendered with. */
export type Context = Record<string, unknown>

/** What a `TemplateResponse` takes besides the request, template and context. */
export interface TemplateResponseInit extends ResponseInit {
  /** Render with this engine rather than the one registered under `TEMPLATE_ENGINE`. Django: using */
  engine?: TemplateEngine
}

/** A class that `TemplateResponseMixin.responseClass` may name. */
export type TemplateResponseClass = new (
  request: HttpRequest,
  templateName: string | readonly string[],
  contextData?: Context,
  init?: TemplateResponseInit,
) => TemplateResponse

/**
 * A response rendered lazily, when it is sent (or when `render()` is awaited): until then its
 * `templateName` and `contextData` may still change, and reading `content` throws. Both stay
 * readable after rendering, with `renderedTemplate` naming the template actually used.
 * Django: TemplateResponse
 */
export class TemplateResponse extends HttpResponse implements TemplateResponseInfo {
  /** The request the template is rendered for (`url()` reverses with its URLconf). */
  readonly request: HttpRequest
  /** The template name, or names of which the first that exists is used. */
  templateName: string | readonly string[]
  /** The context the template is rendered with. */
  contextData: Context
  /** The engine to render with; undefined means the application's (or the request's `TEMPLATE_ENGINE`). */
  readonly engine: TemplateEngine | undefined
  #rendered = false
  #renderedTemplate: string | undefined = undefined

  constructor(
    request: HttpRequest,
    templateName: string | readonly string[],
    contextData: Context = {},
    init: TemplateResponseInit = {},
  ) {
    super('', init) // HttpResponse reads its own fields of init and leaves `engine`
    this.request = request
    this.templateName = templateName
    this.contextData = contextData
    this.engine = init.engine
  }

  /** The rendered body; throws `ContentNotRenderedError` before rendering. */
  override get content(): Content {
    if (!this.#rendered) throw baseErrors.contentNotRendered()
    return super.content
  }

  /** Setting the content by hand counts as rendering it. */
  override set content(value: Content) {
    super.content = value
    this.#rendered = true
  }

  override get isRendered(): boolean {
    return this.#rendered
  }

  /** The template actually rendered (the first of `templateName` that exists); undefined before. */
  get renderedTemplate(): string | undefined {
    return this.#renderedTemplate
  }

  /**
   * Render the template into the content; a no-op once rendered. Synchronous when the engine
   * answers synchronously, else a promise; either way `await response.render()` works.
   * Django: SimpleTemplateResponse.render
   */
  override render(): this | Promise<this> {
    if (this.#rendered) return this
    const names = typeof this.templateName === 'string' ? [this.templateName] : this.templateName
    const engine = this.engine ?? engineOf(this.request)
    const rendered = engine.render(names, this.contextData, { request: this.request })
    if (rendered instanceof Promise) return rendered.then((done) => this.#fill(done))
    return this.#fill(rendered)
  }

  #fill(rendered: RenderedTemplate): this {
    this.#renderedTemplate = rendered.templateName
    this.content = rendered.content
    return this
  }
}

/** The engine of the application serving `request`, else the one registered in its container. */
function engineOf(request: HttpRequest): TemplateEngine {
  const engine = request.app?.templateEngine
  if (engine) return engine
  try {
    return request.resolve(TEMPLATE_ENGINE)
  } catch (cause) {
    throw baseErrors.noTemplateEngine(cause)
  }
}
