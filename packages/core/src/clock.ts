/**
 * "Now", as the application's DI container tells it: date views read today's date through
 * `clockToken`, so a test or an application can fix it (`container.register(clockToken,
 * { useValue: { now: () => new Date('2024-05-01T12:00:00Z') } })`). The system clock otherwise.
 */
import type { DependencyContainer, InjectionToken } from 'tsyringe'

/** Something that tells the current time. */
export interface Clock {
  now(): Date
}

/** The DI token of the application's clock. */
export const clockToken: InjectionToken<Clock> = Symbol('manouche.clock')

/** The machine's clock, used when nothing is registered under `clockToken`. */
export const systemClock: Clock = { now: () => new Date() }

/** The clock registered in `container` (or its ancestors), else the system clock. */
export function clockOf(container: DependencyContainer): Clock {
  return container.isRegistered(clockToken, true) ? container.resolve(clockToken) : systemClock
}
