// The bootstrap-time extension point: a plugin looks at the application once, at bootstrap(),
// and wraps the views that need it. An application whose plugins wrap nothing serves its
// requests exactly as one without plugins.
import type { BootstrapOptions, ManoucheApp } from './bootstrap.js'
import type { URLPattern } from './urls.js'
import type { ViewCallable } from './view-types.js'

/** What a plugin is shown at `bootstrap()`. */
export interface PluginSetup {
  /** The options `bootstrap()` was given (a plugin reads its own from them). */
  readonly options: BootstrapOptions
  /** The application being built: its container, URLconf and `debug`. */
  readonly app: ManoucheApp
}

/** What a plugin's `setup()` gives back: nothing, or a wrapper for the views it serves. */
export interface PluginHooks {
  /**
   * The view to call instead of `view` for `pattern`, or `view` itself to leave it alone; called
   * once per pattern at `bootstrap()`. A wrapper's response is rendered, if it is not yet, and sent.
   */
  wrapView?(view: ViewCallable, pattern: URLPattern): ViewCallable
}

/**
 * A bootstrap-time extension of the application: `bootstrap({ plugins: [authPlugin()] })`.
 * `setup()` runs once, in order, and throws `ImproperlyConfigured` for a mistake it can see then.
 */
export interface ManouchePlugin {
  /** A short name, for messages. */
  readonly name: string
  setup(setup: PluginSetup): PluginHooks | undefined
}

/** The wrapped view of each pattern some plugin wraps; undefined when none wraps any. */
export function wrapViews(
  plugins: readonly ManouchePlugin[],
  setup: PluginSetup,
): ReadonlyMap<ViewCallable, ViewCallable> | undefined {
  const hooks = plugins.map((plugin) => plugin.setup(setup)).filter((h) => h?.wrapView !== undefined)
  if (hooks.length === 0) return undefined
  const wrapped = new Map<ViewCallable, ViewCallable>()
  for (const pattern of setup.app.urlconf.patterns) {
    let view = pattern.view
    for (const hook of hooks) view = (hook as Required<PluginHooks>).wrapView(view, pattern)
    if (view !== pattern.view) wrapped.set(pattern.view, view)
  }
  return wrapped.size > 0 ? wrapped : undefined
}
