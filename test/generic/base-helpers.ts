import * as nodePath from 'node:path'
import {
  HttpRequest,
  type HttpRequestInit,
  type RenderedTemplate,
  type RenderOptions,
  TEMPLATE_ENGINE,
  type TemplateEngine,
} from '@manouche/core'
import { EtaEngine } from '@manouche/templates'
import { container } from 'tsyringe'
import { recordingLogger } from '../core/helpers.js'

/** The template folder of the base-family tests (`generic_views/about.html`, `generic_views/robots.txt`). */
export const BASE_DIRS = [nodePath.resolve(import.meta.dirname, '../../fixtures/templates/base')]

/** An engine that renders with Eta and records every call, for assertions on names and context. */
export function recordingEngine(inner: TemplateEngine = new EtaEngine({ dirs: BASE_DIRS })) {
  const calls: Array<{ names: readonly string[]; context: Record<string, unknown>; options?: RenderOptions }> = []
  const engine: TemplateEngine & { calls: typeof calls } = {
    calls,
    render(names, context, options): RenderedTemplate | Promise<RenderedTemplate> {
      calls.push({ names, context, options })
      return inner.render(names, context, options)
    },
  }
  return engine
}

/** An engine answering `content` whatever it is asked, as a second engine would. */
export function fixedEngine(content: string): TemplateEngine {
  return { render: async (names) => ({ templateName: names[0] as string, content }) }
}

/** A request with its own container holding `engine` under TEMPLATE_ENGINE, and a recording logger. */
export function makeRequest(
  method: string,
  url: string,
  init: Partial<HttpRequestInit> & { engine?: TemplateEngine } = {},
): HttpRequest & { log: ReturnType<typeof recordingLogger> } {
  const { engine = new EtaEngine({ dirs: BASE_DIRS }), ...rest } = init
  const app = container.createChildContainer()
  app.registerInstance(TEMPLATE_ENGINE, engine)
  const [bare, query = ''] = url.split('?')
  const log = recordingLogger()
  return new HttpRequest({ method, path: bare as string, query, container: app, log, ...rest }) as HttpRequest & {
    log: typeof log
  }
}
