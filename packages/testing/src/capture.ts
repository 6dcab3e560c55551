import { AsyncLocalStorage } from 'node:async_hooks'
import { type ManoucheApp, type RenderedTemplate, TEMPLATE_ENGINE, type TemplateEngine } from '@manouche/core'

/** One template render seen while serving a test request. */
export interface TemplateRender {
  /** The template actually used. */
  templateName: string
  /** The names asked for, in order. */
  names: readonly string[]
  /** The context the template was rendered with. */
  context: Record<string, unknown>
}

/** Everything rendered while serving one test request, in order. */
export class RenderCapture {
  readonly renders: TemplateRender[] = []
}

// Each client request runs inside its own store, so renders of concurrent requests (of one
// client or of several) land in the capture of the request that caused them.
const current = new AsyncLocalStorage<RenderCapture>()

/** Run `fn`, collecting every template rendered by what it starts into a new `RenderCapture`. */
export async function captureRenders<T>(fn: () => Promise<T>): Promise<[T, RenderCapture]> {
  const capture = new RenderCapture()
  const result = await current.run(capture, fn)
  return [result, capture]
}

/** An engine that renders through `inner` and records each render in the current capture; as sync as `inner`. */
export function recordingEngine(inner: TemplateEngine): TemplateEngine {
  return {
    render(names, context, options) {
      const record = (rendered: RenderedTemplate) => {
        current.getStore()?.renders.push({ templateName: rendered.templateName, names: [...names], context })
        return rendered
      }
      const rendered = inner.render(names, context, options)
      return rendered instanceof Promise ? rendered.then(record) : record(rendered)
    },
  }
}

/**
 * Make the template engine of `app` record its renders: the application's engine (or the one
 * its container holds under `TEMPLATE_ENGINE`) is wrapped, for this application alone.
 */
export function instrumentTemplates(app: ManoucheApp): void {
  const { container } = app
  const engine =
    app.templateEngine ??
    (container.isRegistered(TEMPLATE_ENGINE, true) ? container.resolve(TEMPLATE_ENGINE) : undefined)
  if (!engine) return
  app.templateEngine = recordingEngine(engine)
  container.registerInstance(TEMPLATE_ENGINE, app.templateEngine)
}
