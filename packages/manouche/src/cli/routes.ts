// `manouche routes`: every URL pattern of the application, in the order they are tried.
import type { BaseView, UrlConf } from '@manouche/core'

/** One row of `manouche routes`. */
export interface RouteInfo {
  /** The route with its leading slash: `/books/<int:pk>/`. */
  route: string
  name: string | null
  /** The view class (or function) name. */
  view: string
  /** The methods the view answers, upper case; null for a plain function view (it sees every method). */
  methods: string[] | null
  /** Each route parameter and its converter: `{ pk: 'int' }`. */
  converters: Record<string, string>
}

const ROUTE_PARAM = /<(?:([^>:]+):)?([^>]+)>/g

/** Describe every pattern of `urlconf`, in order. */
export function describeRoutes(urlconf: UrlConf): RouteInfo[] {
  return urlconf.patterns.map((pattern) => {
    const converters: Record<string, string> = {}
    for (const match of pattern.route.matchAll(ROUTE_PARAM)) converters[match[2] as string] = match[1] ?? 'str'
    const cls = pattern.view.viewClass as typeof BaseView | undefined
    return {
      route: `/${pattern.route}`,
      name: pattern.name ?? null,
      view: pattern.viewName,
      methods: cls ? methodsOf(cls) : null,
      converters,
    }
  })
}

/** The methods instances of `cls` answer, as `allowedMethods()` lists them (HEAD follows GET). */
function methodsOf(cls: typeof BaseView): string[] {
  const proto = cls.prototype as unknown as Record<string, unknown>
  const answers = (m: string) => typeof proto[m] === 'function' || (m === 'head' && typeof proto.get === 'function')
  return cls.httpMethodNames.filter(answers).map((m) => m.toUpperCase())
}

/** The rows as an aligned text table. */
export function formatRoutes(routes: readonly RouteInfo[]): string {
  const rows = [
    ['ROUTE', 'NAME', 'VIEW', 'METHODS', 'CONVERTERS'],
    ...routes.map((r) => [
      r.route,
      r.name ?? '-',
      r.view,
      r.methods?.join(',') ?? '(any)',
      Object.entries(r.converters)
        .map(([name, converter]) => `${name}:${converter}`)
        .join(' ') || '-',
    ]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
