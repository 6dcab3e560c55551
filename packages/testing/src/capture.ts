import { AsyncLocalStorage } from 'node:async_hooks'
import { type RenderedTemplate, type RenderOptions, TEMPLATE_ENGINE, type TemplateEngine } from '@manouche/core'
import type { DependencyContainer } from 'tsyringe'

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

/** An engine that renders through `inner` and records each render in the current capture. */
export function recordingEngine(inner: TemplateEngine): TemplateEngine {
  return {
    async render(
      names: readonly string[],
      context: Record<string, unknown>,
      options?: RenderOptions,
    ): Promise<RenderedTemplate> {
      const rendered = await inner.render(names, context, options)
      current.getStore()?.renders.push({ templateName: rendered.templateName, names: [...names], context })
      return rendered
    },
  }
}

/**
 * Make the template engine `container` resolves record its renders: the recording engine is
 * registered in `container` itself (the client's own application container), so the engine
 * object and every other container stay as they were.
 */
export function instrumentTemplates(container: DependencyContainer): void {
  if (!container.isRegistered(TEMPLATE_ENGINE, true)) return
  container.registerInstance(TEMPLATE_ENGINE, recordingEngine(container.resolve(TEMPLATE_ENGINE)))
}
