import { type Converter, getConverter } from './converters.js'
import type { ViewConstructor } from './decorators.js'
import { errors, NoReverseMatch } from './errors.js'
import { decoratedViews, getRoutes } from './metadata.js'
import type { Kwargs } from './request.js'
import type { ViewClass } from './view.js'
import type { ViewCallable } from './view-types.js'

/** The options of `path()`. */
export interface PathOptions {
  name?: string
}

interface Param {
  name: string
  converter: Converter
  /** The converter's regex, anchored: what a reversed value must match. */
  exact: RegExp
}

const ROUTE_PARAM = /<(?:([^>:]+):)?([^>]+)>/g
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One route and the view it leads to, compiled once. Django: URLPattern */
export class URLPattern {
  /** The route in Django's syntax, without a leading slash. */
  readonly route: string
  /** The view function the route leads to. */
  readonly view: ViewCallable
  /** The name `reverse()` knows it by, namespaces included (`books:detail`). */
  readonly name: string | undefined
  /** The compiled route, anchored, matched against the decoded path. */
  readonly regex: RegExp
  readonly #params: Param[] = []
  readonly #parts: (string | Param)[] = []

  constructor(route: string, view: ViewCallable, options: PathOptions = {}) {
    this.route = route.replace(/^\/+/, '')
    this.view = view
    this.name = options.name
    let source = '^/'
    let last = 0
    for (const match of this.route.matchAll(ROUTE_PARAM)) {
      const param = this.#param(match[1] ?? 'str', match[2])
      this.#addStatic(this.route.slice(last, match.index))
      this.#parts.push(param)
      this.#params.push(param)
      last = match.index + match[0].length
    }
    this.#addStatic(this.route.slice(last))
    for (const part of this.#parts) source += typeof part === 'string' ? escapeRegex(part) : `(${part.converter.regex})`
    this.regex = new RegExp(`${source}$`)
  }

  /** The class (or function) name of the view, for messages. */
  get viewName(): string {
    return this.view.viewClass?.name ?? (this.view.name || 'view')
  }

  /** Whether the route has no converters. */
  get isStatic(): boolean {
    return this.#params.length === 0
  }

  /** The route's first segment when it holds no converter (`books` for `books/<int:pk>/`), else undefined. */
  get firstSegment(): string | undefined {
    const segment = this.route.split('/', 1)[0] as string
    return segment.includes('<') ? undefined : segment
  }

  /** The route with kwarg names left out: two routes with the same shape serve the same URLs. */
  get shape(): string {
    return this.route.replace(ROUTE_PARAM, (_all, conv) => `<${conv ?? 'str'}>`)
  }

  /** The converted kwargs when `path` (decoded, with leading slash) matches, else undefined. */
  match(path: string): Kwargs | undefined {
    const found = this.regex.exec(path)
    if (!found) return undefined
    const kwargs: Kwargs = {}
    for (let i = 0; i < this.#params.length; i++) {
      const param = this.#params[i] as Param
      try {
        kwargs[param.name] = param.converter.toValue(found[i + 1] as string)
      } catch {
        return undefined
      }
    }
    return kwargs
  }

  /** The URL for `kwargs`, or undefined when they do not fit this route. */
  reverse(kwargs: Kwargs): string | undefined {
    const names = Object.keys(kwargs)
    if (names.length !== this.#params.length || !this.#params.every((p) => p.name in kwargs)) return undefined
    let url = '/'
    for (const part of this.#parts) {
      if (typeof part === 'string') url += part
      else {
        const text = part.converter.toUrl(kwargs[part.name])
        if (!part.exact.test(text)) return undefined
        url += encodeURIComponent(text).replace(/%2F/g, '/')
      }
    }
    return url
  }

  #param(converterName: string, name: string): Param {
    const converter = getConverter(converterName)
    if (!converter) throw errors.invalidConverter(this.route, converterName)
    if (!IDENTIFIER.test(name)) throw errors.invalidParameter(this.route, name)
    return { name, converter, exact: new RegExp(`^(?:${converter.regex})$`) }
  }

  #addStatic(text: string): void {
    if (text) this.#parts.push(text)
  }
}

