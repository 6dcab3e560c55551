// Django's django/views/generic/dates.py family: archives of objects by a date field (the
// mixins reading year, month, week and day from the URL, the list views, and DateDetailView).
// Calendar arithmetic is done on days held as Dates at midnight UTC; the application's time zone
// (bootstrap({ timeZone }), UTC by default) turns them into the instants a period begins and ends
// at, and tells which day an instant falls on.
import {
  BaseView,
  clockOf,
  type HttpRequest,
  type HttpResponse,
  type Kwargs,
  type TimeZone,
  timeZoneOf,
} from '@manouche/core'
import { configurationCheck, frameworkHandlers } from '@manouche/core/internal'
import { type DateKind, type ModelMeta, modelMeta, type QuerySet, type Where } from '@manouche/data'
import { periodsOf } from '@manouche/data/internal'
import { ContextMixin, TemplateResponseMixin } from './base.js'
import { parseDate, utcDate } from './date-format.js'
import { SingleObjectMixin, SingleObjectTemplateResponseMixin } from './detail.js'
import { dateErrors } from './errors.js'
import { MultipleObjectMixin, MultipleObjectTemplateResponseMixin } from './list.js'
import type { Constructor } from './mixins.js'
import type { Context } from './response.js'

const DAY = 86_400_000

/** Read a period's value: the class attribute, else the URL kwarg, else the query parameter. */
function periodValue(view: BaseView, own: unknown, name: string): string {
  if (own !== undefined && own !== null) return String(own)
  const kwarg = view.kwargs[name]
  if (kwarg !== undefined && kwarg !== null) return String(kwarg)
  const query = view.request.query.getAll(name).at(-1)
  if (query !== undefined) return query
  throw dateErrors.notSpecified(name)
}

/** Parse `text` with `format`, or 404 with Django's message. */
function dateFromString(text: string, format: string): Date {
  const date = parseDate(text, format)
  if (date === undefined) throw dateErrors.invalidDate(text, format)
  return date
}

function addMonths(date: Date, months: number): Date {
  const month = date.getUTCMonth() + months
  return utcDate(date.getUTCFullYear() + Math.floor(month / 12), (((month % 12) + 12) % 12) + 1, 1)
}

/** What `YearMixin` adds. Django: YearMixin */
export interface YearMixin {
  yearFormat: string
  year: string | number | undefined
  getYearFormat(): string
  getYear(): string
  /** The first day of the next year, or null (see `getNextPrevious`). */
  getNextYear(date: Date): Promise<Date | null>
  getPreviousYear(date: Date): Promise<Date | null>
}

/** Read the year from `year`, the `year` kwarg or `?year=`, with `yearFormat` (`'%Y'`). Django: YearMixin */
export function YearMixin<TBase extends Constructor<BaseView & DateMixin>>(
  Base: TBase,
): TBase & Constructor<YearMixin> {
  abstract class YearMixinImpl extends Base implements YearMixin {
    yearFormat = '%Y'
    year: string | number | undefined = undefined
    getYearFormat(): string {
      return this.yearFormat
    }
    getYear(): string {
      return periodValue(this, this.year, 'year')
    }
    getNextYear(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, false, 'year')
    }
    getPreviousYear(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, true, 'year')
    }
  }
  return YearMixinImpl
}

/** What `MonthMixin` adds. Django: MonthMixin */
export interface MonthMixin {
  monthFormat: string
  month: string | number | undefined
  getMonthFormat(): string
  getMonth(): string
  getNextMonth(date: Date): Promise<Date | null>
  getPreviousMonth(date: Date): Promise<Date | null>
}

/** Read the month from `month`, the `month` kwarg or `?month=`, with `monthFormat` (`'%b'`). Django: MonthMixin */
export function MonthMixin<TBase extends Constructor<BaseView & DateMixin>>(
  Base: TBase,
): TBase & Constructor<MonthMixin> {
  abstract class MonthMixinImpl extends Base implements MonthMixin {
    monthFormat = '%b'
    month: string | number | undefined = undefined
    getMonthFormat(): string {
      return this.monthFormat
    }
    getMonth(): string {
      return periodValue(this, this.month, 'month')
    }
    getNextMonth(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, false, 'month')
    }
    getPreviousMonth(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, true, 'month')
    }
  }
  return MonthMixinImpl
}

