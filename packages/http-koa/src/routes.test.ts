import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import Koa, { type Middleware } from "koa"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { SegmentedRoutes } from "./routes.ts"

/** Answers with the route template that took the request, and the params it read. */
const answer =
  (template: string): Middleware =>
  (ctx) => {
    ctx.body = { template, params: ctx.params }
  }

describe("SegmentedRoutes", () => {
  let server: Server
  let base: string
  beforeAll(async () => {
    const routes = new SegmentedRoutes("/api/v3")
    routes.get("/projects/owned", answer("/projects/owned"))
    routes.get("/projects/search/:query", answer("/projects/search/:query"))
    routes.get("/projects/:id", answer("/projects/:id"))
    routes.get("/projects/:id/members", answer("/projects/:id/members"))
    routes.post("/projects/:id/members", answer("POST /projects/:id/members"))
    routes.get("/projects/:id/repository/raw_blobs/:sha", answer("/projects/:id/repository/raw_blobs/:sha"))
    routes.get("/projects/:id/repository/commits", answer("/projects/:id/repository/commits"))
    routes.get("/projects/:id/issues/:issue_id", answer("/projects/:id/issues/:issue_id"))
    routes.get("/projects/:id/issues/:issue_id/notes", answer("/projects/:id/issues/:issue_id/notes"))
    const app = new Koa()
    app.use(routes.middleware())
    app.use((ctx) => {
      ctx.status = 404
      ctx.body = { error: "404 Not Found" }
    })
    server = createServer(app.callback())
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const get = async (path: string, method = "GET") => {
    const res = await fetch(`${base}${path}`, { method })
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, allow: res.headers.get("allow") }
  }

  it("finds a route under a resource id through its own group", async () => {
    expect((await get("/projects/7/repository/raw_blobs/abc")).body).toEqual({
      template: "/projects/:id/repository/raw_blobs/:sha",
      params: { id: "7", sha: "abc" },
    })
    expect((await get("/projects/7/members")).body.template).toBe("/projects/:id/members")
    expect((await get("/projects/7")).body.template).toBe("/projects/:id")
    expect((await get("/projects/7/repository/commits")).body.template).toBe("/projects/:id/repository/commits")
    expect((await get("/projects/7/issues/3")).body).toEqual({
      template: "/projects/:id/issues/:issue_id",
      params: { id: "7", issue_id: "3" },
    })
    expect((await get("/projects/7/issues/3/notes")).body.template).toBe("/projects/:id/issues/:issue_id/notes")
    expect((await get("/projects/7/repository/raw_blobs")).status).toBe(404)
  })

  it("never takes a literal second segment for an id", async () => {
    expect((await get("/projects/search/members")).body).toEqual({
      template: "/projects/search/:query",
      params: { query: "members" },
    })
    expect((await get("/projects/owned")).body.template).toBe("/projects/owned")
  })

  it("answers 405 with Allow for another method of a known path, 404 for an unknown path", async () => {
    const refused = await get("/projects/7/members", "DELETE")
    expect([refused.status, refused.body, refused.allow]).toEqual([
      405,
      { message: "405 Method Not Allowed" },
      "HEAD, GET, POST",
    ])
    expect((await get("/projects/7/unknown/thing")).status).toBe(404)
    expect((await get("/nothing")).status).toBe(404)
  })
})
