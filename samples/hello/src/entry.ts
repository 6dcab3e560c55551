// The entry file the `manouche` command loads (package.json "manouche.app").
import type { BootstrapOptions } from '@manouche/core'
import { AsyncView, GreetView } from './views.js'

/** The options of bootstrap(): the two views, no templates. */
export default { views: [AsyncView, GreetView] } satisfies BootstrapOptions
