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

/** `bootstrap({ templates })`: the folders searched in order, and optionally an engine of your own. */
export interface TemplateOptions {
  dirs: string[]
  /** Use this engine rather than the installed default. */
  engine?: TemplateEngine
}

/** What a template engine factory is given by `bootstrap()`. */
export interface TemplateSettings {
  dirs: string[]
  /** Re-read templates when they change and show full errors. */
  debug: boolean
}

/** Build an engine from the settings `bootstrap()` was given. */
export type TemplateEngineFactory = (settings: TemplateSettings) => TemplateEngine

/** The DI token under which `bootstrap()` registers the application's template engine. */
export const TEMPLATE_ENGINE: InjectionToken<TemplateEngine> = Symbol('TemplateEngine')

let defaultFactory: TemplateEngineFactory | undefined

/** Make `factory` the engine `bootstrap({ templates })` builds; @manouche/templates calls this on import. */
export function registerTemplateEngine(factory: TemplateEngineFactory): void {
  defaultFactory = factory
}

/** Build the engine for `options`: theirs if given, else the registered default. */
export function createTemplateEngine(options: TemplateOptions, debug: boolean): TemplateEngine {
  if (options.engine) return options.engine
  if (!defaultFactory) throw errors.noEngine()
  return defaultFactory({ dirs: [...options.dirs], debug })
}
