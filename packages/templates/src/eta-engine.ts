import {
  getToken,
  type HttpRequest,
  type Kwargs,
  ManoucheError,
  type RenderedTemplate,
  type RenderOptions,
  reverse,
  TemplateDoesNotExist,
  type TemplateEngine,
  type TemplateOptions,
  type TemplateSettings,
} from '@manouche/core'
import { Eta, type EtaConfig, EtaParseError, type Options, type TemplateFunction } from 'eta'
import { errors } from './errors.js'
import { nodeFileSystem, type TemplateFileSystem, TemplateLoader } from './loader.js'
import { errorDetail, errorLine } from './syntax.js'

/** What an `EtaEngine` is built with; `bootstrap({ templates })` passes `dirs` and `debug`. */
export interface EtaEngineOptions {
  /** The template folders, searched in order: the first holding a name wins. */
  dirs: readonly string[]
  /** Re-read templates on every render and report runtime errors with their template line. */
  debug?: boolean
  /** Appended to names without an extension, as Eta does (default `.eta`); names like `about.html` keep theirs. */
  defaultExtension?: string
  /** Where files are read from (default: the disk). */
  fileSystem?: TemplateFileSystem
}

type EtaRuntimeErr = Eta['RuntimeErr']

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp'])
// Browsers skip ASCII whitespace and control characters inside a scheme (`java\tscript:`).
// biome-ignore lint/suspicious/noControlCharactersInRegex: those are the characters browsers skip
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f]/g

/**
 * `value` when it is safe in `href`/`src`: relative, or http(s), mailto, tel, ftp; otherwise `#`.
 * Escaping alone leaves `javascript:alert(1)` a script link; templates call
 * `<a href="<%= safeUrl(it.link) %>">` for URLs a user supplied.
 */
export function safeUrl(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value)
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text.replace(IGNORED_IN_SCHEME, ''))?.[1]
  return scheme === undefined || LINK_SCHEMES.has(scheme.toLowerCase()) ? text : '#'
}

/** Eta reading templates through a `TemplateLoader`, with `url()` and `safeUrl()` in every template. */
class LoaderEta extends Eta {
  constructor(loader: TemplateLoader, config: Partial<EtaConfig>) {
    super(config)
    const compile = this.compile
    const runtimeErr: EtaRuntimeErr = this.RuntimeErr
    this.compile = (source, options) => compileNamed(this, compile, loader, source, options)
    this.resolvePath = (name, options) => loader.get(name, callerName(loader, options))
    this.readFile = (file) => loader.read(file)
    // Eta's debug mode wraps every error with the template line; ours keep their class and status.
    this.RuntimeErr = (error, str, line, path) => {
      if (error instanceof ManoucheError) throw error
      return runtimeErr(error, str, line, path)
    }
  }

  /** The `safeUrl(value)` templates call. */
  readonly safeUrl = safeUrl

  /**
   * Give `data` the request's `csrfToken` and `csrfInput`, computed on first read (so the CSRF
   * cookie is set only when the template shows one). Only templates whose source names either
   * call this (see `CSRF_NAMES`); the getters are not enumerable, so includes and layouts, which
   * spread `it`, do not compute them, and define their own when they name them.
   */
  csrf(data: Record<string, unknown>, options: RenderOptions | undefined): void {
    const request = options?.request
    if (request === undefined || 'csrfToken' in data || !Object.isExtensible(data)) return
    defineCsrf(data, request)
  }

  /**
   * The `url(name, kwargs)` templates call: `reverse()` with the rendering request's URLconf.
   * The request rides in Eta's render options, which Eta hands on to includes and layouts.
   */
  url(name: string, kwargs: Kwargs | undefined, options: RenderOptions | undefined): string {
    return reverse(name, kwargs ?? {}, { urlconf: options?.request?.urlconf })
  }
}

function defineCsrf(data: Record<string, unknown>, request: HttpRequest): void {
  let token: string | undefined
  const csrfToken = () => {
    token ??= getToken(request)
    return token
  }
  // The token is letters and digits only: nothing to escape in the attribute.
  const csrfInput = () => `<input type="hidden" name="csrfmiddlewaretoken" value="${csrfToken()}">`
  Object.defineProperties(data, {
    csrfToken: { get: csrfToken, configurable: true },
    csrfInput: { get: csrfInput, configurable: true },
  })
}

function callerName(loader: TemplateLoader, options: Partial<Options> | undefined): string | undefined {
  return options?.filepath === undefined ? undefined : loader.nameOf(options.filepath)
}

