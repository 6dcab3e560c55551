// Contract, part 5: the date lookups (__year, __month, __day, __week, __week_day, __range) and
// dates(field, kind, order, { timeZone }), read in UTC (or the zone given) by every backend.
import { ImproperlyConfigured, TimeZone } from '@manouche/core'
import { FieldError, type QuerySet } from '@manouche/data'
import { expect } from 'chai'
import { Book, makeBooks } from '../fixtures/books.js'
import { type Backend, idSet, rejects } from './contract.js'

/** Books at the edges of the calendar: a year's last Monday in ISO week 1, a Sunday 1 January, a leap day. */
function edgeBooks(): Book[] {
  const dated = (id: number, when: string) =>
    Object.assign(new Book(), {
      id,
      title: `Edge ${id}`,
      author: 'Edge',
      pages: id,
      publicationDate: new Date(when),
      slug: `edge-${id}`,
    })
  return [
    dated(1, '2024-12-30T23:30:00.000Z'), // Monday, ISO week 1 of 2025
    dated(2, '2023-01-01T00:00:00.000Z'), // Sunday, ISO week 52 of 2022
    dated(3, '2024-02-29T12:00:00.000Z'), // Thursday, leap day
    dated(4, '2024-12-31T00:00:00.000Z'), // Tuesday, same week as 1
  ]
}

const days = (dates: readonly Date[]) => dates.map((date) => date.toISOString().slice(0, 10))

