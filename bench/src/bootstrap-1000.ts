// bootstrap() of 1,000 generated @View classes: how long it takes and what it keeps in memory.
import 'reflect-metadata'
import { bootstrap, Template, TemplateView, View, type ViewConstructor } from 'manouche'
import { templatesDir } from './fixtures.js'

const COUNT = 1000

function makeViews(): ViewConstructor[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const cls = { [`Page${i}View`]: class extends TemplateView {} }[`Page${i}View`] as typeof TemplateView
    const route = i % 2 ? `/section-${i % 50}/page-${i}/<int:pk>/` : `/section-${i % 50}/page-${i}/`
    return Template('page.html')(View(route, { name: `page-${i}` })(cls))
  })
}

const views = makeViews()
global.gc?.()
const before = process.memoryUsage()
const started = performance.now()
const app = await bootstrap({ views, templates: { dirs: [templatesDir] } })
const ms = performance.now() - started
global.gc?.()
const after = process.memoryUsage()
const check = await app.inject({ url: '/section-1/page-1/7/' })
await app.close()
if (check.statusCode !== 200) throw new Error(`a generated view answered ${check.statusCode}`)
const mib = (n: number) => Math.round((n / 1048576) * 10) / 10
console.log(
  JSON.stringify({
    views: COUNT,
    bootstrapMs: Math.round(ms),
    heapDeltaMiB: mib(after.heapUsed - before.heapUsed),
    rssMiB: mib(after.rss),
  }),
)
