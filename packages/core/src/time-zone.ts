/**
 * The application's time zone (`bootstrap({ timeZone })`, UTC by default): what "today" is, and
 * where a day, a week, a month or a year begins for the date views and `dates()`. Built on the
 * zone rules Node ships with `Intl`; nothing here holds a table of its own.
 */
import type { DependencyContainer, InjectionToken } from 'tsyringe'
import { ImproperlyConfigured } from './errors.js'

const DAY = 86_400_000

/**
 * An IANA time zone (`'Europe/Paris'`, `'UTC'`). Its calendar days are handled as `Date`s at
 * midnight UTC of that day (the same calendar arithmetic whatever the zone); `dayOf()` and
 * `startOf()` convert between them and instants.
 */
export class TimeZone {
  /** The zone's IANA name, as Intl spells it. */
  readonly name: string
  /** True for UTC (and its aliases): its days begin at midnight UTC. */
  readonly isUtc: boolean
  readonly #format: Intl.DateTimeFormat

  /** The zone named `name`; an `ImproperlyConfigured` for a name Node does not know. */
  constructor(name: string) {
    let format: Intl.DateTimeFormat
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new ImproperlyConfigured(`'${name}' is no time zone: give an IANA name such as 'Europe/Paris', or 'UTC'.`)
    }
    this.#format = format
    this.name = format.resolvedOptions().timeZone
    this.isUtc = /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)$/.test(this.name)
  }

  /** The calendar day `instant` falls on in this zone, as a `Date` at midnight UTC of that day. */
  dayOf(instant: Date): Date {
    const time = instant.getTime() + (this.isUtc ? 0 : this.#offset(instant.getTime()))
    return new Date(time - (((time % DAY) + DAY) % DAY))
  }

  /** The instant `day` (a `Date` at midnight UTC of a calendar day) begins in this zone. */
  startOf(day: Date): Date {
    if (this.isUtc) return day
    const wall = day.getTime()
    // The offset at the guess, then at the instant it gives: right on both sides of a change.
    let instant = wall - this.#offset(wall)
    instant = wall - this.#offset(instant)
    return new Date(instant)
  }

  /** How far this zone's clock is ahead of UTC at `time`, in milliseconds. */
  #offset(time: number): number {
    const wall: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {}
    for (const part of this.#format.formatToParts(time)) wall[part.type] = Number(part.value)
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wall
    const asUtc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
    asUtc.setUTCFullYear(year)
    return asUtc.getTime() - (time - (((time % 1000) + 1000) % 1000))
  }
}

/** Coordinated Universal Time, the default zone. */
export const UTC = new TimeZone('UTC')

/** The DI token of the application's time zone (registered by `bootstrap()`). */
export const timeZoneToken: InjectionToken<TimeZone> = Symbol('manouche.timeZone')

/** The time zone registered in `container` (or its ancestors), else UTC. */
export function timeZoneOf(container: DependencyContainer): TimeZone {
  return container.isRegistered(timeZoneToken, true) ? container.resolve(timeZoneToken) : UTC
}
