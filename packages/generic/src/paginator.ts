/**
 * Pagination over an array or a QuerySet. Counting and fetching a page are async (one COUNT and
 * one LIMIT/OFFSET query on SQL); once `count()` has been awaited (which `numPages()`, `page()`
 * and `getPage()` do), everything else is synchronous, so templates can read
 * `it.paginator.count`, `it.pageObj.paginator.numPages` and `it.paginator.pageRange` as values.
 * Django: django.core.paginator (its AsyncPaginator, with Paginator's names)
 */
import { type AsyncNumber, asyncNumber } from './async-number.js'
import { EmptyPage, InvalidPage, PageNotAnInteger, paginatorErrors } from './errors.js'
import { parsePythonInt, toPageInteger } from './page-number.js'

export { type AsyncNumber, EmptyPage, InvalidPage, PageNotAnInteger }

/** Anything with a count and slices, such as a QuerySet: `slice()` may give an array or something with `toArray()`. */
export interface SliceableSource<T> {
  count(): number | Promise<number>
  slice(start: number, end: number): Iterable<T> | PromiseLike<Iterable<T>> | { toArray(): Promise<T[]> }
  /** False for a QuerySet without a defined order, which Paginator warns about. */
  readonly ordered?: boolean
  readonly model?: { readonly app: string; readonly objectName: string } | undefined
}

/** What a Paginator pages through: an array, or a QuerySet (or anything that counts and slices like one). */
export type PageSource<T> = readonly T[] | SliceableSource<T>

/** The three messages of `validateNumber()`; pass some to `Paginator` to replace them. Django: error_messages */
export interface PaginatorMessages {
  invalidPage: string
  minPage: string
  noResults: string
}

/** Options of `Paginator`. Django: Paginator(orphans, allow_empty_first_page, error_messages) */
export interface PaginatorOptions {
  /** Fold a last page of this many items or fewer into the page before (default 0). */
  orphans?: number | string
  /** Whether an empty list still has a page 1 (default true). */
  allowEmptyFirstPage?: boolean
  errorMessages?: Partial<PaginatorMessages>
}

const DEFAULT_MESSAGES: Readonly<PaginatorMessages> = {
  invalidPage: 'That page number is not an integer',
  minPage: 'That page number is less than 1',
  noResults: 'That page contains no results',
}

