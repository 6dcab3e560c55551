// The application's time zone (issue 15): which calendar day an instant falls on, and the instant
// a day begins, across daylight-saving changes; bootstrap({ timeZone }) checks the name at once.
import { bootstrap, ImproperlyConfigured, TimeZone, timeZoneOf, timeZoneToken } from '@manouche/core'
import { expect } from 'chai'
import { container } from 'tsyringe'

const iso = (date: Date) => date.toISOString()
const day = (text: string) => new Date(`${text}T00:00:00Z`)

describe('TimeZone', () => {
  it('tells the calendar day an instant falls on, as midnight UTC of that day', () => {
    const newYork = new TimeZone('America/New_York')
    expect(iso(newYork.dayOf(new Date('2024-03-01T03:00:00Z')))).to.equal('2024-02-29T00:00:00.000Z')
    expect(iso(newYork.dayOf(new Date('2024-03-01T05:00:00Z')))).to.equal('2024-03-01T00:00:00.000Z')
    const tokyo = new TimeZone('Asia/Tokyo')
    expect(iso(tokyo.dayOf(new Date('2023-12-31T15:00:00Z')))).to.equal('2024-01-01T00:00:00.000Z')
    expect(iso(tokyo.dayOf(new Date('2023-12-31T14:59:59.999Z')))).to.equal('2023-12-31T00:00:00.000Z')
  })

  it('gives the instant a day begins, on both sides of a daylight-saving change', () => {
    const newYork = new TimeZone('America/New_York')
    expect(iso(newYork.startOf(day('2024-03-10')))).to.equal('2024-03-10T05:00:00.000Z') // EST, clocks go forward at 2:00
    expect(iso(newYork.startOf(day('2024-03-11')))).to.equal('2024-03-11T04:00:00.000Z') // EDT: a 23-hour day before
    expect(iso(newYork.startOf(day('2024-11-03')))).to.equal('2024-11-03T04:00:00.000Z') // EDT, back at 2:00
    expect(iso(newYork.startOf(day('2024-11-04')))).to.equal('2024-11-04T05:00:00.000Z') // a 25-hour day before
    const paris = new TimeZone('Europe/Paris')
    expect(iso(paris.startOf(day('2024-07-14')))).to.equal('2024-07-13T22:00:00.000Z')
  })

  it('is UTC by default, and the identity there', () => {
    const utc = timeZoneOf(container.createChildContainer())
    expect([utc.name, utc.isUtc]).to.deep.equal(['UTC', true])
    const instant = new Date('2024-03-01T23:59:59.999Z')
    expect(iso(utc.dayOf(instant))).to.equal('2024-03-01T00:00:00.000Z')
    expect(utc.startOf(day('2024-03-01'))).to.deep.equal(day('2024-03-01'))
    expect(new TimeZone('Europe/London').isUtc).to.equal(false)
  })

  it('refuses a name that is no time zone, saying what to give', () => {
    expect(() => new TimeZone('Mars/Olympus')).to.throw(
      ImproperlyConfigured,
      "'Mars/Olympus' is no time zone: give an IANA name such as 'Europe/Paris', or 'UTC'.",
    )
  })
})

describe('bootstrap({ timeZone })', () => {
  it('registers the zone in the application container, UTC when none is given', async () => {
    const paris = await bootstrap({ views: [], timeZone: 'Europe/Paris' })
    const plain = await bootstrap({ views: [] })
    try {
      expect(paris.manouche.container.resolve(timeZoneToken).name).to.equal('Europe/Paris')
      expect(timeZoneOf(plain.manouche.container).name).to.equal('UTC')
    } finally {
      await Promise.all([paris.close(), plain.close()])
    }
  })

  it('fails at once on a name that is no time zone, naming the option', async () => {
    let error: unknown
    try {
      await bootstrap({ views: [], timeZone: 'Europe/Atlantis' })
    } catch (caught) {
      error = caught
    }
    expect(error).to.be.instanceOf(ImproperlyConfigured)
    expect((error as Error).message).to.equal(
      "bootstrap(): timeZone 'Europe/Atlantis' is no time zone: give an IANA name such as 'Europe/Paris', or 'UTC'.",
    )
  })
})