/** What `DayMixin` adds. Django: DayMixin */
export interface DayMixin {
  dayFormat: string
  day: string | number | undefined
  getDayFormat(): string
  getDay(): string
  getNextDay(date: Date): Promise<Date | null>
  getPreviousDay(date: Date): Promise<Date | null>
}

/** Read the day from `day`, the `day` kwarg or `?day=`, with `dayFormat` (`'%d'`). Django: DayMixin */
export function DayMixin<TBase extends Constructor<BaseView & DateMixin>>(Base: TBase): TBase & Constructor<DayMixin> {
  abstract class DayMixinImpl extends Base implements DayMixin {
    dayFormat = '%d'
    day: string | number | undefined = undefined
    getDayFormat(): string {
      return this.dayFormat
    }
    getDay(): string {
      return periodValue(this, this.day, 'day')
    }
    getNextDay(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, false, 'day')
    }
    getPreviousDay(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, true, 'day')
    }
  }
  return DayMixinImpl
}

/** What `WeekMixin` adds. Django: WeekMixin */
export interface WeekMixin {
  weekFormat: string
  week: string | number | undefined
  getWeekFormat(): string
  getWeek(): string
  getNextWeek(date: Date): Promise<Date | null>
  getPreviousWeek(date: Date): Promise<Date | null>
}

/** Read the week from `week`, the `week` kwarg or `?week=`, with `weekFormat` (`'%U'`, `'%W'` or `'%V'`). Django: WeekMixin */
export function WeekMixin<TBase extends Constructor<BaseView & DateMixin>>(
  Base: TBase,
): TBase & Constructor<WeekMixin> {
  abstract class WeekMixinImpl extends Base implements WeekMixin {
    weekFormat = '%U'
    week: string | number | undefined = undefined
    getWeekFormat(): string {
      return this.weekFormat
    }
    getWeek(): string {
      return periodValue(this, this.week, 'week')
    }
    getNextWeek(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, false, 'week')
    }
    getPreviousWeek(date: Date): Promise<Date | null> {
      return this.getNextPrevious(date, true, 'week')
    }
    /** Weeks start on Sunday with `%U`, on Monday with `%W` and `%V`. Django: WeekMixin._get_weekday */
    override getPeriodStart(date: Date, kind: DateKind): Date {
      if (kind !== 'week' || this.getWeekFormat() !== '%U') return super.getPeriodStart(date, kind)
      const day = periodStart(date, 'day')
      return new Date(day.getTime() - day.getUTCDay() * DAY)
    }
  }
  return WeekMixinImpl
}

/** What `DateMixin` adds. Django: DateMixin */
export interface DateMixin {
  /** The model's date field the archive is built on; required. */
  dateField: string | undefined
  /** Show objects dated after now (false: they are left out, and their periods are 404s). */
  allowFuture: boolean
  getDateField(): string
  getAllowFuture(): boolean
  /** Now, from the request's clock (`clockToken`). */
  now(): Date
  /** The application's time zone (`bootstrap({ timeZone })`, UTC by default). */
  getTimeZone(): TimeZone
  /** Today in that time zone, as a Date at midnight UTC of that calendar day. */
  today(): Date
  /**
   * The first day of the period of `kind` after (or, when `previous`, before) the one holding the
   * day `date`: the next period at all when empty periods are allowed, else the next one holding
   * an object; null past today unless the future is allowed. The instant that day begins in the
   * application's time zone. Django: _get_next_prev
   */
  getNextPrevious(date: Date, previous: boolean, kind: DateKind): Promise<Date | null>
  /** The first day of the period of `kind` holding the day `date` (weeks from Monday here), both at midnight UTC. */
  getPeriodStart(date: Date, kind: DateKind): Date
}

