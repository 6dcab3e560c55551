import type { InjectionToken } from 'tsyringe'
import { errors } from './errors.js'
import type { HttpRequest } from './request.js'

/** A template rendered: which name was chosen, and the text it produced. */
export interface RenderedTemplate {
  templateName: string
  content: string
}

/** What a render knows beyond the context: the request (for `url()` and friends). */
export interface RenderOptions {
  request?: HttpRequest
}

/**
 * The one interface generic views render through; @manouche/templates implements it with Eta,
 * and another engine can take its place. `render()` picks the first name that exists and throws
 * `TemplateDoesNotExist` naming every name and folder tried when none does. It answers
 * synchronously when the template allows it, and with a promise only when the template needs
 * one (Eta: a template using `await`).
 */
export interface TemplateEngine {
  render(
    names: readonly string[],
    context: Record<string, unknown>,
    options?: RenderOptions,
  ): RenderedTemplate | Promise<RenderedTemplate>
  /**
   * Compile every template the engine can find, so that a syntax error fails `bootstrap()`
   * rather than a request; `bootstrap()` calls it outside debug. Optional.
   */
  prepare?(): void
}

/**
 * What a lazily rendered response (a `TemplateResponse`) exposes for tests: the template names
 * asked for, the context given, and after rendering the template actually used.
 */
export interface TemplateResponseInfo {
  readonly templateName: string | readonly string[]
  readonly contextData: Record<string, unknown>
  /** The first existing template of `templateName`; undefined until rendered. */
  readonly renderedTemplate: string | undefined
}

/** Whether `response` is a template response (it carries `contextData`). */
export function isTemplateResponse(response: object): response is TemplateResponseInfo {
  return 'contextData' in response && 'templateName' in response
}

/** What a template engine factory is given by `bootstrap()`. */
export interface TemplateSettings {
  dirs: string[]
  /** Re-read templates when they change and show full errors. */
  debug: boolean
}

/** Build an engine from the settings `bootstrap()` was given. */
export type TemplateEngineFactory = (settings: TemplateSettings) => TemplateEngine

/**
 * `bootstrap({ templates })`: the folders searched in order, and the engine, or a factory
 * given `{ dirs, debug }`. The `manouche` package (and `manouche/testing`'s client) default it
 * to Eta; `@manouche/core` alone has no default.
 */
export interface TemplateOptions {
  dirs: string[]
  engine?: TemplateEngine | TemplateEngineFactory
}

/** The DI token under which `bootstrap()` registers the application's template engine. */
export const TEMPLATE_ENGINE: InjectionToken<TemplateEngine> = Symbol('TemplateEngine')

/** The engine `options` name: theirs, or built by their factory. @internal */
export function createTemplateEngine(options: TemplateOptions, debug: boolean): TemplateEngine {
  const { engine } = options
  if (engine === undefined) throw errors.noEngine()
  return typeof engine === 'function' ? engine({ dirs: [...options.dirs], debug }) : engine
}
