/**
 * The one file of @manouche/data that calls `Reflect.*`: it reads the `design:type` that
 * TypeScript emits for a decorated property when `emitDecoratorMetadata` is on.
 */
import 'reflect-metadata'

/** Read the constructor TypeScript recorded as a property's type (`String`, `Number`, `Date`...), if any. */
export function designType(prototype: object, property: string): unknown {
  return Reflect.getMetadata('design:type', prototype, property)
}
