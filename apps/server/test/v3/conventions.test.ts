import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bodilessRequest, dialects, startTestServer, type TestServer } from "../support/server.ts"

describe.each(dialects)("v3 conventions on %s", (dialect) => {
  let t: TestServer
  let jo: Awaited<ReturnType<TestServer["createUser"]>>
  beforeAll(async () => {
    t = await startTestServer(dialect)
    jo = await t.createUser({ username: "jo" })
  })
  afterAll(() => t.close())

  describe("authentication", () => {
    it("takes private_token from the query, a JSON body, a form body, the PRIVATE-TOKEN header or a Bearer token", async () => {
      expect((await t.request("GET", "/user", { query: { private_token: jo.token } })).body.id).toBe(jo.id)
      expect((await t.request("GET", "/user", { headers: { "PRIVATE-TOKEN": jo.token } })).body.id).toBe(jo.id)
      expect((await t.request("GET", "/user", { headers: { Authorization: `Bearer ${jo.token}` } })).body.id).toBe(
        jo.id,
      )
      const json = await t.request("POST", "/user/keys", { body: { private_token: jo.token, title: "t" } })
      const form = await t.request("POST", "/user/keys", { body: { private_token: jo.token, title: "t" }, form: true })
      expect([json.status, form.status]).toEqual([400, 400]) // authenticated: the missing key is what fails
    })

    it("the parameter wins over the header", async () => {
      const res = await t.request("GET", "/user", {
        query: { private_token: jo.token },
        headers: { "PRIVATE-TOKEN": t.rootToken },
      })
      expect(res.body.id).toBe(jo.id)
      expect(
        (await t.request("GET", "/user", { query: { private_token: "bad" }, headers: { "PRIVATE-TOKEN": jo.token } }))
          .status,
      ).toBe(401)
    })

    it("on admin-only routes 403 precedes parameter errors (GitLab's 401 → 403 → 400)", async () => {
      expect((await t.api(jo.token).post("/users", { projects_limit: "lots" })).status).toBe(403)
      expect((await t.api(jo.token).put(`/users/${jo.id}`, { admin: "maybe" })).status).toBe(403)
      expect((await t.api(t.rootToken).post("/users", { projects_limit: "lots" })).status).toBe(400)
    })

    it("401 precedes 400, 403 and 404", async () => {
      expect((await t.api().post("/users", {})).status).toBe(401)
      expect((await t.api().get("/users/999999")).status).toBe(401)
    })
  })

  describe("sudo", () => {
    it("an admin acts as another user by username or id, through the Sudo header or the sudo parameter", async () => {
      expect((await t.api(t.rootToken).get("/user", { headers: { Sudo: "jo" } })).body).toMatchObject({
        id: jo.id,
        private_token: jo.token,
      })
      expect((await t.api(t.rootToken).get("/user", { query: { sudo: jo.id } })).body.id).toBe(jo.id)
      // Acting as a non-admin, admin-only routes are refused.
      expect((await t.api(t.rootToken).post("/users", {}, { headers: { Sudo: "jo" } })).status).toBe(403)
    })

    it("403 for a non-admin using sudo, 404 for an unknown sudo target", async () => {
      const res = await t.api(jo.token).get("/user", { headers: { Sudo: "root" } })
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      const unknown = await t.api(t.rootToken).get("/user", { headers: { Sudo: "ghost" } })
      expect(unknown.status).toBe(404)
      expect(unknown.body.message).toMatch(/404.*not found/i)
    })
  })

  describe("errors", () => {
    it("unknown route: 404 {error}", async () => {
      for (const path of ["/nope", "/api/v3/nope", "/api/v3/users/1/nope"]) {
        const res = await t.request("GET", path.startsWith("/api") ? path : `/api${path}`, { token: jo.token })
        expect([res.status, res.body]).toEqual([404, { error: "404 Not Found" }])
      }
    })

    it("known path, unsupported method: 405", async () => {
      const res = await t.request("PATCH", "/users", { token: jo.token })
      expect(res.status).toBe(405)
      expect(res.body).toEqual({ message: "405 Method Not Allowed" })
      expect(res.headers.get("allow")).toContain("GET")
    })

    it("malformed JSON: 400, nothing written", async () => {
      const res = await t.request("POST", "/users", {
        token: t.rootToken,
        body: '{"email": "x@y.zz", ',
        headers: { "content-type": "application/json" },
      })
      expect(res.status).toBe(400)
      expect(res.body.message).toMatch(/^400/)
    })

    it("oversized body: 413, nothing written", async () => {
      const res = await t.request("POST", "/users", {
        token: t.rootToken,
        body: { email: "big@example.com", password: "secret123", name: "x".repeat(11 * 1024 * 1024), username: "big" },
      })
      expect(res.status).toBe(413)
      expect((await t.api(t.rootToken).get("/users", { query: { search: "big" } })).body).toEqual([])
    })

    it("a POST or PUT sent with no body at all (no Content-Length, no Transfer-Encoding) reads as no parameters", async () => {
      // The server starts such a request's stream ended (optimizeEmptyRequests): nothing may wait on it.
      const created = await bodilessRequest(t.url, "POST", "/api/v3/projects", { "PRIVATE-TOKEN": jo.token })
      expect(created.statusLine).toBe("HTTP/1.1 400 Bad Request")
      expect(created.raw).toContain('{"message":"400 (Bad request) \\"name\\" not given"}')
      expect(
        (await bodilessRequest(t.url, "PUT", `/api/v3/users/${jo.id}`, { "PRIVATE-TOKEN": jo.token })).statusLine,
      ).toBe("HTTP/1.1 403 Forbidden")
    })

    it("every error body is JSON", async () => {
      const res = await t.request("GET", "/users/999999", { token: jo.token })
      expect(res.headers.get("content-type")).toMatch(/^application\/json/)
    })
  })

  describe("pagination", () => {
    /** A list of each kind of query behind listEndpoint, each holding one row at least. */
    let lists: ReadonlyArray<string>
    beforeAll(async () => {
      const api = t.api(jo.token)
      const project = (await api.post("/projects", { name: "paged" })).body.id
      const issue = (await api.post(`/projects/${project}/issues`, { title: "paged" })).body.id
      await api.post(`/projects/${project}/issues/${issue}/notes`, { body: "paged" })
      await api.post(`/projects/${project}/milestones`, { title: "paged" })
      await api.post(`/projects/${project}/hooks`, { url: "http://example.com/paged" })
      await api.post(`/projects/${project}/snippets`, { title: "paged", file_name: "a.txt", code: "x" })
      await t.api(t.rootToken).post("/groups", { name: "paged", path: "paged" })
      lists = [
        "/users",
        "/projects",
        "/groups",
        "/issues",
        `/projects/${project}/members`,
        `/projects/${project}/issues`,
        `/projects/${project}/issues/${issue}/notes`,
        `/projects/${project}/milestones`,
        `/projects/${project}/hooks`,
        `/projects/${project}/snippets`,
      ]
    })
    const token = (path: string) => (path === "/groups" ? t.rootToken : jo.token)

    it("a page past the last, however large, answers [] with that page's headers on every list (no prev, no next)", async () => {
      // Numbers past 2^53 are held at the largest exact one: still past the last page.
      for (const [page, shown] of [
        ["2147483647", "2147483647"],
        ["9007199254740993", "9007199254740991"],
        ["99999999999999999999999999", "9007199254740991"],
      ] as const)
        for (const path of lists) {
          const res = await t.api(token(path)).get(path, { query: { page, per_page: 1 } })
          expect([path, res.status, res.body]).toEqual([path, 200, []])
          const total = Number(res.headers.get("x-total"))
          expect([path, total > 0]).toEqual([path, true])
          expect([
            path,
            ...["x-page", "x-per-page", "x-total-pages", "x-next-page", "x-prev-page"].map((h) => res.headers.get(h)),
          ]).toEqual([path, shown, "1", String(total), "", ""])
          expect(
            res.headers
              .get("link")
              ?.split(", ")
              .map((l) => /rel="(\w+)"/.exec(l)?.[1]),
          ).toEqual(["first", "last"])
        }
    })

    it("the zero-based project events read their page the same way: past the end, however large, is []", async () => {
      const events = lists.find((path) => path.endsWith("/members"))!.replace("/members", "/events")
      expect((await t.api(jo.token).get(events)).body.length).toBeGreaterThan(0)
      for (const page of ["2147483647", "9007199254740993", "99999999999999999999999999"])
        expect((await t.api(jo.token).get(events, { query: { page } })).body).toEqual([])
      expect((await t.api(jo.token).get(events, { query: { page: "-1" } })).body.length).toBeGreaterThan(0)
    })

    it("page and per_page read with Ruby's to_i, as GitLab's Kaminari did: nonsense, 0 and negatives are the first page, per_page capped at 100", async () => {
      const shown = async (query: Record<string, string>) => {
        const res = await t.api(jo.token).get("/users", { query })
        return [res.headers.get("x-page"), res.headers.get("x-per-page"), res.body.length]
      }
      for (const page of ["0", "-1", "abc", "", "0x2"])
        expect(await shown({ page, per_page: "1" })).toEqual(["1", "1", 1])
      expect(await shown({ page: "2abc", per_page: "1" })).toEqual(["2", "1", 1])
      expect(await shown({ page: " +2", per_page: "1" })).toEqual(["2", "1", 1])
      for (const per_page of ["0", "-5", "abc", ""]) expect((await shown({ per_page }))[1]).toBe("20")
      for (const per_page of ["101", "99999999999999999999999"]) expect((await shown({ per_page }))[1]).toBe("100")
      expect(await shown({ page: "1", per_page: "1xyz" })).toEqual(["1", "1", 1])
    })
  })

  describe("operations", () => {
    it("/-/health, /-/readiness with the database check, and X-Request-Id on every answer", async () => {
      const health = await t.request("GET", "/-/health")
      expect([health.status, health.body]).toEqual([200, { status: "ok" }])
      const ready = await t.request("GET", "/-/readiness")
      expect([ready.status, ready.body]).toEqual([200, { status: "ok", checks: { database: "ok" } }])
      expect(health.headers.get("x-request-id")).toMatch(/^[\w-]{36}$/)
      expect(
        (await t.request("GET", "/-/health", { headers: { "X-Request-Id": "abc-123" } })).headers.get("x-request-id"),
      ).toBe("abc-123")
    })

    it("/-/metrics counts requests by route template and status, with a duration histogram", async () => {
      await t.api(jo.token).get(`/users/${jo.id}`)
      const res = await t.request("GET", "/-/metrics")
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("text/plain")
      expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/api\/v3\/users\/:id",status="200"\} \d+/)
      expect(res.text).toContain("http_request_duration_seconds_bucket")
      expect(res.text).not.toContain(`/users/${jo.id}"`)
      // The process metrics, but for the GC histogram (it would observe every minor collection).
      for (const name of [
        "process_cpu_user_seconds_total",
        "process_resident_memory_bytes",
        "nodejs_eventloop_lag_seconds",
        "nodejs_heap_size_used_bytes",
        "http_requests_in_flight",
      ])
        expect(res.text).toContain(`# TYPE ${name} `)
      expect(res.text).not.toContain("nodejs_gc_duration_seconds")
    })
  })
})
