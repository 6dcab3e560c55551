/**
 * A class constructor, possibly abstract, whose instances are `T`: the constraint every mixin
 * factory puts on the class it extends (`<TBase extends Constructor<BaseView>>`).
 */
// biome-ignore lint/suspicious/noExplicitAny: TypeScript's mixin pattern requires exactly `...args: any[]`
export type Constructor<T = object> = abstract new (...args: any[]) => T
