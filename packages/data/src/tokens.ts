/**
 * Dependency injection of QuerySets: `querySetToken(Book)` is the tsyringe token under which
 * Book's QuerySet is registered, so a view with `model = Book` finds it through the request's
 * container, and a test's child container can register another QuerySet in its place.
 */
import type { DependencyContainer, InjectionToken } from 'tsyringe'
import type { ModelClass } from './model.js'
import type { QuerySet } from './queryset.js'

/** Anything that hands out a QuerySet per model, such as a SqlDatabase. */
export interface QuerySetSource {
  querySet<T>(model: ModelClass<T>): QuerySet<T>
}

const tokens = new WeakMap<ModelClass, symbol>()

/** Return the DI token of a model's QuerySet: the same symbol every time for the same class. */
export function querySetToken<T>(model: ModelClass<T>): InjectionToken<QuerySet<T>> {
  let token = tokens.get(model)
  if (!token) {
    token = Symbol(`QuerySet<${model.name}>`)
    tokens.set(model, token)
  }
  return token
}

/** Register `source.querySet(M)` under `querySetToken(M)` for each model; returns the container. */
export function registerQuerySets(
  container: DependencyContainer,
  source: QuerySetSource,
  models: readonly ModelClass[],
): DependencyContainer {
  for (const model of models) container.register(querySetToken(model), { useValue: source.querySet(model) })
  return container
}
