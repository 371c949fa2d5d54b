import type { Context } from "koa"
import { describe, expect, it } from "vitest"
import { setPageHeaders } from "./pagination.ts"

const fakeCtx = (url: string) => {
  const headers: Record<string, string> = {}
  return {
    ctx: {
      originalUrl: url,
      protocol: "http",
      host: "h:1",
      set: (h: Record<string, string>) => Object.assign(headers, h),
    } as unknown as Context,
    headers,
  }
}

describe("setPageHeaders", () => {
  it("writes totals, neighbours and a Link header without the token, however spelt", () => {
    const { ctx, headers } = fakeCtx(
      "/api/v3/users?private_token=t&page=2&private_token[]=t&per_page=10&PRIVATE-TOKEN=t&search=a",
    )
    setPageHeaders(ctx, { items: [], total: 35, page: 2, perPage: 10 })
    expect(headers).toMatchObject({
      "X-Total": "35",
      "X-Total-Pages": "4",
      "X-Page": "2",
      "X-Per-Page": "10",
      "X-Next-Page": "3",
      "X-Prev-Page": "1",
    })
    expect(headers.Link).toBe(
      [
        '<http://h:1/api/v3/users?page=1&per_page=10&search=a>; rel="prev"',
        '<http://h:1/api/v3/users?page=3&per_page=10&search=a>; rel="next"',
        '<http://h:1/api/v3/users?page=1&per_page=10&search=a>; rel="first"',
        '<http://h:1/api/v3/users?page=4&per_page=10&search=a>; rel="last"',
      ].join(", "),
    )
  })

  it("an empty list is one page; a page past the end has neither prev nor next (Kaminari's out_of_range?)", () => {
    const { ctx, headers } = fakeCtx("/x")
    setPageHeaders(ctx, { items: [], total: 0, page: 1, perPage: 20 })
    expect(headers).toMatchObject({ "X-Total": "0", "X-Total-Pages": "1", "X-Next-Page": "", "X-Prev-Page": "" })
    const past = fakeCtx("/x?page=9")
    setPageHeaders(past.ctx, { items: [], total: 5, page: 9, perPage: 2 })
    expect(past.headers).toMatchObject({ "X-Page": "9", "X-Total-Pages": "3", "X-Next-Page": "", "X-Prev-Page": "" })
    expect(past.headers.Link).toBe(
      '<http://h:1/x?page=1&per_page=2>; rel="first", <http://h:1/x?page=3&per_page=2>; rel="last"',
    )
  })
})
