// `manouche check`: every configuration mistake the application's options hold, found without
// listening — each view's asView(), the URLconf, the templates — rather than the first only.
import { existsSync, statSync } from 'node:fs'
import nodePath from 'node:path'
import {
  type BaseView,
  type BootstrapOptions,
  patternsFromViews,
  type URLPattern,
  UrlConf,
  type ViewConstructor,
} from '@manouche/core'
import { createTemplateEngine, decoratedViews, getAttributeDefaults } from '@manouche/core/internal'
import { modelMeta } from '@manouche/data'
import { withEta } from '@manouche/templates'
import { bootstrap } from '../index.js'

/** One configuration mistake: where it is (a view class, the URLconf, the templates) and what. */
export interface Problem {
  where: string
  message: string
}

/** Every problem `options` hold; none means `bootstrap(options)` succeeded too. */
export async function findProblems(options: BootstrapOptions): Promise<Problem[]> {
  const problems: Problem[] = []
  const fail = (where: string, error: unknown) => problems.push({ where, message: messageOf(error) })

  // Each view on its own: asView() checks its handlers and injection, path() its routes.
  const patterns: URLPattern[] = []
  const views = options.views ?? (decoratedViews() as ViewConstructor[])
  for (const view of views) {
    try {
      patterns.push(...patternsFromViews([view]))
    } catch (error) {
      fail(view.name, error)
    }
  }
  const accepted = urlconfProblems([...(options.urlpatterns ?? []), ...patterns], fail)

  if (options.templates) {
    const { templates } = withEta(options)
    try {
      const engine = createTemplateEngine(templates!, false)
      engine.prepare?.()
    } catch (error) {
      fail('templates', error)
    }
    for (const pattern of accepted) {
      const missing = missingTemplates(pattern, options.templates.dirs)
      if (missing) fail(pattern.viewName, missing)
    }
  }

  if (problems.length === 0) {
    // Anything else bootstrap() refuses (an engine factory that throws, Fastify's options).
    try {
      const app = await bootstrap({ ...options, fastify: { ...options.fastify, logger: false } })
      await app.close()
    } catch (error) {
      fail('bootstrap()', error)
    }
  }
  return problems
}

/**
 * The patterns that make a URLconf together. When they do not, each is added in turn to those
 * before it, so that every duplicate route and name is reported, not only the first.
 */
function urlconfProblems(
  entries: ConstructorParameters<typeof UrlConf>[0],
  fail: (where: string, error: unknown) => void,
): readonly URLPattern[] {
  try {
    return new UrlConf(entries).patterns
  } catch {
    const accepted: URLPattern[] = []
    for (const entry of entries) {
      try {
        new UrlConf([...accepted, entry])
        accepted.push(...new UrlConf([entry]).patterns)
      } catch (error) {
        fail('URLconf', error)
      }
    }
    return accepted
  }
}

/**
 * The template a view names up front that no template folder holds: its `templateName` (from
 * `@Template`, a field or `asView()`), and for list and detail views the name their model gives
 * (`books/book_list.html`); one of those must exist. Names chosen per request are not known here.
 */
function missingTemplates(pattern: URLPattern, dirs: readonly string[]): string | undefined {
  const cls = pattern.view.viewClass as (typeof BaseView & (new () => Record<string, unknown>)) | undefined
  const proto = cls?.prototype as unknown as Record<string, unknown> | undefined
  if (!cls || typeof proto?.getTemplateNames !== 'function') return undefined
  let view: Record<string, unknown>
  try {
    view = new cls()
  } catch {
    return undefined // a view built by the container: its fields are not known without it
  }
  for (const [key, value] of Object.entries(getAttributeDefaults(cls))) view[key] ??= value
  Object.assign(view, pattern.view.viewInitkwargs)
  const names: string[] = []
  if (typeof view.templateName === 'string') names.push(view.templateName)
  const meta = modelMeta(view.model)
  if (meta && typeof view.templateNameSuffix === 'string')
    names.push(`${meta.app}/${meta.name}${view.templateNameSuffix}.html`)
  if (names.length === 0 || names.some((name) => dirs.some((dir) => isFile(nodePath.resolve(dir, name))))) {
    return undefined
  }
  const tried = names.map((name) => `'${name}'`).join(' or ')
  return `${cls.name} (/${pattern.route}) renders ${tried}, which no template folder holds (searched: ${dirs.join(', ')}).`
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile()
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
