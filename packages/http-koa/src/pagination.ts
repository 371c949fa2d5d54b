import type { Context } from "koa"
import { pageRequest, type Page, type PageRequest } from "@labrador/domain"
import { isCredentialName } from "./auth.ts"
import { requestParams } from "./params.ts"

/** The page the request asks for (`page`, `per_page`, Kaminari's defaults and cap). */
export const pageFromRequest = (ctx: Context): PageRequest => {
  const params = requestParams(ctx)
  return pageRequest(params.page, params.per_page)
}

/**
 * GitLab's pagination headers: X-Total, X-Total-Pages, X-Page, X-Per-Page, X-Next-Page,
 * X-Prev-Page and a Link header with first/prev/next/last, built from the request's own URL.
 * A page past the last has neither prev nor next (Kaminari's out_of_range?), as in GitLab.
 */
export const setPageHeaders = (ctx: Context, page: Page<unknown>): void => {
  const totalPages = Math.max(1, Math.ceil(page.total / page.perPage))
  const inRange = page.page <= totalPages
  const next = inRange && page.page < totalPages ? page.page + 1 : undefined
  const prev = inRange && page.page > 1 ? page.page - 1 : undefined
  const link = (n: number) => {
    const url = new URL(ctx.originalUrl, `${ctx.protocol}://${ctx.host || "localhost"}`)
    url.search = new URLSearchParams([...url.searchParams].filter(([name]) => !isCredentialName(name))).toString()
    url.searchParams.set("page", String(n))
    url.searchParams.set("per_page", String(page.perPage))
    return url.toString()
  }
  const links = [
    prev !== undefined ? `<${link(prev)}>; rel="prev"` : undefined,
    next !== undefined ? `<${link(next)}>; rel="next"` : undefined,
    `<${link(1)}>; rel="first"`,
    `<${link(totalPages)}>; rel="last"`,
  ].filter((x): x is string => x !== undefined)
  ctx.set({
    "X-Total": String(page.total),
    "X-Total-Pages": String(totalPages),
    "X-Page": String(page.page),
    "X-Per-Page": String(page.perPage),
    "X-Next-Page": next === undefined ? "" : String(next),
    "X-Prev-Page": prev === undefined ? "" : String(prev),
    Link: links.join(", "),
  })
}
