// The date views (issue 15) on both backends: through RequestFactory-style calls for the context,
// through app.inject for templates and 404s. "Now" is fixed per container through clockToken.
import { clockToken, ImproperlyConfigured, path, TimeZone, timeZoneToken, View } from '@manouche/core'
import {
  ArchiveIndexView,
  DateDetailView,
  DayArchiveView,
  MonthArchiveView,
  TodayArchiveView,
  WeekArchiveView,
  YearArchiveView,
} from '@manouche/generic'
import { RequestFactory } from '@manouche/testing'
import { expect } from 'chai'
import { bootstrap } from 'manouche'
import { createTestClient } from 'manouche/testing'
import type { DependencyContainer } from 'tsyringe'
import {
  Book,
  backends,
  type CallInit,
  callView,
  caught,
  containerFor,
  listDetailTemplates,
  type Store,
} from '../fixtures/generic-views.js'

/** Books around the calendar's edges; "now" is 2024-06-01T12:00Z, so 'Future' is in the future. */
function datedBooks(): Book[] {
  const book = (id: number, title: string, when: string) =>
    Object.assign(new Book(), { id, title, author: 'A', pages: 100, publicationDate: new Date(when), slug: `d${id}` })
  return [
    book(1, 'Leap', '2024-02-29T10:00:00Z'),
    book(2, 'March', '2024-03-05T00:00:00Z'),
    book(3, 'Sunday', '2023-01-01T12:00:00Z'), // 1 January 2023 is a Sunday
    book(4, 'Old', '2020-06-15T08:00:00Z'),
    book(5, 'Future', '2024-07-10T00:00:00Z'),
  ]
}

const NOW = '2024-06-01T12:00:00Z'
const day = (date: unknown) => (date instanceof Date ? date.toISOString().slice(0, 10) : date)
const titles = (list: unknown) => (list as Book[]).map((book) => book.title)

class BookArchive extends ArchiveIndexView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookYearArchive extends YearArchiveView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookMonthArchive extends MonthArchiveView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookWeekArchive extends WeekArchiveView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookDayArchive extends DayArchiveView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookTodayArchive extends TodayArchiveView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}
class BookDateDetail extends DateDetailView {
  override model = Book
  override dateField: string | undefined = 'publicationDate'
}

function withClock(c: DependencyContainer, now: string): DependencyContainer {
  c.register(clockToken, { useValue: { now: () => new Date(now) } })
  return c
}