/** Eta's compile, turning its parse errors into a `TemplateSyntaxError` naming the template and line. */
function compileNamed(
  eta: Eta,
  compile: Eta['compile'],
  loader: TemplateLoader,
  source: string,
  options: Partial<Options> | undefined,
): TemplateFunction {
  try {
    // A template naming csrfToken/csrfInput gets them on `it`; the others pay nothing.
    const compiler = CSRF_NAMES.test(source)
      ? eta.withConfig({ functionHeader: `${eta.config.functionHeader} ${CSRF_HEADER}` })
      : eta
    return compile.call(compiler as Eta, source, options)
  } catch (error) {
    if (!(error instanceof EtaParseError)) throw error
    const name = callerName(loader, options) ?? '<string>'
    throw errors.syntax(name, errorLine(eta, source, error, options?.async ?? false), errorDetail(error), error)
  }
}

interface Compiled {
  file: string
  fn: TemplateFunction
  /** Compiled as an async function: its source uses `await`. */
  async: boolean
}

const CSRF_NAMES = /\bcsrf(?:Token|Input)\b/
const CSRF_HEADER = 'this.csrf(it, options);'

// A template whose source uses `await` (`<%= await it.later() %>`, `for await`) is compiled as an
// async function and rendered as a promise; any other is compiled and rendered synchronously.
const AWAIT = /\bawait\b/

/**
 * The Eta 4 template engine: folders searched in order, autoescaping `<%= %>`, layouts, blocks
 * and partials across the folders, and `url(name, kwargs)` in every template. Outside debug each
 * name is found, read and compiled once; in debug every render reads the files again.
 */
export class EtaEngine implements TemplateEngine {
  /** The template folders, absolute, in search order. */
  readonly dirs: readonly string[]
  readonly debug: boolean
  /** The Eta instance (one per engine). */
  readonly eta: Eta
  readonly #loader: TemplateLoader
  readonly #compiled = new Map<string, Compiled | null>()

  constructor(options: EtaEngineOptions) {
    this.debug = options.debug ?? false
    const defaultExtension = options.defaultExtension ?? '.eta'
    const fileSystem = options.fileSystem ?? nodeFileSystem
    this.#loader = new TemplateLoader({ dirs: options.dirs, cache: !this.debug, defaultExtension, fileSystem })
    this.dirs = this.#loader.dirs
    this.eta = new LoaderEta(this.#loader, {
      autoEscape: true,
      cache: !this.debug,
      debug: this.debug,
      defaultExtension,
      functionHeader: 'const url = (name, kwargs) => this.url(name, kwargs, options); const safeUrl = this.safeUrl;',
    })
  }

  /**
   * Render the first of `names` that exists with `context`; `TemplateDoesNotExist` when none
   * does. Synchronous, but for a template using `await`, which gives a promise.
   */
  render(
    names: readonly string[],
    context: Record<string, unknown>,
    options: RenderOptions = {},
  ): RenderedTemplate | Promise<RenderedTemplate> {
    for (const templateName of names) {
      const template = this.#template(templateName)
      if (!template) continue
      // The compiled function called as Eta's render() calls it, without its copy of the options.
      const etaOptions = { filepath: template.file, request: options.request, async: template.async }
      const content = template.fn.call(this.eta, context, etaOptions) as string | Promise<string>
      if (!template.async) return { templateName, content: content as string }
      return Promise.resolve(content).then((text) => ({ templateName, content: text }))
    }
    throw new TemplateDoesNotExist(names, this.dirs)
  }

  /**
   * Compile every template the folders hold (when the file system can list them), so that a
   * syntax error fails now, naming the template and line; `bootstrap()` calls this outside
   * debug. A name missing at render time is still `TemplateDoesNotExist` then, as in Django.
   */
  prepare(): void {
    for (const name of this.#loader.names()) this.#template(name)
  }

  /** Forget every name found and template compiled, so the next render reads the files again. */
  clearCache(): void {
    this.#compiled.clear()
    this.#loader.clear()
    this.eta.templatesAsync.reset()
    this.eta.templatesSync.reset()
  }

  #template(name: string): Compiled | undefined {
    const known = this.#compiled.get(name)
    if (known !== undefined) return known ?? undefined
    const file = this.#loader.find(name)
    const compiled = file === undefined ? null : this.#compile(file)
    if (!this.debug) this.#compiled.set(name, compiled)
    return compiled ?? undefined
  }

  #compile(file: string): Compiled {
    const source = this.#loader.read(file)
    const async = AWAIT.test(source)
    const fn = this.eta.compile(source, { async, filepath: file })
    // Eta's own cache, where includes and layouts look first: they need not compile it again.
    if (!this.debug) (async ? this.eta.templatesAsync : this.eta.templatesSync).define(file, fn)
    return { file, fn, async }
  }
}

/**
 * `options` with an `EtaEngine` as `templates.engine` when they name templates but no engine:
 * how the `manouche` package makes Eta the default of `bootstrap()` and of the test client.
 */
export function withEta<O extends { templates?: TemplateOptions }>(options: O): O {
  const { templates } = options
  if (!templates || templates.engine !== undefined) return options
  return { ...options, templates: { ...templates, engine: (settings: TemplateSettings) => new EtaEngine(settings) } }
}