/** A group of patterns under a route prefix, optionally namespaced. Django: include() */
export interface URLInclude {
  /** The route prefix, without a leading slash. */
  readonly prefix: string
  /** The patterns mounted under it. */
  readonly patterns: readonly URLEntry[]
  /** The namespace their names get (`books` gives `books:detail`). */
  readonly namespace: string | undefined
}

/** What a URLconf list holds. */
export type URLEntry = URLPattern | URLInclude

/** Route `route` to `view`, named `name` for `reverse()`. Django: path() */
export function path(route: string, view: ViewCallable, options: PathOptions = {}): URLPattern {
  return new URLPattern(route, view, options)
}

/** Mount `patterns` under `prefix`; their names become `namespace:name`. Django: include() */
export function include(
  prefix: string,
  patterns: readonly URLEntry[],
  options: { namespace?: string } = {},
): URLInclude {
  return { prefix: prefix.replace(/^\/+/, ''), patterns, namespace: options.namespace }
}

/** Flatten includes into plain patterns with full routes and namespaced names. */
export function flattenPatterns(entries: readonly URLEntry[], prefix = '', namespace = ''): URLPattern[] {
  return entries.flatMap((entry) => {
    if (entry instanceof URLPattern) {
      const name = entry.name === undefined ? undefined : namespace + entry.name
      return [new URLPattern(prefix + entry.route, entry.view, { name })]
    }
    const ns = entry.namespace === undefined ? namespace : `${namespace}${entry.namespace}:`
    return flattenPatterns(entry.patterns, prefix + entry.prefix, ns)
  })
}

/** A match of a path against a URLconf. */
export interface ResolverMatch {
  pattern: URLPattern
  kwargs: Kwargs
}

/** An application's URL patterns: checked once, then resolved and reversed. Django: URLResolver */
export class UrlConf {
  /** Every pattern, includes flattened, in the order they are tried. */
  readonly patterns: readonly URLPattern[]
  readonly #byName = new Map<string, URLPattern>()
  readonly #namespaces = new Set<string>()
  readonly #router: Router

  constructor(entries: readonly URLEntry[]) {
    this.patterns = flattenPatterns(entries)
    const byShape = new Map<string, URLPattern>()
    for (const pattern of this.patterns) {
      const twin = byShape.get(pattern.shape)
      if (twin) throw errors.duplicateRoute(`/${pattern.route}`, twin.viewName, pattern.viewName)
      byShape.set(pattern.shape, pattern)
      if (pattern.name === undefined) continue
      const named = this.#byName.get(pattern.name)
      if (named) throw errors.duplicateName(pattern.name, named.viewName, pattern.viewName)
      this.#byName.set(pattern.name, pattern)
      const parts = pattern.name.split(':')
      for (let i = 1; i < parts.length; i++) this.#namespaces.add(parts.slice(0, i).join(':'))
    }
    this.#router = new Router(this.patterns)
  }

  /** The first pattern matching `path` (decoded, leading slash) and its kwargs. Django: resolve() */
  resolve(path: string): ResolverMatch | undefined {
    return this.#router.resolve(path)
  }

  /** The URL of the route named `name` with `kwargs` filled in. Django: reverse() */
  reverse(name: string, kwargs: Kwargs = {}): string {
    const pattern = this.#byName.get(name)
    const url = pattern?.reverse(kwargs)
    if (url !== undefined) return url
    if (!pattern) {
      const namespace = name.includes(':') ? name.slice(0, name.lastIndexOf(':')) : undefined
      if (namespace !== undefined && !this.#namespaces.has(namespace)) {
        throw new NoReverseMatch(`'${namespace}' is not a registered namespace`)
      }
      throw new NoReverseMatch(
        `Reverse for '${name}' not found. '${name}' is not a valid view function or pattern name.`,
      )
    }
    throw new NoReverseMatch(
      `Reverse for '${name}' with keyword arguments '${JSON.stringify(kwargs)}' not found. 1 pattern(s) tried: ['${pattern.route}']`,
    )
  }
}