for (const backend of backends) {
  describe(`date views (${backend.name})`, () => {
    let store: Store<Book>
    let c: DependencyContainer
    beforeEach(async () => {
      store = await backend.store(Book, datedBooks())
      c = withClock(containerFor(Book, store.qs), NOW)
    })
    afterEach(() => store.close())
    const call = (view: Parameters<typeof callView>[0], params: CallInit['params'] = {}, query = '') =>
      callView(view, { container: c, params, query })

    describe('ArchiveIndexView', () => {
      it('lists the newest books but no future one, with their years descending', async () => {
        const { contextData } = await call(BookArchive.asView())
        expect(titles(contextData.latest)).to.deep.equal(['March', 'Leap', 'Sunday', 'Old'])
        expect(contextData.objectList).to.equal(contextData.latest)
        expect((contextData.dateList as Date[]).map(day)).to.deep.equal(['2024-01-01', '2023-01-01', '2020-01-01'])
      })

      it('shows the future with allowFuture, and 404s an empty archive unless allowEmpty', async () => {
        const future = await call(BookArchive.asView({ allowFuture: true }))
        expect(titles(future.contextData.latest)[0]).to.equal('Future')
        c = withClock(containerFor(Book, store.qs.none()), NOW)
        const error = await caught(() => call(BookArchive.asView()))
        expect([error.statusCode, error.message]).to.deep.equal([404, 'No books available'])
        const empty = await call(BookArchive.asView({ allowEmpty: true }))
        expect([empty.contextData.latest, empty.contextData.dateList]).to.deep.equal([[], []])
      })

      it('names its template <app>/<model>_archive.html', async () => {
        const response = await call(BookArchive.asView())
        expect(response.templateName).to.deep.equal(['books/book_archive.html'])
      })
    })

    describe('YearArchiveView', () => {
      it('gives the months of the year, the neighbouring years holding books, and no object list', async () => {
        const { contextData } = await call(BookYearArchive.asView(), { year: 2024 })
        expect(day(contextData.year)).to.equal('2024-01-01')
        expect((contextData.dateList as Date[]).map(day)).to.deep.equal(['2024-02-01', '2024-03-01'])
        expect([day(contextData.previousYear), contextData.nextYear]).to.deep.equal(['2023-01-01', null])
        expect(contextData.objectList).to.deep.equal([])
      })

      it('lists the year objects with makeObjectList, and reads ?year= when the URL has none', async () => {
        const { contextData } = await call(BookYearArchive.asView({ makeObjectList: true }), {}, 'year=2024')
        expect(titles(contextData.objectList)).to.deep.equal(['March', 'Leap'])
      })

      it('answers 404 for a year with no books, and with Django’s message for a year that is no %Y', async () => {
        expect((await caught(() => call(BookYearArchive.asView(), { year: 2021 }))).message).to.equal(
          'No books available',
        )
        for (const year of ['0', '99999', '12345678901234567890', 'abcd']) {
          const error = await caught(() => call(BookYearArchive.asView(), { year }))
          expect([error.statusCode, error.message]).to.deep.equal([
            404,
            `Invalid date string “${year}” given format “%Y”`,
          ])
        }
        expect((await caught(() => call(BookYearArchive.asView()))).message).to.equal('No year specified')
      })

      it('refuses a missing dateField at the request, naming the view', async () => {
        const none = await caught(() => call(BookYearArchive.asView({ dateField: undefined }), { year: 2024 }))
        expect(none).to.be.instanceOf(ImproperlyConfigured)
        expect(none.message).to.equal('BookYearArchive.dateField is required.')
      })

      it('refuses a dateField that is no date field of the model already at asView() and bootstrap()', async () => {
        for (const [field, kwargs] of [
          ['title', { dateField: 'title' }],
          ['published', { dateField: 'published' }],
        ]) {
          const message = `BookYearArchive.dateField is '${field}', which is no date field of book.`
          expect(() => BookYearArchive.asView(kwargs as { dateField: string })).to.throw(ImproperlyConfigured, message)
        }
        @View('/bad/<int:year>/')
        class BadArchive extends YearArchiveView<Book> {
          override model = Book
          override dateField: string | undefined = 'pages'
        }
        const error = await caught(() => bootstrap({ views: [BadArchive] }))
        expect(error).to.be.instanceOf(ImproperlyConfigured)
        expect(error.message).to.equal("BadArchive.dateField is 'pages', which is no date field of book.")
        class BadDetail extends DateDetailView<Book> {
          override model = Book
          override dateField: string | undefined = 'slug'
        }
        expect(() => BadDetail.asView()).to.throw(
          ImproperlyConfigured,
          "BadDetail.dateField is 'slug', which is no date field of book.",
        )
      })

      it('checks a dateField that getDateField() decides at the request, as Django does', async () => {
        class PerRequest extends YearArchiveView<Book> {
          override model = Book
          override getDateField(): string {
            return this.request.query.get('field') ?? 'publicationDate'
          }
        }
        const view = PerRequest.asView()
        const { contextData } = await call(view, { year: 2024 })
        expect(titles(contextData.objectList)).to.deep.equal([])
        const error = await caught(() => call(view, { year: 2024 }, 'field=title'))
        expect(error).to.be.instanceOf(ImproperlyConfigured)
        expect(error.message).to.equal("PerRequest.dateField is 'title', which is no date field of book.")
      })
    })

    describe('MonthArchiveView', () => {
      it('gives a leap February: its books, its days, and the months holding books around it', async () => {
        const { contextData } = await call(BookMonthArchive.asView(), { year: 2024, month: 'feb' })
        expect(day(contextData.month)).to.equal('2024-02-01')
        expect(titles(contextData.bookList)).to.deep.equal(['Leap'])
        expect((contextData.dateList as Date[]).map(day)).to.deep.equal(['2024-02-29'])
        expect([day(contextData.nextMonth), day(contextData.previousMonth)]).to.deep.equal(['2024-03-01', '2023-01-01'])
      })

      it('gives every neighbouring month with allowEmpty, but none in the future', async () => {
        const { contextData } = await call(BookMonthArchive.asView({ allowEmpty: true }), { year: 2024, month: 'May' })
        expect(contextData.bookList).to.deep.equal([])
        expect([contextData.nextMonth, day(contextData.previousMonth)]).to.deep.equal([null, '2024-04-01'])
      })

      it('reads %m with or without a zero, and 404s a month that does not parse', async () => {
        const view = BookMonthArchive.asView({ monthFormat: '%m' })
        expect(titles((await call(view, { year: 2024, month: '02' })).contextData.bookList)).to.deep.equal(['Leap'])
        expect(titles((await call(view, { year: 2024, month: '3' })).contextData.bookList)).to.deep.equal(['March'])
        for (const month of ['13', '0', 'feb']) {
          const error = await caught(() => call(view, { year: 2024, month }))
          expect([error.statusCode, error.message]).to.deep.equal([
            404,
            `Invalid date string “2024-${month}” given format “%Y-%m”`,
          ])
        }
      })
    })

    describe('WeekArchiveView', () => {
      it('starts %U weeks on Sunday: week 1 of 2023 begins on Sunday 1 January', async () => {
        const { contextData } = await call(BookWeekArchive.asView(), { year: 2023, week: 1 })
        expect(day(contextData.week)).to.equal('2023-01-01')
        expect(titles(contextData.bookList)).to.deep.equal(['Sunday'])
      })

      it('puts week 0 of %U in the previous December when 1 January is no Sunday', async () => {
        const { contextData } = await call(BookWeekArchive.asView({ allowEmpty: true }), { year: 2024, week: 0 })
        expect(day(contextData.week)).to.equal('2023-12-31')
        expect([day(contextData.nextWeek), day(contextData.previousWeek)]).to.deep.equal(['2024-01-07', '2023-12-24'])
      })

      it('starts %W weeks on Monday and reads %V with %G', async () => {
        const monday = await call(BookWeekArchive.asView({ weekFormat: '%W' }), { year: 2024, week: 9 })
        expect([day(monday.contextData.week), titles(monday.contextData.bookList)]).to.deep.equal([
          '2024-02-26',
          ['Leap'],
        ])
        const iso = await call(BookWeekArchive.asView({ weekFormat: '%V', yearFormat: '%G' }), { year: 2022, week: 52 })
        expect([day(iso.contextData.week), titles(iso.contextData.bookList)]).to.deep.equal(['2022-12-26', ['Sunday']])
      })

      it('404s week 54 and refuses an unknown week format or %V with %Y', async () => {
        const error = await caught(() => call(BookWeekArchive.asView(), { year: 2024, week: 54 }))
        expect([error.statusCode, error.message]).to.deep.equal([
          404,
          'Invalid date string “2024-0-54” given format “%Y-%w-%U”',
        ])
        const unknown = await caught(() => call(BookWeekArchive.asView({ weekFormat: '%X' }), { year: 2024, week: 1 }))
        expect(unknown.message).to.equal("Unknown week format '%X'. Choices are: %U, %V, %W")
        const iso = await caught(() => call(BookWeekArchive.asView({ weekFormat: '%V' }), { year: 2024, week: 1 }))
        expect(iso.message).to.equal(
          "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.",
        )
      })
    })

    describe('DayArchiveView and TodayArchiveView', () => {
      it('gives the books of 29 February and the days holding books around it', async () => {
        const { contextData } = await call(BookDayArchive.asView(), { year: 2024, month: 'feb', day: 29 })
        expect(titles(contextData.bookList)).to.deep.equal(['Leap'])
        expect([day(contextData.nextDay), day(contextData.previousDay)]).to.deep.equal(['2024-03-05', '2023-01-01'])
      })

      it('404s day 0, 31 February and 29 February of a common year', async () => {
        for (const [year, dayOfMonth] of [
          [2024, '0'],
          [2024, '31'],
          [2023, '29'],
        ]) {
          const error = await caught(() => call(BookDayArchive.asView(), { year, month: 'feb', day: dayOfMonth }))
          expect([error.statusCode, error.message]).to.deep.equal([
            404,
            `Invalid date string “${year}-feb-${dayOfMonth}” given format “%Y-%b-%d”`,
          ])
        }
      })

      it('takes today from the clock in the container', async () => {
        c = withClock(containerFor(Book, store.qs), '2024-03-05T18:00:00Z')
        const { contextData } = await call(BookTodayArchive.asView())
        expect([day(contextData.day), titles(contextData.bookList)]).to.deep.equal(['2024-03-05', ['March']])
      })
    })

    describe('DateDetailView', () => {
      it('finds a book by pk within its day, and 404s it on another day', async () => {
        const { contextData } = await call(BookDateDetail.asView(), { year: 2024, month: 'feb', day: 29, pk: 1 })
        expect((contextData.object as Book).title).to.equal('Leap')
        const elsewhere = await caught(() => call(BookDateDetail.asView(), { year: 2024, month: 'mar', day: 5, pk: 1 }))
        expect([elsewhere.statusCode, elsewhere.message]).to.deep.equal([404, 'No book found matching the query'])
      })

      it('404s a future day unless allowFuture', async () => {
        const params = { year: 2024, month: 'jul', day: 10, pk: 5 }
        const error = await caught(() => call(BookDateDetail.asView(), params))
        expect([error.statusCode, error.message]).to.deep.equal([
          404,
          'Future books not available because BookDateDetail.allowFuture is False.',
        ])
        const allowed = await call(BookDateDetail.asView({ allowFuture: true }), params)
        expect((allowed.contextData.object as Book).title).to.equal('Future')
      })
    })

    describe('with RequestFactory', () => {
      it('serves a month and a date detail from factory requests, reading ?month= too', async () => {
        const factory = new RequestFactory({ container: c })
        const request = factory.get('/books/2024/', { query: { month: 'mar' }, params: { year: 2024 } })
        const month = (await BookMonthArchive.asView()(request, { year: 2024 })) as Awaited<ReturnType<typeof callView>>
        expect(titles(month.contextData.bookList)).to.deep.equal(['March'])
        const params = { year: 2023, month: 'jan', day: 1, pk: 3 }
        const detail = (await BookDateDetail.asView()(factory.get('/x/', { params }), params)) as Awaited<
          ReturnType<typeof callView>
        >
        expect((detail.contextData.book as Book).title).to.equal('Sunday')
      })
    })

    describe('over HTTP', () => {
      it('renders the archive templates and answers bad dates with 404 and Django’s message', async () => {
        const app = await bootstrap({
          views: [],
          urlpatterns: [
            path('books/archive/', BookArchive.asView()),
            path('books/<int:year>/', BookYearArchive.asView()),
            path('books/<int:year>/week/<int:week>/', BookWeekArchive.asView()),
            path('books/<int:year>/<str:month>/', BookMonthArchive.asView()),
            path('books/<int:year>/<str:month>/<int:day>/', BookDayArchive.asView()),
            path('books/<int:year>/<str:month>/<int:day>/<int:pk>/', BookDateDetail.asView()),
          ],
          templates: { dirs: [listDetailTemplates] },
          container: c,
        })
        const get = async (url: string) => {
          const response = await app.inject({ method: 'GET', url })
          return [response.statusCode, response.body.trim()]
        }
        try {
          expect(await get('/books/archive/')).to.deep.equal([
            200,
            'Years 2024 2023 2020; latest March, Leap, Sunday, Old',
          ])
          expect(await get('/books/2024/')).to.deep.equal([
            200,
            'Year 2024: months 2024-02-01 2024-03-01; next none, previous 2023-01-01',
          ])
          expect(await get('/books/2024/feb/')).to.deep.equal([
            200,
            'Month 2024-02-01: Leap; days 2024-02-29; next 2024-03-01, previous 2023-01-01',
          ])
          expect(await get('/books/2023/week/1/')).to.deep.equal([
            200,
            'Week of 2023-01-01: Sunday; next 2024-02-25, previous 2020-06-14',
          ])
          expect(await get('/books/2024/feb/29/')).to.deep.equal([
            200,
            'Day 2024-02-29: Leap; next 2024-03-05, previous 2023-01-01',
          ])
          expect(await get('/books/2024/feb/29/1/')).to.deep.equal([200, 'Leap by A'])
          for (const [url, message] of [
            ['/books/2024/foo/', 'Invalid date string “2024-foo” given format “%Y-%b”'],
            ['/books/2024/13/', 'Invalid date string “2024-13” given format “%Y-%b”'],
            ['/books/2024/feb/0/', 'Invalid date string “2024-feb-0” given format “%Y-%b-%d”'],
            ['/books/2024/feb/31/', 'Invalid date string “2024-feb-31” given format “%Y-%b-%d”'],
            ['/books/2024/week/54/', 'Invalid date string “2024-0-54” given format “%Y-%w-%U”'],
            ['/books/0/', 'Invalid date string “0” given format “%Y”'],
            ['/books/99999/', 'Invalid date string “99999” given format “%Y”'],
            ['/books/2021/', 'No books available'],
          ]) {
            const [status, body] = await get(url as string)
            expect(status, url).to.equal(404)
            expect(body, url).to.include(message)
          }
          const [status] = await get('/books/12345678901234567890/')
          expect(status).to.equal(404)
        } finally {
          await app.close()
        }
      })
    })
  })
}