/** The date field, future and clock of a date view. Django: DateMixin */
export function DateMixin<TBase extends Constructor<BaseView>>(Base: TBase): TBase & Constructor<DateMixin> {
  abstract class DateMixinImpl extends Base implements DateMixin {
    dateField: string | undefined = undefined
    allowFuture = false

    getDateField(): string {
      if (!this.dateField) throw dateErrors.noDateField(this.constructor.name)
      return this.dateField
    }

    getAllowFuture(): boolean {
      return this.allowFuture
    }

    /**
     * At `asView()`: a `dateField` that is no date field of the view's `model` (or its `queryset`'s)
     * is `ImproperlyConfigured` already, unless `getDateField()` is overridden to decide per request.
     */
    [configurationCheck](): void {
      if (this.getDateField !== DateMixinImpl.prototype.getDateField || !this.dateField) return
      const self = this as { model?: unknown; queryset?: { model?: ModelMeta } }
      const model = self.queryset?.model ?? modelMeta(self.model)
      if (model) checkDateField(this.constructor.name, model, this.dateField)
    }

    now(): Date {
      return clockOf(this.request.container).now()
    }

    getTimeZone(): TimeZone {
      return timeZoneOf(this.request.container)
    }

    today(): Date {
      return this.getTimeZone().dayOf(this.now())
    }

    getPeriodStart(date: Date, kind: DateKind): Date {
      return periodStart(date, kind)
    }

    async getNextPrevious(date: Date, previous: boolean, kind: DateKind): Promise<Date | null> {
      const self = this as unknown as DateMixin & { getAllowEmpty(): boolean; getQueryset(): QuerySet<unknown> }
      const field = this.getDateField()
      const zone = this.getTimeZone()
      const start = this.getPeriodStart(date, kind)
      let result: Date | null
      if (self.getAllowEmpty()) {
        result = previous ? this.getPeriodStart(new Date(start.getTime() - DAY), kind) : nextPeriod(start, kind)
      } else {
        const where: Record<string, unknown> = previous
          ? { [`${field}__lt`]: zone.startOf(start) }
          : { [`${field}__gte`]: zone.startOf(nextPeriod(start, kind)) }
        if (!previous && !this.getAllowFuture()) where[`${field}__lte`] = this.now()
        const found = await self
          .getQueryset()
          .filter(where)
          .valuesList(field, { flat: true })
          .orderBy(previous ? `-${field}` : field)
          .first()
        result = found instanceof Date ? this.getPeriodStart(zone.dayOf(found), kind) : null
      }
      if (result && (this.getAllowFuture() || result.getTime() < this.today().getTime())) return zone.startOf(result)
      return null
    }
  }
  return DateMixinImpl
}

/** Midnight UTC of the first day of the period of `kind` holding `date` (weeks from Monday). */
function periodStart(date: Date, kind: DateKind): Date {
  const day = utcDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  if (kind === 'year') return utcDate(day.getUTCFullYear(), 1, 1)
  if (kind === 'month') return utcDate(day.getUTCFullYear(), day.getUTCMonth() + 1, 1)
  if (kind === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY)
  return day
}

/** The first day after the period of `kind` starting at `start`. */
function nextPeriod(start: Date, kind: DateKind): Date {
  if (kind === 'year') return utcDate(start.getUTCFullYear() + 1, 1, 1)
  if (kind === 'month') return addMonths(start, 1)
  return new Date(start.getTime() + (kind === 'week' ? 7 : 1) * DAY)
}

// TypeScript's mixins drop type parameters; these casts give them back so views are generic over T.
type ViewStatics = Omit<typeof BaseView, 'prototype'>
type ListParts<T> = BaseView & ContextMixin & MultipleObjectMixin<T> & DateMixin

const BaseDateListViewBase = MultipleObjectMixin(DateMixin(ContextMixin(BaseView))) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => ListParts<T>)

/** What `getDatedItems()` gives: the date list (or null), the objects, and more context. */
export type DatedItems<T> = [dateList: Date[] | null, objectList: QuerySet<T>, extra: Context]

/**
 * The list views of the date archives: `getDatedItems()` gives the dates, objects and context;
 * `allowEmpty` is false by default, the ordering `-dateField`. Django: BaseDateListView
 */
export abstract class BaseDateListView<T = unknown> extends BaseDateListViewBase<T> {
  override allowEmpty = false
  /** The period `getDateList()` lists by default. */
  dateListPeriod: DateKind = 'year'
  /** The dates of the archive, set by `get()`. */
  dateList: Date[] | null = null
  /** The queryset whose rows `getDatedQueryset()` fetched, if any. */
  #fetched: QuerySet<T> | undefined = undefined

  /** Render the context into a response. */
  abstract renderToResponse(context: Context): HttpResponse | Promise<HttpResponse>
  /** The dates, objects and extra context of this archive. Django: get_dated_items */
  abstract getDatedItems(): Promise<DatedItems<T>>

  /** Django: BaseDateListView.get */
  async get(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
    const [dateList, objectList, extra] = await this.getDatedItems()
    this.dateList = dateList
    this.objectList = objectList
    const context = await this.getContextData({ objectList, dateList, ...extra })
    return this.renderToResponse(context)
  }