interface Indexed {
  index: number
  pattern: URLPattern
}

/** A route without converters; `first` when no pattern with converters before it can match its path. */
interface Fixed extends Indexed {
  first: boolean
}

/**
 * Finds the first pattern, in URLconf order, that matches a path without trying them all: routes
 * without converters are one Map lookup, the others are bucketed by their first segment.
 */
class Router {
  readonly #fixed = new Map<string, Fixed>()
  readonly #buckets = new Map<string, Indexed[]>()
  readonly #anySegment: Indexed[] = []

  constructor(patterns: readonly URLPattern[]) {
    const bySegment = new Map<string, Indexed[]>()
    for (const [index, pattern] of patterns.entries()) {
      const entry = { index, pattern }
      const segment = pattern.firstSegment
      if (pattern.isStatic) {
        if (!this.#fixed.has(`/${pattern.route}`)) this.#fixed.set(`/${pattern.route}`, { ...entry, first: false })
      } else if (segment === undefined) this.#anySegment.push(entry)
      else bySegment.set(segment, [...(bySegment.get(segment) ?? []), entry])
    }
    // Each bucket also holds the patterns whose first segment is a converter, in URLconf order.
    for (const [segment, entries] of bySegment) {
      this.#buckets.set(
        segment,
        [...entries, ...this.#anySegment].sort((a, b) => a.index - b.index),
      )
    }
    // A fixed route that no earlier pattern with converters could take from it is answered by
    // its lookup alone: most requests then build and hash no first-segment string.
    for (const [path, fixed] of this.#fixed) {
      fixed.first = this.#candidates(path).every((entry) => entry.index > fixed.index)
    }
  }

  /** The patterns with converters that may match `path`, in URLconf order. */
  #candidates(path: string): readonly Indexed[] {
    const end = path.indexOf('/', 1)
    return this.#buckets.get(path.slice(1, end === -1 ? undefined : end)) ?? this.#anySegment
  }

  resolve(path: string): ResolverMatch | undefined {
    const fixed = this.#fixed.get(path)
    if (fixed?.first) return { pattern: fixed.pattern, kwargs: {} }
    const before = fixed ? fixed.index : Number.POSITIVE_INFINITY
    for (const { index, pattern } of this.#candidates(path)) {
      if (index > before) break
      const kwargs = pattern.match(path)
      if (kwargs) return { pattern, kwargs }
    }
    return fixed && { pattern: fixed.pattern, kwargs: {} }
  }
}

/** Turn @View classes into URL patterns, one per `@View` they carry. */
export function patternsFromViews(views: readonly ViewConstructor[]): URLPattern[] {
  return views.flatMap((cls) =>
    getRoutes(cls).map((route) => path(route.route, (cls as unknown as ViewClass).asView(), { name: route.name })),
  )
}

/**
 * The URL of the route named `name` (`'books:detail'` inside a namespace) with `kwargs`; throws
 * `NoReverseMatch` when no route fits. Reverses with `options.urlconf` (in a view,
 * `this.request.urlconf`: the application's); without one, with the routes of every @View class
 * imported so far. Django: reverse()
 */
export function reverse(name: string, kwargs: Kwargs = {}, options: { urlconf?: UrlConf } = {}): string {
  if (options.urlconf) return options.urlconf.reverse(name, kwargs)
  try {
    return new UrlConf(patternsFromViews(decoratedViews() as ViewConstructor[])).reverse(name, kwargs)
  } catch (error) {
    if (!(error instanceof NoReverseMatch)) throw error
    throw new NoReverseMatch(
      `${error.message} Without a URLconf, reverse() knows only the @View classes imported so far: pass { urlconf: request.urlconf } for the routes of an application.`,
      { cause: error },
    )
  }
}