/** Books around New York's midnights; "now" is 2024-03-10T04:30Z, still Saturday 9 March there. */
function eveningBooks(): Book[] {
  const book = (id: number, title: string, when: string) =>
    Object.assign(new Book(), { id, title, author: 'B', pages: 10, publicationDate: new Date(when), slug: `e${id}` })
  return [
    book(1, 'Eve', '2024-03-01T03:00:00Z'), // 29 February, 22:00 in New York
    book(2, 'Early', '2024-03-09T12:00:00Z'), // 9 March, 07:00
    book(3, 'Late', '2024-03-10T01:00:00Z'), // 9 March, 20:00
    book(4, 'Noon', '2024-03-10T12:00:00Z'), // 10 March (23 hours long: clocks go forward), 08:00 EDT
    book(5, 'Night', '2024-03-11T03:30:00Z'), // 10 March, 23:30 EDT
    book(6, 'Monday', '2024-03-11T04:30:00Z'), // 11 March, 00:30 EDT
  ]
}

for (const backend of backends) {
  describe(`date views in the application's time zone (${backend.name})`, () => {
    let store: Store<Book>
    let utc: DependencyContainer
    let newYork: DependencyContainer
    beforeEach(async () => {
      store = await backend.store(Book, eveningBooks())
      utc = withClock(containerFor(Book, store.qs), '2024-03-10T04:30:00Z')
      newYork = withClock(containerFor(Book, store.qs), '2024-03-10T04:30:00Z')
      newYork.register(timeZoneToken, { useValue: new TimeZone('America/New_York') })
    })
    afterEach(() => store.close())
    const iso = (date: unknown) => (date instanceof Date ? date.toISOString().slice(0, 16) : date)

    it('bounds a month by the midnights of the zone, and lists its days as instants there', async () => {
      const view = BookMonthArchive.asView()
      const { contextData } = await callView(view, { container: newYork, params: { year: 2024, month: 'feb' } })
      expect(titles(contextData.bookList)).to.deep.equal(['Eve'])
      expect(iso(contextData.month)).to.equal('2024-02-01T05:00')
      expect((contextData.dateList as Date[]).map(iso)).to.deep.equal(['2024-02-29T05:00'])
      expect([iso(contextData.nextMonth), contextData.previousMonth]).to.deep.equal(['2024-03-01T05:00', null])
      // In UTC, Eve is a March book and February holds none.
      const error = await caught(() => callView(view, { container: utc, params: { year: 2024, month: 'feb' } }))
      expect([error.statusCode, error.message]).to.deep.equal([404, 'No books available'])
    })

    it('takes today in the zone: Saturday 9 March in New York while it is already Sunday in UTC', async () => {
      const there = await callView(BookTodayArchive.asView(), { container: newYork })
      expect(titles(there.contextData.bookList)).to.deep.equal(['Late', 'Early'])
      expect(iso(there.contextData.day)).to.equal('2024-03-09T05:00')
      expect(there.contextData.nextDay).to.equal(null) // Noon is in the future
      const here = await callView(BookTodayArchive.asView(), { container: utc })
      expect(titles(here.contextData.bookList)).to.deep.equal(['Late'])
    })

    it('gives a day cut short by daylight saving its 23 hours, and its neighbours their own midnights', async () => {
      const view = BookDayArchive.asView({ allowFuture: true })
      const { contextData } = await callView(view, {
        container: newYork,
        params: { year: 2024, month: 'mar', day: 10 },
      })
      expect(titles(contextData.bookList)).to.deep.equal(['Night', 'Noon'])
      expect([iso(contextData.day), iso(contextData.nextDay), iso(contextData.previousDay)]).to.deep.equal([
        '2024-03-10T05:00',
        '2024-03-11T04:00',
        '2024-03-09T05:00',
      ])
      const detail = await callView(BookDateDetail.asView({ allowFuture: true }), {
        container: newYork,
        params: { year: 2024, month: 'mar', day: 10, pk: 5 },
      })
      expect((detail.contextData.object as Book).title).to.equal('Night')
      const elsewhere = BookDateDetail.asView({ allowFuture: true })
      const params = { year: 2024, month: 'mar', day: 10, pk: 6 }
      expect((await caught(() => callView(elsewhere, { container: newYork, params }))).statusCode).to.equal(404)
    })

    it('reads the zone from a RequestFactory request and a test client given timeZone', async () => {
      const factory = new RequestFactory({ container: newYork })
      const today = (await BookTodayArchive.asView()(factory.get('/today/'), {})) as Awaited<
        ReturnType<typeof callView>
      >
      expect(titles(today.contextData.bookList)).to.deep.equal(['Late', 'Early'])
      const client = await createTestClient({
        views: [],
        urlpatterns: [path('today/', BookTodayArchive.asView())],
        templates: { dirs: [listDetailTemplates] },
        container: withClock(containerFor(Book, store.qs), '2024-03-10T04:30:00Z'),
        timeZone: 'America/New_York',
      })
      try {
        const response = await client.get('/today/')
        expect(response.status).to.equal(200)
        expect(response.body.trim()).to.equal('Day 2024-03-09: Late, Early; next none, previous 2024-02-29')
      } finally {
        await client.close()
      }
    })

    it('serves the archive of the zone over HTTP with bootstrap({ timeZone })', async () => {
      const app = await bootstrap({
        views: [],
        urlpatterns: [
          path('books/<int:year>/', BookYearArchive.asView()),
          path('books/<int:year>/<str:month>/', BookMonthArchive.asView()),
        ],
        templates: { dirs: [listDetailTemplates] },
        container: withClock(containerFor(Book, store.qs), '2024-03-10T04:30:00Z'),
        timeZone: 'America/New_York',
      })
      try {
        const get = async (url: string) => (await app.inject({ method: 'GET', url })).body.trim()
        expect(await get('/books/2024/')).to.equal('Year 2024: months 2024-02-01 2024-03-01; next none, previous none')
        expect(await get('/books/2024/feb/')).to.equal(
          'Month 2024-02-01: Eve; days 2024-02-29; next 2024-03-01, previous none',
        )
        expect(await get('/books/2024/mar/')).to.equal(
          'Month 2024-03-01: Late, Early; days 2024-03-09; next none, previous 2024-02-01',
        )
      } finally {
        await app.close()
      }
    })
  })
}

