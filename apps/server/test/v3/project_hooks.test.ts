import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>

describe.each(dialects)("project hooks API on %s", (dialect) => {
  let t: TestServer
  let owner: User
  let project: number
  let otherProject: number
  beforeAll(async () => {
    t = await startTestServer(dialect)
    owner = await t.createUser()
    project = (await t.api(owner.token).post("/projects", { name: "hooked" })).body.id
    otherProject = (await t.api(owner.token).post("/projects", { name: "elsewhere" })).body.id
  })
  afterAll(() => t.close())

  it("POST: 201 Hook; duplicate URLs allowed; 400 missing or non-http url, nothing created", async () => {
    const res = await t.api(owner.token).post(`/projects/${project}/hooks`, { url: "http://example.com/hook" })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      url: "http://example.com/hook",
      project_id: project,
      push_events: true,
      issues_events: false,
      merge_requests_events: false,
    })
    expect(Object.keys(res.body).slice(0, 3)).toEqual(["id", "url", "created_at"])
    expect(
      (await t.api(owner.token).post(`/projects/${project}/hooks`, { url: "http://example.com/hook" })).status,
    ).toBe(201)
    expect((await t.api(owner.token).post(`/projects/${project}/hooks`, {})).body).toEqual({
      message: '400 (Bad request) "url" not given',
    })
    for (const url of ["ftp://example.com", "not a url", "http://"]) {
      const bad = await t.api(owner.token).post(`/projects/${project}/hooks`, { url })
      expect([bad.status, bad.body]).toEqual([400, { message: { url: ["is invalid"] } }])
    }
    expect((await t.api(owner.token).get(`/projects/${project}/hooks`)).body).toHaveLength(2)
  })

  it("GET lists (paginated) and shows; a hook of another project is 404", async () => {
    const list = await t.api(owner.token).get(`/projects/${project}/hooks`, { query: { per_page: 1 } })
    expect([list.body.length, list.headers.get("x-total")]).toEqual([1, "2"])
    const hook = list.body[0]
    expect((await t.api(owner.token).get(`/projects/${project}/hooks/${hook.id}`)).body).toEqual(hook)
    expect((await t.api(owner.token).get(`/projects/${otherProject}/hooks/${hook.id}`)).status).toBe(404)
  })

  it("PUT changes the url; 400 for a missing or bad url leaves it; 404 for an unknown hook", async () => {
    const [hook] = (await t.api(owner.token).get(`/projects/${project}/hooks`)).body
    const res = await t
      .api(owner.token)
      .put(`/projects/${project}/hooks/${hook.id}`, { url: "https://example.com/new", issues_events: true })
    expect([res.status, res.body.url, res.body.issues_events]).toEqual([200, "https://example.com/new", true])
    expect((await t.api(owner.token).put(`/projects/${project}/hooks/${hook.id}`, {})).status).toBe(400)
    expect((await t.api(owner.token).put(`/projects/${project}/hooks/${hook.id}`, { url: "ftp://x" })).status).toBe(400)
    expect((await t.api(owner.token).get(`/projects/${project}/hooks/${hook.id}`)).body.url).toBe(
      "https://example.com/new",
    )
    expect((await t.api(owner.token).put(`/projects/${project}/hooks/999999`, { url: "http://x.io" })).status).toBe(404)
  })

  it("DELETE is scoped to the project and idempotent; DELETE without an id is 405", async () => {
    const [hook] = (await t.api(owner.token).get(`/projects/${project}/hooks`)).body
    expect((await t.api(owner.token).delete(`/projects/${otherProject}/hooks/${hook.id}`)).status).toBe(200)
    expect((await t.api(owner.token).get(`/projects/${project}/hooks/${hook.id}`)).status).toBe(200)
    const res = await t.api(owner.token).delete(`/projects/${project}/hooks/${hook.id}`)
    expect([res.status, res.body.id]).toEqual([200, hook.id])
    expect((await t.api(owner.token).delete(`/projects/${project}/hooks/${hook.id}`)).status).toBe(200)
    expect((await t.api(owner.token).delete(`/projects/${project}/hooks`)).status).toBe(405)
  })
})