  /** `ordering`, else newest first by `dateField`. Django: BaseDateListView.get_ordering */
  override getOrdering(): string | readonly string[] | undefined {
    return this.ordering ?? `-${this.getDateField()}`
  }

  /**
   * The objects from the start of the day `since` up to the start of the day `until` (both at
   * midnight UTC) in the application's time zone, as a filter. Django: _make_date_lookup_arg
   */
  periodFilter(since: Date, until: Date): Where {
    const field = this.getDateField()
    const zone = this.getTimeZone()
    return { [`${field}__gte`]: zone.startOf(since), [`${field}__lt`]: zone.startOf(until) }
  }

  /**
   * `getQueryset()` filtered by `where`, without future objects unless allowed; 404 `No <plural>
   * available` when that is empty and `allowEmpty` is false. Django: get_dated_queryset
   */
  async getDatedQueryset(where: Where = {}): Promise<QuerySet<T>> {
    const field = this.getDateField()
    checkViewDateField(this, field)
    let queryset = this.getQueryset().filter(where)
    if (!this.getAllowFuture()) queryset = queryset.filter({ [`${field}__lte`]: this.now() })
    if (!this.getAllowEmpty()) {
      // As Django (`not qs` unpaginated, `exists()` paginated): the rows the page shows, fetched
      // once and rendered from the same fetch; one EXISTS when the page is a slice fetched later,
      // or when the view shows no rows (a year archive without makeObjectList).
      let empty: boolean
      if (this.getPaginateBy(queryset) === undefined && this.showsDatedRows()) {
        empty = (await this.evaluateObjectList(queryset)).length === 0
        this.#fetched = queryset
      } else {
        empty = !(await queryset.exists())
      }
      if (empty) throw dateErrors.noneAvailable(pluralOf(queryset))
    }
    return queryset
  }

  /** Whether the page lists the dated queryset's rows (true; a year archive: only with makeObjectList). */
  protected showsDatedRows(): boolean {
    return true
  }

  /** `dateListPeriod` by default. Django: get_date_list_period */
  getDateListPeriod(): DateKind {
    return this.dateListPeriod
  }

  /** The distinct periods of `kind` holding objects; 404 when none and `allowEmpty` is false. Django: get_date_list */
  async getDateList(queryset: QuerySet<T>, kind?: DateKind, order: 'ASC' | 'DESC' = 'ASC'): Promise<Date[]> {
    const period = kind ?? this.getDateListPeriod()
    const dates =
      (await this.#datesOfFetchedRows(queryset, period, order)) ??
      (await queryset.dates(this.getDateField(), period, order, { timeZone: this.getTimeZone() }))
    if (dates.length === 0 && !this.getAllowEmpty()) throw dateErrors.noneAvailable(pluralOf(queryset))
    return dates
  }

  /**
   * The one place a date view answers a query from rows it already holds: `queryset.dates()`
   * computed from the rows `getDatedQueryset()` fetched for this queryset (those the page shows),
   * when each holds its date field as a Date or null; undefined otherwise (the caller queries).
   * The same dates, one query fewer: a month archive runs its rows and its two neighbours only.
   */
  async #datesOfFetchedRows(queryset: QuerySet<T>, kind: DateKind, order: 'ASC' | 'DESC'): Promise<Date[] | undefined> {
    if (queryset !== this.#fetched || queryset.isSliced) return undefined
    const field = this.getDateField()
    const values: unknown[] = []
    for (const row of await this.evaluateObjectList(queryset)) {
      const value = (row as Record<string, unknown> | null)?.[field]
      if (value !== null && !(value instanceof Date)) return undefined
      values.push(value)
    }
    return periodsOf(values, kind, order, this.getTimeZone())
  }
}
frameworkHandlers(BaseDateListView, 'get')

function pluralOf(queryset: QuerySet<unknown>): string {
  return queryset.model?.verboseNamePlural ?? 'objects'
}

/** At the request: a dateField that names no date field of the queryset's model is a configuration error. */
function checkViewDateField(view: BaseView, field: string): void {
  const model = (view as unknown as { getQueryset(): QuerySet<unknown> }).getQueryset().model
  if (model) checkDateField(view.constructor.name, model, field)
}

function checkDateField(viewName: string, model: ModelMeta, field: string): void {
  const found = model.fields.find((candidate) => candidate.name === field)
  if (found?.type !== 'date') throw dateErrors.notADateField(viewName, field, model.name)
}

const TemplateListBase = MultipleObjectTemplateResponseMixin(TemplateResponseMixin(BaseDateListView))

/** A date list view as its templates see it: `T` is the model's type. */
type DateListParts<T> = BaseDateListView<T> & TemplateResponseMixin & MultipleObjectTemplateResponseMixin

/** A base class for a concrete date view: the templates' mixins with `suffix`, generic again in `T`. */
function withTemplates(suffix: string) {
  abstract class DateTemplates extends TemplateListBase {
    override templateNameSuffix = suffix
  }
  return DateTemplates
}

// TypeScript's mixins drop type parameters; these casts give them back so views are generic over T.
const ArchiveBase = withTemplates('_archive') as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => DateListParts<T>)
const YearBase = YearMixin(withTemplates('_archive_year')) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => DateListParts<T> & YearMixin)
const MonthBase = MonthMixin(YearMixin(withTemplates('_archive_month'))) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => DateListParts<T> & YearMixin & MonthMixin)
const WeekBase = WeekMixin(YearMixin(withTemplates('_archive_week'))) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => DateListParts<T> & YearMixin & WeekMixin)
const DayBase = DayMixin(MonthMixin(YearMixin(withTemplates('_archive_day')))) as unknown as ViewStatics &
  (abstract new <T>(
    ...args: unknown[]
  ) => DateListParts<T> & YearMixin & MonthMixin & DayMixin)