/** Split a list into pages of `perPage` items; see `AsyncNumber` for `count` and `numPages`. Django: Paginator */
export class Paginator<T> {
  /** The character `getElidedPageRange()` puts where page numbers are left out. Django: Paginator.ELLIPSIS */
  static readonly ELLIPSIS = '…'
  /** The array or QuerySet paged through. */
  readonly objectList: PageSource<T>
  /** Objects per page. */
  readonly perPage: number
  /** How many objects a last page may have and still be folded into the page before. */
  readonly orphans: number
  /** Whether an empty list still has a page 1. */
  readonly allowEmptyFirstPage: boolean
  /** The messages of `validateNumber()`. */
  readonly errorMessages: Readonly<PaginatorMessages>
  /** `await paginator.count()`: how many objects in all (one COUNT query, cached). Django: Paginator.count */
  readonly count: AsyncNumber = asyncNumber(
    () => this.#loadCount(),
    () => this.#knownCount(),
  )
  /** `await paginator.numPages()`: how many pages (0 only for an empty list without an empty first page). Django: Paginator.num_pages */
  readonly numPages: AsyncNumber = asyncNumber(
    async () => pagesFor(await this.#loadCount(), this),
    () => pagesFor(this.#knownCount(), this),
  )
  #count: number | undefined = undefined
  #counting: Promise<number> | undefined = undefined

  constructor(objectList: PageSource<T>, perPage: number | string, options: PaginatorOptions = {}) {
    this.objectList = objectList
    this.perPage = positiveInteger(perPage)
    this.orphans = orphanCount(options.orphans ?? 0, this.perPage)
    this.allowEmptyFirstPage = options.allowEmptyFirstPage ?? true
    this.errorMessages = { ...DEFAULT_MESSAGES, ...options.errorMessages }
    // An array's length is known now, so validateNumber() and friends work before any await.
    if (Array.isArray(objectList)) this.#count = objectList.length
    warnIfUnordered(objectList)
  }

  /** The page numbers, `[1, ..., numPages]`; needs the count (see `AsyncNumber`). Django: Paginator.page_range */
  get pageRange(): number[] {
    return Array.from({ length: Number(this.numPages) }, (_, i) => i + 1)
  }

  /**
   * Return `number` as an integer page number that exists, or throw `PageNotAnInteger` /
   * `EmptyPage`. Synchronous: it needs the count, which `page()` awaits first. Django: Paginator.validate_number
   */
  validateNumber(number: unknown): number {
    const value = toPageInteger(number)
    if (value === undefined) throw new PageNotAnInteger(this.errorMessages.invalidPage)
    if (value < 1) throw new EmptyPage(this.errorMessages.minPage)
    if (value > Number(this.numPages)) throw new EmptyPage(this.errorMessages.noResults)
    return Number(value)
  }

  /** Fetch page `number` (1-based; numeric strings too): the trailing orphans join the last page. Django: Paginator.page */
  async page(number: unknown): Promise<Page<T>> {
    const count = await this.#loadCount()
    const valid = this.validateNumber(number)
    const bottom = (valid - 1) * this.perPage
    const top = bottom + this.perPage + this.orphans >= count ? count : bottom + this.perPage
    return this.newPage(await this.#slice(bottom, top), valid)
  }

  /** Fetch a page whatever `number` is: not an integer gives page 1, out of range the last page. Django: Paginator.get_page */
  async getPage(number: unknown): Promise<Page<T>> {
    await this.#loadCount()
    try {
      return await this.page(this.validateNumber(number))
    } catch (error) {
      if (error instanceof PageNotAnInteger) return this.page(1)
      if (error instanceof EmptyPage) return this.page(Number(this.numPages))
      throw error
    }
  }

  /**
   * Page numbers around `number` with `Paginator.ELLIPSIS` for the gaps: `onEachSide` pages either
   * side of it and `onEnds` at each end, e.g. `[1, 2, '…', 5, 6, 7, 8, 9, 10, 11, '…', 49, 50]`.
   * Django: Paginator.get_elided_page_range
   */
  getElidedPageRange(number: unknown = 1, { onEachSide = 3, onEnds = 2 } = {}): Array<number | string> {
    const current = this.validateNumber(number)
    const last = Number(this.numPages)
    if (last <= (onEachSide + onEnds) * 2) return this.pageRange
    const out: Array<number | string> = []
    if (current > 1 + onEachSide + onEnds + 1)
      out.push(...span(1, onEnds), Paginator.ELLIPSIS, ...span(current - onEachSide, current))
    else out.push(...span(1, current))
    if (current < last - onEachSide - onEnds - 1)
      out.push(...span(current + 1, current + onEachSide), Paginator.ELLIPSIS, ...span(last - onEnds + 1, last))
    else out.push(...span(current + 1, last))
    return out
  }

  /** Iterate over every page, fetching each in turn. Django: Paginator.__iter__ */
  async *[Symbol.asyncIterator](): AsyncIterator<Page<T>> {
    const pages = await this.numPages()
    for (let number = 1; number <= pages; number++) yield await this.page(number)
  }

  /** Build the Page object; override to use a Page subclass. Django: Paginator._get_page */
  protected newPage(objectList: T[], number: number): Page<T> {
    return new Page(objectList, number, this)
  }

  #knownCount(): number {
    if (this.#count === undefined) throw paginatorErrors.notCounted()
    return this.#count
  }

  #loadCount(): Promise<number> {
    if (this.#count !== undefined) return Promise.resolve(this.#count)
    this.#counting ??= countOf(this.objectList).then(
      (count) => (this.#count = count),
      (error: unknown) => {
        this.#counting = undefined
        throw error
      },
    )
    return this.#counting
  }

  async #slice(bottom: number, top: number): Promise<T[]> {
    const source = this.objectList
    if (isArray(source)) return source.slice(bottom, top)
    const part = await source.slice(bottom, top)
    if (typeof (part as { toArray?: unknown }).toArray === 'function')
      return (part as { toArray(): Promise<T[]> }).toArray()
    return Array.from(part as Iterable<T>)
  }
}

/** One page of a Paginator: its objects (an array, already fetched), its number and its neighbours. Django: Page */
export class Page<T> implements Iterable<T> {
  constructor(
    readonly objectList: T[],
    readonly number: number,
    readonly paginator: Paginator<T>,
  ) {}

  /** How many objects this page holds. Django: Page.__len__ */
  get length(): number {
    return this.objectList.length
  }

  /** The object at `index` (negative counts from the end); throws TypeError for a non-integer. Django: Page.__getitem__ */
  at(index: number): T | undefined {
    if (!Number.isInteger(index)) throw paginatorErrors.pageIndex(index)
    return this.objectList.at(index)
  }

  [Symbol.iterator](): Iterator<T> {
    return this.objectList[Symbol.iterator]()
  }

  /** Django: Page.has_next */
  hasNext(): boolean {
    return this.number < Number(this.paginator.numPages)
  }

  /** Django: Page.has_previous */
  hasPrevious(): boolean {
    return this.number > 1
  }

  /** Django: Page.has_other_pages */
  hasOtherPages(): boolean {
    return this.hasPrevious() || this.hasNext()
  }

  /** The next page's number; throws `EmptyPage` on the last page. Django: Page.next_page_number */
  nextPageNumber(): number {
    return this.paginator.validateNumber(this.number + 1)
  }

  /** The previous page's number; throws `EmptyPage` on page 1. Django: Page.previous_page_number */
  previousPageNumber(): number {
    return this.paginator.validateNumber(this.number - 1)
  }

  /** The 1-based position of this page's first object in the whole list (0 when it is empty). Django: Page.start_index */
  startIndex(): number {
    if (Number(this.paginator.count) === 0) return 0
    return this.paginator.perPage * (this.number - 1) + 1
  }

  /** The 1-based position of this page's last object in the whole list. Django: Page.end_index */
  endIndex(): number {
    if (this.number === Number(this.paginator.numPages)) return Number(this.paginator.count)
    return this.number * this.paginator.perPage
  }

  /** `<Page 1 of 2>`. Django: Page.__repr__ */
  toString(): string {
    return `<Page ${this.number} of ${Number(this.paginator.numPages)}>`
  }
}

function pagesFor(count: number, { allowEmptyFirstPage, orphans, perPage }: Paginator<unknown>): number {
  if (count === 0 && !allowEmptyFirstPage) return 0
  return Math.ceil(Math.max(1, count - orphans) / perPage)
}

function isArray<T>(source: PageSource<T>): source is readonly T[] {
  return Array.isArray(source)
}

async function countOf<T>(source: PageSource<T>): Promise<number> {
  if (isArray(source)) return source.length
  return Number(await source.count())
}

function span(from: number, to: number): number[] {
  return from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

function positiveInteger(value: number | string): number {
  const parsed = typeof value === 'string' ? parsePythonInt(value) : toPageInteger(value)
  if (parsed === undefined || parsed < 1 || parsed > Number.MAX_SAFE_INTEGER) throw paginatorErrors.perPage(value)
  return Number(parsed)
}

function orphanCount(value: number | string, perPage: number): number {
  const parsed = typeof value === 'string' ? parsePythonInt(value) : toPageInteger(value)
  if (parsed === undefined || parsed < 0 || parsed > Number.MAX_SAFE_INTEGER) throw paginatorErrors.orphans(value)
  // Django 6 only warns (RemovedInDjango70Warning); we raise the ValueError Django 7 will.
  if (parsed >= perPage) throw paginatorErrors.orphansTooLarge()
  return Number(parsed)
}

const warned = new Set<string>()

/** Warn once per message when paginating a source that says it is unordered. Django: UnorderedObjectListWarning */
function warnIfUnordered<T>(source: PageSource<T>): void {
  if (isArray(source) || source.ordered !== false) return
  const model = source.model ? `${source.model.app}.${source.model.objectName} ` : ''
  const message = `Pagination may yield inconsistent results with an unordered objectList: ${model}${source.constructor.name}.`
  if (warned.has(message)) return
  warned.add(message)
  process.emitWarning(message, { type: 'UnorderedObjectListWarning', code: 'MNC_WARN_PAGINATOR_UNORDERED' })
}
