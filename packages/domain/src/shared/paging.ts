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
 * Kaminari's reading of `page`/`per_page`, each read with Ruby's to_i as GitLab did: a page
 * below 1 is the first; a per_page of 0 or below falls back to the default, above the maximum is
 * capped.
 */
export const pageRequest = (page: unknown, perPage: unknown): PageRequest => ({
  page: Math.max(rubyInteger(page), 1),
  perPage: perPageOf(perPage),
})

/**
 * The v3 lists whose `page` counts from ZERO (repository commits; project events in 5.x): page 0
 * (or below, or nonsense) is the first page. Read as the other lists read theirs.
 */
export const zeroBasedPageRequest = (page: unknown, perPage: unknown): PageRequest => ({
  page: Math.min(Math.max(rubyInteger(page), 0) + 1, Number.MAX_SAFE_INTEGER),
  perPage: perPageOf(perPage),
})

const perPageOf = (perPage: unknown): number => {
  const n = rubyInteger(perPage)
  return n > 0 ? Math.min(n, MAX_PER_PAGE) : DEFAULT_PER_PAGE
}

const RUBY_INTEGER = /^[\t\n\v\f\r ]*([+-]?)(\d+(?:_\d+)*)/

/**
 * Ruby's String#to_i, what GitLab applied to paging parameters: leading whitespace, a sign, then
 * the digits (underscores between them) up to the first other character; 0 when there are none,
 * and for anything but a string or a number (an array). Held within ±(2^53 - 1): a larger number
 * is past every page all the same, and must stay exact where it is shown (X-Page) or counted.
 */
const rubyInteger = (value: unknown): number => {
  let n: number
  if (typeof value === "number") n = Number.isFinite(value) ? Math.trunc(value) : 0
  else {
    const match = typeof value === "string" ? RUBY_INTEGER.exec(value) : null
    if (match === null) return 0
    n = Number(match[2]!.replaceAll("_", "")) * (match[1] === "-" ? -1 : 1)
  }
  return Math.max(Math.min(n, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER)
}

/** Rows to skip: held at 2^53 - 1, past any table or history and still exact for SQL and git. */
export const offsetOf = (request: PageRequest): number =>
  Math.min((request.page - 1) * request.perPage, Number.MAX_SAFE_INTEGER)

export const pageOf = <A>(request: PageRequest, items: ReadonlyArray<A>, total: number): Page<A> => ({
  items,
  total,
  page: request.page,
  perPage: request.perPage,
})

export const mapPage = <A, B>(page: Page<A>, f: (a: A) => B): Page<B> => ({ ...page, items: page.items.map(f) })

/** Every item of a paged list, read page by page (for rules that must visit them all). */
export const allPages = Effect.fnUntraced(function* <A, E, R>(
  read: (page: PageRequest) => Effect.Effect<Page<A>, E, R>,
) {
  const items: Array<A> = []
  for (let page = 1; ; page++) {
    const batch = yield* read({ page, perPage: MAX_PER_PAGE })
    items.push(...batch.items)
    if (batch.items.length < MAX_PER_PAGE) return items
  }
})