/** The newest objects, with the years holding any as `dateList`; the list is `latest`. Django: ArchiveIndexView */
export class ArchiveIndexView<T = unknown> extends ArchiveBase<T> {
  override contextObjectName: string | undefined = 'latest'

  async getDatedItems(): Promise<DatedItems<T>> {
    let queryset = await this.getDatedQueryset()
    const dateList = await this.getDateList(queryset, undefined, 'DESC')
    if (dateList.length === 0) queryset = queryset.none()
    return [dateList, queryset, {}]
  }
}

/** One year: its months as `dateList`; `objectList` empty unless `makeObjectList`. Django: YearArchiveView */
export class YearArchiveView<T = unknown> extends YearBase<T> {
  override dateListPeriod: DateKind = 'month'
  /** Put the year's objects in `objectList` (false: an empty list). */
  makeObjectList = false

  getMakeObjectList(): boolean {
    return this.makeObjectList
  }

  protected override showsDatedRows(): boolean {
    return this.getMakeObjectList()
  }

  async getDatedItems(): Promise<DatedItems<T>> {
    const date = dateFromString(this.getYear(), this.getYearFormat())
    const until = utcDate(date.getUTCFullYear() + 1, 1, 1)
    let queryset = await this.getDatedQueryset(this.periodFilter(date, until))
    const dateList = await this.getDateList(queryset)
    if (!this.getMakeObjectList()) queryset = queryset.none()
    const [nextYear, previousYear] = await Promise.all([this.getNextYear(date), this.getPreviousYear(date)])
    return [dateList, queryset, { year: this.getTimeZone().startOf(date), nextYear, previousYear }]
  }
}

/** One month: its days as `dateList`, its objects. Django: MonthArchiveView */
export class MonthArchiveView<T = unknown> extends MonthBase<T> {
  override dateListPeriod: DateKind = 'day'

  async getDatedItems(): Promise<DatedItems<T>> {
    const year = this.getYear()
    const month = this.getMonth()
    const date = dateFromString(`${year}-${month}`, `${this.getYearFormat()}-${this.getMonthFormat()}`)
    const queryset = await this.getDatedQueryset(this.periodFilter(date, addMonths(date, 1)))
    const dateList = await this.getDateList(queryset)
    const [nextMonth, previousMonth] = await Promise.all([this.getNextMonth(date), this.getPreviousMonth(date)])
    return [dateList, queryset, { month: this.getTimeZone().startOf(date), nextMonth, previousMonth }]
  }
}