describe('date views (sqlite): queries', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      Object.assign(new Book(), {
        id: i + 1,
        title: `Book ${i}`,
        author: 'A',
        pages: 100,
        publicationDate: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000 * 7),
        slug: `m${i}`,
      }),
    )

  it('runs a fixed number of queries for a year archive, whatever the table holds', async () => {
    const counts: number[] = []
    for (const n of [10, 1000]) {
      const store = await backends[1]!.store(Book, many(n))
      try {
        const c = withClock(containerFor(Book, store.qs), NOW)
        const before = store.queries() as number
        const { contextData } = await callView(BookYearArchive.asView(), { container: c, params: { year: 2020 } })
        expect((contextData.dateList as Date[]).length).to.be.greaterThan(0)
        counts.push((store.queries() as number) - before)
      } finally {
        await store.close()
      }
    }
    expect(counts[0]).to.equal(counts[1])
    expect(counts[0]).to.be.at.most(5)
  })

  describe('a month archive', () => {
    let store: Store<Book>
    let c: DependencyContainer
    beforeEach(async () => {
      store = await backends[1]!.store(Book, datedBooks())
      c = withClock(containerFor(Book, store.qs), NOW)
    })
    afterEach(() => store.close())

    const queriesOf = async (work: () => Promise<unknown>) => {
      const before = store.queries() as number
      await work()
      return (store.queries() as number) - before
    }

    it('runs three queries (its rows, the next and the previous month), the days taken from the rows', async () => {
      let context: Record<string, unknown> = {}
      const run = async () => {
        context = (await callView(BookMonthArchive.asView(), { container: c, params: { year: 2024, month: 'feb' } }))
          .contextData
      }
      expect(await queriesOf(run)).to.equal(3)
      expect(titles(context.bookList)).to.deep.equal(['Leap'])
      expect((context.dateList as Date[]).map(day)).to.deep.equal(['2024-02-29'])
      expect([day(context.nextMonth), day(context.previousMonth)]).to.deep.equal(['2024-03-01', '2023-01-01'])
    })

    it('runs the same three over HTTP, and renders the rows it fetched', async () => {
      const app = await bootstrap({
        views: [],
        urlpatterns: [path('books/<int:year>/<str:month>/', BookMonthArchive.asView())],
        templates: { dirs: [listDetailTemplates] },
        container: c,
      })
      try {
        let body = ''
        const count = await queriesOf(async () => {
          body = (await app.inject({ method: 'GET', url: '/books/2024/feb/' })).body.trim()
        })
        expect(body).to.equal('Month 2024-02-01: Leap; days 2024-02-29; next 2024-03-01, previous 2023-01-01')
        expect(count).to.equal(3)
      } finally {
        await app.close()
      }
    })

    it("keeps Django's EXISTS and dates() when paginated, and its dates() when empty months are allowed", async () => {
      const paginated = () =>
        callView(BookMonthArchive.asView({ paginateBy: 1 }), { container: c, params: { year: 2024, month: 'feb' } })
      // exists, dates, the next and the previous month, then the page: COUNT and its slice
      expect(await queriesOf(paginated)).to.equal(6)
      const allowEmpty = () =>
        callView(BookMonthArchive.asView({ allowEmpty: true }), { container: c, params: { year: 2024, month: 'feb' } })
      // dates, then the rows (the neighbours of an archive allowing empty months need no query)
      expect(await queriesOf(allowEmpty)).to.equal(2)
    })
  })
})
