import * as nodePath from 'node:path'
import { type BootstrapOptions, bootstrap } from '@manouche/core'
import { EtaEngine } from '@manouche/templates'
import { urlpatterns } from './urls.js'
import { AboutView } from './views.js'

/** The sample's template folder (samples/about/templates, next to dist/). */
export const TEMPLATES = nodePath.resolve(import.meta.dirname, '../templates')

/** Build the about sample: both seed forms, one template folder. */
export function createApp(options: Pick<BootstrapOptions, 'debug' | 'fastify'> = {}): ReturnType<typeof bootstrap> {
  return bootstrap({
    views: [AboutView],
    urlpatterns,
    templates: { dirs: [TEMPLATES], engine: (settings) => new EtaEngine(settings) },
    ...options,
  })
}
