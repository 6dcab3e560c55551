// The entry file the `manouche` command loads (package.json "manouche.app").
import type { BootstrapOptions } from '@manouche/core'
import { TEMPLATES } from './app.js'
import { urlpatterns } from './urls.js'
import { AboutView } from './views.js'

/** The options of bootstrap(): both seed forms and the template folder (Eta, the manouche default). */
export default { views: [AboutView], urlpatterns, templates: { dirs: [TEMPLATES] } } satisfies BootstrapOptions
