import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>
const MEMBER_KEYS = ["id", "username", "email", "name", "state", "created_at", "access_level"]

describe.each(dialects)("project members API on %s", (dialect) => {
  let t: TestServer
  let owner: User
  let dev: User
  let other: User
  let project: number
  beforeAll(async () => {
    t = await startTestServer(dialect)
    owner = await t.createUser({ username: "owner" })
    dev = await t.createUser({ username: "dev" })
    other = await t.createUser({ username: "other" })
    project = (await t.api(owner.token).post("/projects", { name: "team" })).body.id
  })
  afterAll(() => t.close())

  it("POST adds a member: 201 ProjectMember, a 'joined' event, and the project in his list", async () => {
    const res = await t.api(owner.token).post(`/projects/${project}/members`, { user_id: dev.id, access_level: 30 })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body)).toEqual(MEMBER_KEYS)
    expect(res.body).toMatchObject({ id: dev.id, username: "dev", access_level: 30, state: "active" })
    expect((await t.api(dev.token).get("/projects")).body.map((p: { id: number }) => p.id)).toEqual([project])
    const [latest] = (await t.api(dev.token).get(`/projects/${project}/events`)).body
    expect(latest).toMatchObject({ action_name: "joined", author_id: dev.id })
  })

  it("POST for an existing member returns the existing membership unchanged, 201", async () => {
    const res = await t.api(owner.token).post(`/projects/${project}/members`, { user_id: dev.id, access_level: 10 })
    expect([res.status, res.body.access_level]).toEqual([201, 30])
  })

  it("POST: 400 for missing user_id or access_level, or a level outside 10/20/30/40; 404 for an unknown user", async () => {
    expect((await t.api(owner.token).post(`/projects/${project}/members`, { access_level: 10 })).body).toEqual({
      message: '400 (Bad request) "user_id" not given',
    })
    expect((await t.api(owner.token).post(`/projects/${project}/members`, { user_id: other.id })).body).toEqual({
      message: '400 (Bad request) "access_level" not given',
    })
    for (const level of [50, 0, 15]) {
      const res = await t
        .api(owner.token)
        .post(`/projects/${project}/members`, { user_id: other.id, access_level: level })
      expect([res.status, res.body]).toEqual([400, { message: { access_level: ["is not included in the list"] } }])
    }
    expect(
      (await t.api(owner.token).post(`/projects/${project}/members`, { user_id: other.id, access_level: "high" }))
        .status,
    ).toBe(400)
    expect(
      (await t.api(owner.token).post(`/projects/${project}/members`, { user_id: 999999, access_level: 10 })).status,
    ).toBe(404)
    expect((await t.api(other.token).get(`/projects/${project}`)).status).toBe(404)
  })

  it("GET lists direct members with a username query and pagination; GET one; 404 for a non-member", async () => {
    const all = await t.api(dev.token).get(`/projects/${project}/members`)
    expect(all.body.map((m: { username: string }) => m.username)).toEqual(["owner", "dev"])
    expect(
      (await t.api(dev.token).get(`/projects/${project}/members`, { query: { query: "DE" } })).body.map(
        (m: { username: string }) => m.username,
      ),
    ).toEqual(["dev"])
    const paged = await t.api(dev.token).get(`/projects/${project}/members`, { query: { per_page: 1, page: 2 } })
    expect([paged.body.length, paged.headers.get("x-total")]).toEqual([1, "2"])
    expect((await t.api(dev.token).get(`/projects/${project}/members/${owner.id}`)).body).toMatchObject({
      id: owner.id,
      access_level: 40,
    })
    expect((await t.api(dev.token).get(`/projects/${project}/members/${other.id}`)).status).toBe(404)
  })

  it("PUT changes the level; 400 missing/invalid level leaves it; 404 'User can not be found' for a non-member", async () => {
    const res = await t.api(owner.token).put(`/projects/${project}/members/${dev.id}`, { access_level: 20 })
    expect([res.status, res.body.access_level]).toEqual([200, 20])
    expect((await t.api(owner.token).put(`/projects/${project}/members/${dev.id}`, {})).body).toEqual({
      message: '400 (Bad request) "access_level" not given',
    })
    expect((await t.api(owner.token).put(`/projects/${project}/members/${dev.id}`, { access_level: 99 })).status).toBe(
      400,
    )
    expect((await t.api(dev.token).get(`/projects/${project}/members/${dev.id}`)).body.access_level).toBe(20)
    const missing = await t.api(owner.token).put(`/projects/${project}/members/${other.id}`, { access_level: 20 })
    expect([missing.status, missing.body]).toEqual([404, { message: "404 User can not be found Not Found" }])
  })

  it("DELETE removes the member (a 'left' event; he loses access), and is idempotent", async () => {
    const res = await t.api(owner.token).delete(`/projects/${project}/members/${dev.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user_id: dev.id, project_id: project })
    expect((await t.api(dev.token).get(`/projects/${project}`)).status).toBe(404)
    expect((await t.api(owner.token).delete(`/projects/${project}/members/${dev.id}`)).status).toBe(200)
    expect((await t.api(owner.token).delete(`/projects/${project}/members/999999`)).status).toBe(200)
    const [latest] = (await t.api(owner.token).get(`/projects/${project}/events`)).body
    expect(latest).toMatchObject({ action_name: "left", author_id: dev.id })
  })

  it("GET /projects/:id/events pages from zero, as GitLab 5.x did", async () => {
    const all = (await t.api(owner.token).get(`/projects/${project}/events`)).body
    expect(all.length).toBeGreaterThanOrEqual(3)
    const first = await t.api(owner.token).get(`/projects/${project}/events`, { query: { per_page: 1, page: 0 } })
    const second = await t.api(owner.token).get(`/projects/${project}/events`, { query: { per_page: 1, page: 1 } })
    expect([first.body, second.body]).toEqual([[all[0]], [all[1]]])
  })

  it("the owner keeps access through namespace ownership after removing his own row", async () => {
    expect((await t.api(owner.token).delete(`/projects/${project}/members/${owner.id}`)).status).toBe(200)
    expect((await t.api(owner.token).get(`/projects/${project}`)).status).toBe(200)
    expect(
      (await t.api(owner.token).post(`/projects/${project}/members`, { user_id: owner.id, access_level: 40 })).status,
    ).toBe(201)
  })
})