/** One week (from Sunday with `%U`, Monday with `%W` and `%V`): its objects. Django: WeekArchiveView */
export class WeekArchiveView<T = unknown> extends WeekBase<T> {
  async getDatedItems(): Promise<DatedItems<T>> {
    const yearFormat = this.getYearFormat()
    const weekFormat = this.getWeekFormat()
    const weekStart = { '%W': '1', '%U': '0', '%V': '1' }[weekFormat]
    if (weekStart === undefined) throw dateErrors.unknownWeekFormat(weekFormat)
    if (weekFormat === '%V' && yearFormat !== '%G') throw dateErrors.isoWeekWithYear(yearFormat)
    const year = this.getYear()
    const week = this.getWeek()
    const dayFormat = weekFormat === '%V' ? '%u' : '%w'
    const date = dateFromString(`${year}-${weekStart}-${week}`, `${yearFormat}-${dayFormat}-${weekFormat}`)
    const queryset = await this.getDatedQueryset(this.periodFilter(date, new Date(date.getTime() + 7 * DAY)))
    const [nextWeek, previousWeek] = await Promise.all([this.getNextWeek(date), this.getPreviousWeek(date)])
    return [null, queryset, { week: this.getTimeZone().startOf(date), nextWeek, previousWeek }]
  }
}

/** One day: its objects. Django: DayArchiveView */
export class DayArchiveView<T = unknown> extends DayBase<T> {
  async getDatedItems(): Promise<DatedItems<T>> {
    const text = `${this.getYear()}-${this.getMonth()}-${this.getDay()}`
    const format = `${this.getYearFormat()}-${this.getMonthFormat()}-${this.getDayFormat()}`
    return this.datedItemsOf(dateFromString(text, format))
  }

  /** The objects of the day `date` (midnight UTC of that calendar day) and its neighbours. Django: BaseDayArchiveView._get_dated_items */
  async datedItemsOf(date: Date): Promise<DatedItems<T>> {
    const queryset = await this.getDatedQueryset(this.periodFilter(date, new Date(date.getTime() + DAY)))
    const [nextDay, previousDay, nextMonth, previousMonth] = await Promise.all([
      this.getNextDay(date),
      this.getPreviousDay(date),
      this.getNextMonth(date),
      this.getPreviousMonth(date),
    ])
    const day = this.getTimeZone().startOf(date)
    return [null, queryset, { day, nextDay, previousDay, nextMonth, previousMonth }]
  }
}

/** Today's objects (today from the request's clock). Django: TodayArchiveView */
export class TodayArchiveView<T = unknown> extends DayArchiveView<T> {
  override getDatedItems(): Promise<DatedItems<T>> {
    return this.datedItemsOf(this.today())
  }
}

type DateDetailParts<T> = BaseView &
  ContextMixin &
  SingleObjectMixin<T> &
  DateMixin &
  YearMixin &
  MonthMixin &
  DayMixin &
  TemplateResponseMixin &
  SingleObjectTemplateResponseMixin

const DateDetailBase = SingleObjectTemplateResponseMixin(
  TemplateResponseMixin(DayMixin(MonthMixin(YearMixin(DateMixin(SingleObjectMixin(ContextMixin(BaseView))))))),
) as unknown as ViewStatics & (abstract new <T>(...args: unknown[]) => DateDetailParts<T>)

/**
 * One object, found by pk or slug among the objects of the day in the URL; a day after today is
 * a 404 unless `allowFuture`. Django: DateDetailView
 */
export class DateDetailView<T = unknown> extends DateDetailBase<T> {
  override getObject(queryset?: QuerySet<T>): Promise<T> {
    try {
      const text = `${this.getYear()}-${this.getMonth()}-${this.getDay()}`
      const format = `${this.getYearFormat()}-${this.getMonthFormat()}-${this.getDayFormat()}`
      const date = dateFromString(text, format)
      const source = queryset ?? this.getQueryset()
      const field = this.getDateField()
      checkViewDateField(this, field)
      if (!this.getAllowFuture() && date.getTime() > this.today().getTime()) {
        throw dateErrors.future(source.model?.verboseNamePlural ?? 'objects', this.constructor.name)
      }
      const zone = this.getTimeZone()
      const until = new Date(date.getTime() + DAY)
      return super.getObject(
        source.filter({ [`${field}__gte`]: zone.startOf(date), [`${field}__lt`]: zone.startOf(until) }),
      )
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** Django: BaseDetailView.get */
  async get(_request: HttpRequest, _kwargs: Kwargs): Promise<HttpResponse> {
    this.object = await this.getObject()
    return this.renderToResponse(await this.getContextData({ object: this.object }))
  }
}
frameworkHandlers(DateDetailView, 'get')
