import type {
  ClassProvider,
  DependencyContainer,
  FactoryProvider,
  InjectionToken,
  TokenProvider,
  ValueProvider,
} from 'tsyringe'

/** How an override provides its token: `{ useValue }`, `{ useClass }`, `{ useFactory }` or `{ useToken }`. */
export type OverrideProvider<T> = ValueProvider<T> | ClassProvider<T> | FactoryProvider<T> | TokenProvider<T>

/**
 * One DI override: a token and what to provide in its place. With a class token the provider
 * is type-checked against the class (`[Mailer, { useValue: new FakeMailer() }]`).
 */
export type Override<T = unknown> = readonly [token: InjectionToken<T>, provider: OverrideProvider<NoInfer<T>>]

/**
 * The overrides of one test client: a list of `[token, provider]` pairs, or a function that
 * registers whatever it likes on the client's own container (tsyringe's full `register` API).
 */
export type Overrides<O extends readonly unknown[] = unknown[]> =
  | { readonly [K in keyof O]: Override<O[K]> }
  | ((container: DependencyContainer) => void)

/**
 * A child of `parent` holding `overrides`: the application of one client resolves through it,
 * so its registrations shadow the parent's without touching them.
 */
export function overrideContainer(parent: DependencyContainer, overrides: Overrides | undefined): DependencyContainer {
  const container = parent.createChildContainer()
  if (typeof overrides === 'function') {
    overrides(container)
    return container
  }
  for (const [token, provider] of overrides ?? []) container.register(token, provider as ValueProvider<unknown>)
  return container
}
