import { Effect } from "effect"
/** What a list asks for: 1-based page, bounded page size. */
export interface PageRequest {
  readonly page: number
  readonly perPage: number
}

/** One page of rows and the total the database counted. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly total: number
  readonly page: number
  readonly perPage: number
}

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100

/**
 * Kaminari's reading of `page`/`per_page`: per_page above the maximum is capped; zero, negative or
 * non-numeric values fall back to the defaults.
 */
export const pageRequest = (page: unknown, perPage: unknown): PageRequest => ({
  page: positiveInt(page) ?? 1,
  perPage: Math.min(positiveInt(perPage) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE),
})

/**
 * The v3 lists whose `page` counts from ZERO (repository commits; project events in 5.x): page 0
 * (or none, or nonsense) is the first page.
 */
export const zeroBasedPageRequest = (page: unknown, perPage: unknown): PageRequest => ({
  page: (wholeNumber(page) ?? 0) + 1,
  perPage: pageRequest(1, perPage).perPage,
})

const wholeNumber = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

const positiveInt = (value: unknown): number | undefined => {
  const n = wholeNumber(value)
  return n !== undefined && n > 0 ? n : undefined
}

export const offsetOf = (request: PageRequest): number => (request.page - 1) * request.perPage

export const pageOf = <A>(request: PageRequest, items: ReadonlyArray<A>, total: number): Page<A> => ({
  items,
  total,
  page: request.page,
  perPage: request.perPage,
})

export const mapPage = <A, B>(page: Page<A>, f: (a: A) => B): Page<B> => ({ ...page, items: page.items.map(f) })

/** Every item of a paged list, read page by page (for rules that must visit them all). */
export const allPages = Effect.fnUntraced(function* <A, E, R>(read: (page: PageRequest) => Effect.Effect<Page<A>, E, R>) {
  const items: Array<A> = []
  for (let page = 1; ; page++) {
    const batch = yield* read({ page, perPage: MAX_PER_PAGE })
    items.push(...batch.items)
    if (batch.items.length < MAX_PER_PAGE) return items
  }
})
