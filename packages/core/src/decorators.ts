import { ImproperlyConfigured } from './errors.js'
import { addRoute, setAttributeDefault, setCsrfExempt, setFrameOptions } from './metadata.js'
import type { BaseView } from './view.js'

/** Any class whose instances are views, whatever its constructor takes. */
export type ViewConstructor = abstract new (...args: never[]) => BaseView

/** The options of `@View`. */
export interface ViewOptions {
  /** The name `reverse()` and templates' `url()` know the route by. */
  name?: string
}

/**
 * Serve the decorated class at `route` (Django's route syntax, leading slash optional);
 * `bootstrap()` finds it. A class may carry several.
 */
export function View(route: string, options: ViewOptions = {}): <C extends ViewConstructor>(target: C) => C {
  return (target) => {
    addRoute(target, { route, name: options.name })
    return target
  }
}

/** Set the class's `templateName` (a subclass or `asView()` may still change it). */
export function Template(name: string): <C extends ViewConstructor>(target: C) => C {
  return (target) => {
    setAttributeDefault(target, 'templateName', name)
    return target
  }
}

/**
 * Exempt the decorated view class (and its subclasses) from the CSRF check; also takes a view
 * function: `CsrfExempt()(fn)`. Django: csrf_exempt
 */
export function CsrfExempt(): <T extends Function>(target: T) => T {
  return (target) => {
    setCsrfExempt(target)
    return target
  }
}

/**
 * Send `X-Frame-Options: DENY` or `SAMEORIGIN` on the decorated view class's responses (and its
 * subclasses'), whatever `bootstrap({ security: { xFrameOptions } })` says; a response that sets
 * the header itself keeps its own. Django: xframe_options_deny, xframe_options_sameorigin
 */
export function XFrameOptions(value: 'DENY' | 'SAMEORIGIN'): <C extends ViewConstructor>(target: C) => C {
  return (target) => {
    if (value !== 'DENY' && value !== 'SAMEORIGIN') {
      throw new ImproperlyConfigured(
        `@XFrameOptions on ${target.name}: the value must be 'DENY' or 'SAMEORIGIN', not '${String(value)}'.`,
      )
    }
    setFrameOptions(target, value)
    return target
  }
}

/**
 * Send no `X-Frame-Options` on the decorated view class's responses (and its subclasses'), so
 * that any site may frame its pages; a response that sets the header itself keeps it.
 * Django: xframe_options_exempt
 */
export function XFrameOptionsExempt(): <C extends ViewConstructor>(target: C) => C {
  return (target) => {
    setFrameOptions(target, 'exempt')
    return target
  }
}