export function datesContract(backend: Backend): void {
  let books: QuerySet<Book>
  let edges: QuerySet<Book>
  beforeEach(async () => {
    books = await backend.make(Book, makeBooks())
  })

  describe('date lookups', () => {
    it('match the year, month and day of a date', async () => {
      expect(await idSet(books.filter({ publicationDate__year: 1954 }))).to.deep.equal([1, 2])
      expect(await idSet(books.filter({ publicationDate__year: '1955' }))).to.deep.equal([3])
      expect(await idSet(books.filter({ publicationDate__month: 11 }))).to.deep.equal([2])
      expect(await idSet(books.filter({ publicationDate__day: 21 }))).to.deep.equal([6])
      expect(await idSet(books.filter({ publicationDate__year: 1954, publicationDate__month: 7 }))).to.deep.equal([1])
      expect(await idSet(books.exclude({ publicationDate__year: 1954 }))).to.deep.equal([3, 4, 5, 6])
    })

    it('match the day of the week from 1 (Sunday) to 7 (Saturday)', async () => {
      expect(await idSet(books.filter({ publicationDate__week_day: 5 }))).to.deep.equal([1, 2, 3])
      expect(await idSet(books.filter({ publicationDate__week_day: 2 }))).to.deep.equal([4])
      expect(await idSet(books.filter({ publicationDate__week_day: 3 }))).to.deep.equal([5, 6])
      expect(await books.filter({ publicationDate__week_day: 1 }).count()).to.equal(0)
    })

    it('match the ISO-8601 week, which may belong to the next or previous year', async () => {
      expect(await idSet(books.filter({ publicationDate__week: 30 }))).to.deep.equal([1])
      edges = await backend.make(Book, edgeBooks())
      expect(await idSet(edges.filter({ publicationDate__week: 1 }))).to.deep.equal([1, 4])
      expect(await idSet(edges.filter({ publicationDate__week: 52 }))).to.deep.equal([2])
      expect(await idSet(edges.filter({ publicationDate__week: 9, publicationDate__day: 29 }))).to.deep.equal([3])
      expect(await idSet(edges.filter({ publicationDate__year: 2024 }))).to.deep.equal([1, 3, 4])
      expect(await idSet(edges.filter({ publicationDate__week_day: 1 }))).to.deep.equal([2])
    })

    it('match a range of dates, both ends included', async () => {
      const range = [new Date('1954-07-29T00:00:00Z'), '1955-10-20']
      expect(await idSet(books.filter({ publicationDate__range: range }))).to.deep.equal([1, 2, 3])
    })

    it('refuse a date part of a field that is no date, and a part that is no integer', async () => {
      expect(() => books.filter({ title__year: 1954 })).to.throw(
        FieldError,
        "Unsupported lookup 'year' for field 'title'.",
      )
      expect(() => books.filter({ publicationDate__month: 'May' })).to.throw(
        FieldError,
        "Field 'publicationDate' expected an integer but got 'May'.",
      )
      expect(() => books.filter({ publicationDate__day: 1.5 })).to.throw(
        FieldError,
        "Field 'publicationDate' expected an integer but got 1.5.",
      )
    })
  })

  describe('dates()', () => {
    it('gives the distinct first days of each year, month and day, ascending by default', async () => {
      expect(days(await books.dates('publicationDate', 'year'))).to.deep.equal([
        '1885-01-01',
        '1937-01-01',
        '1954-01-01',
        '1955-01-01',
        '2021-01-01',
      ])
      expect(days(await books.filter({ publicationDate__year: 1954 }).dates('publicationDate', 'month'))).to.deep.equal(
        ['1954-07-01', '1954-11-01'],
      )
      expect(
        days(await books.filter({ author: 'J. R. R. Tolkien' }).dates('publicationDate', 'day', 'DESC')),
      ).to.deep.equal(['1955-10-20', '1954-11-11', '1954-07-29', '1937-09-21'])
    })

    it('gives Date objects at midnight UTC and starts weeks on Monday', async () => {
      edges = await backend.make(Book, edgeBooks())
      const weeks = await edges.dates('publicationDate', 'week')
      expect(weeks.every((date) => date instanceof Date)).to.equal(true)
      expect(weeks.map((date) => date.toISOString())).to.deep.equal([
        '2022-12-26T00:00:00.000Z',
        '2024-02-26T00:00:00.000Z',
        '2024-12-30T00:00:00.000Z',
      ])
      expect(days(await edges.dates('publicationDate', 'day'))).to.deep.equal([
        '2023-01-01',
        '2024-02-29',
        '2024-12-30',
        '2024-12-31',
      ])
    })

    it('truncates in a time zone: the periods of its calendar, each the instant its first day begins there', async () => {
      edges = await backend.make(Book, edgeBooks())
      const iso = (dates: readonly Date[]) => dates.map((date) => date.toISOString().slice(0, 16))
      const newYork = { timeZone: new TimeZone('America/New_York') }
      // Edge 2 (2023-01-01T00:00Z) is still 31 December 2022 in New York; edges 1 and 4 are both 30 December 2024.
      expect(iso(await edges.dates('publicationDate', 'day', 'ASC', newYork))).to.deep.equal([
        '2022-12-31T05:00',
        '2024-02-29T05:00',
        '2024-12-30T05:00',
      ])
      expect(iso(await edges.dates('publicationDate', 'month', 'DESC', newYork))).to.deep.equal([
        '2024-12-01T05:00',
        '2024-02-01T05:00',
        '2022-12-01T05:00',
      ])
      expect(iso(await edges.dates('publicationDate', 'year', 'ASC', newYork))).to.deep.equal([
        '2022-01-01T05:00',
        '2024-01-01T05:00',
      ])
      // Nine hours ahead, every edge is on the next calendar day but edge 3; weeks still start on Monday.
      const tokyo = { timeZone: 'Asia/Tokyo' }
      expect(iso(await edges.dates('publicationDate', 'day', 'ASC', tokyo))).to.deep.equal([
        '2022-12-31T15:00',
        '2024-02-28T15:00',
        '2024-12-30T15:00',
      ])
      expect(iso(await edges.dates('publicationDate', 'week', 'ASC', tokyo))).to.deep.equal([
        '2022-12-25T15:00',
        '2024-02-25T15:00',
        '2024-12-29T15:00',
      ])
      expect(iso(await edges.dates('publicationDate', 'week', 'ASC', { timeZone: 'UTC' }))).to.deep.equal(
        iso(await edges.dates('publicationDate', 'week')),
      )
    })

    it('gives nothing for an empty query', async () => {
      expect(await books.none().dates('publicationDate', 'year')).to.deep.equal([])
      expect(await books.filter({ publicationDate__year: 1000 }).dates('publicationDate', 'month')).to.deep.equal([])
    })

    it('refuses a bad kind, a bad order and a field that is no date', async () => {
      await rejects(
        books.dates('publicationDate', 'hour' as 'day'),
        FieldError,
        "'kind' must be one of 'year', 'month', 'week', or 'day'.",
      )
      await rejects(
        books.dates('publicationDate', 'day', 'down' as 'ASC'),
        FieldError,
        "'order' must be either 'ASC' or 'DESC'.",
      )
      await rejects(books.dates('title', 'day'), FieldError, "'title' isn't a DateField, TimeField, or DateTimeField.")
      await rejects(
        books.dates('publicationDate', 'day', 'ASC', { timeZone: 'Mars/Olympus' }),
        ImproperlyConfigured,
        "'Mars/Olympus' is no time zone: give an IANA name such as 'Europe/Paris', or 'UTC'.",
      )
    })
  })
}
