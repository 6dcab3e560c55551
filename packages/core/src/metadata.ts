// The one module of @manouche/core that calls Reflect.*: the metadata the decorators store,
// and the registry of every class decorated with @View, in the order they were decorated.
import 'reflect-metadata'

/** One `@View(route, { name })` on a class. */
export interface RouteMetadata {
  route: string
  name?: string
}

const kRoutes = Symbol('manouche:routes')
const kDefaults = Symbol('manouche:defaults')
const kCsrfExempt = Symbol('manouche:csrf-exempt')
const kFrameOptions = Symbol('manouche:x-frame-options')
const decorated: Function[] = []

/** Record that `target` serves `route`; the first route of a class also registers the class. */
export function addRoute(target: Function, route: RouteMetadata): void {
  const own: RouteMetadata[] | undefined = Reflect.getOwnMetadata(kRoutes, target)
  if (own) own.unshift(route)
  else {
    Reflect.defineMetadata(kRoutes, [route], target)
    decorated.push(target)
  }
}

/** The routes declared on `target` itself (not inherited), in source order. */
export function getRoutes(target: Function): readonly RouteMetadata[] {
  return Reflect.getOwnMetadata(kRoutes, target) ?? []
}

/** Every class decorated with @View so far, in decoration order. */
export function decoratedViews(): readonly Function[] {
  return decorated
}

/** Give instances of `target` (and its subclasses) `value` for `key` unless they set one themselves. */
export function setAttributeDefault(target: Function, key: string, value: unknown): void {
  const own: Record<string, unknown> = Reflect.getOwnMetadata(kDefaults, target) ?? {}
  Reflect.defineMetadata(kDefaults, { ...own, [key]: value }, target)
}

/** The attribute defaults decorators gave `target` and its ancestors; the nearest wins. */
export function getAttributeDefaults(target: Function): Readonly<Record<string, unknown>> {
  const chain: Record<string, unknown>[] = []
  for (let c: Function | null = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const own = Reflect.getOwnMetadata(kDefaults, c)
    if (own) chain.unshift(own)
  }
  return Object.assign({}, ...chain)
}

/**
 * Whether tsyringe can learn what `target`'s constructor takes: TypeScript emitted its parameter
 * types, or its parameters carry `@inject(token)` (all a build without decorator metadata has).
 */
export function hasInjectionInfo(target: Function): boolean {
  return Reflect.hasOwnMetadata('design:paramtypes', target) || Reflect.hasOwnMetadata('injectionTokens', target)
}

/** Exempt `target` (a view class, its subclasses, or a view function) from the CSRF check. */
export function setCsrfExempt(target: Function): void {
  Reflect.defineMetadata(kCsrfExempt, true, target)
}

/** Whether `target` or an ancestor was marked with `setCsrfExempt()`. */
export function isCsrfExempt(target: Function): boolean {
  return Reflect.getMetadata(kCsrfExempt, target) === true
}

/** A view class's own `X-Frame-Options`: a value, or `'exempt'` for none at all. */
export type FrameOptions = 'DENY' | 'SAMEORIGIN' | 'exempt'

/** Give `target` (and its subclasses, unless they say otherwise) `value` for `X-Frame-Options`. */
export function setFrameOptions(target: Function, value: FrameOptions): void {
  Reflect.defineMetadata(kFrameOptions, value, target)
}

/** The `X-Frame-Options` the nearest of `target` and its ancestors asked for, if any. */
export function getFrameOptions(target: Function): FrameOptions | undefined {
  return Reflect.getMetadata(kFrameOptions, target)
}
