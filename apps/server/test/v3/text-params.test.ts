import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "../support/database.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const NUL = "a\u0000b"

/**
 * Text the databases cannot store (a NUL byte) is decided where the parameters are read: 400 on
 * that attribute, in GitLab's validation format, whatever the route and however it was sent, and
 * nothing written.
 */
describe.each(dialects)("text parameters on %s", (dialect) => {
  let t: TestServer
  let db: Awaited<ReturnType<typeof inspectDatabase>>
  let project: number
  let issue: number
  const count = async (table: string) => (await db.rows(table)).length
  const invalid = (attribute: string) => ({ message: { [attribute]: ["is invalid"] } })

  beforeAll(async () => {
    t = await startTestServer(dialect)
    db = await inspectDatabase(t, dialect)
    project = (await t.api(t.rootToken).post("/projects", { name: "texts" })).body.id
    issue = (await t.api(t.rootToken).post(`/projects/${project}/issues`, { title: "kept" })).body.id
  })
  afterAll(async () => {
    await db.close()
    await t.close()
  })

  it("user_teams name, sent as JSON, as a form or in the query string", async () => {
    const before = await count("user_teams")
    const root = t.api(t.rootToken)
    for (const res of [
      await root.post("/user_teams", { name: NUL, path: "t1" }),
      await root.post("/user_teams", { name: NUL, path: "t2" }, { form: true }),
      await t.request("POST", "/user_teams", { token: t.rootToken, query: { name: NUL, path: "t3" } }),
    ])
      expect([res.status, res.body]).toEqual([400, invalid("name")])
    expect(await count("user_teams")).toBe(before)
  })

  it("issues title, on create and on update", async () => {
    const before = await count("issues")
    const created = await t.api(t.rootToken).post(`/projects/${project}/issues`, { title: NUL })
    expect([created.status, created.body]).toEqual([400, invalid("title")])
    const updated = await t.api(t.rootToken).put(`/projects/${project}/issues/${issue}`, { title: NUL }, { form: true })
    expect([updated.status, updated.body]).toEqual([400, invalid("title")])
    expect(await count("issues")).toBe(before)
    expect((await t.api(t.rootToken).get(`/projects/${project}/issues/${issue}`)).body.title).toBe("kept")
  })

  it("users name", async () => {
    const before = await count("users")
    const res = await t
      .api(t.rootToken)
      .post("/users", { email: "nul@example.com", password: "secret123", username: "nul", name: NUL })
    expect([res.status, res.body]).toEqual([400, invalid("name")])
    expect(await count("users")).toBe(before)
  })

  it("projects description", async () => {
    const before = await count("projects")
    const res = await t.api(t.rootToken).post("/projects", { name: "described", description: NUL })
    expect([res.status, res.body]).toEqual([400, invalid("description")])
    expect(await count("projects")).toBe(before)
  })

  it("notes body, on the wall and on an issue", async () => {
    const before = await count("notes")
    for (const path of [`/projects/${project}/notes`, `/projects/${project}/issues/${issue}/notes`]) {
      const res = await t.api(t.rootToken).post(path, { body: NUL })
      expect([res.status, res.body]).toEqual([400, invalid("body")])
    }
    expect(await count("notes")).toBe(before)
  })

  it("every attribute holding one is named at once", async () => {
    const res = await t
      .api(t.rootToken)
      .post(`/projects/${project}/issues`, { title: NUL, description: NUL, labels: `x,${NUL}` })
    expect([res.status, res.body]).toEqual([
      400,
      { message: { title: ["is invalid"], description: ["is invalid"], labels: ["is invalid"] } },
    ])
  })

  it("in a path segment it names no resource: 404", async () => {
    expect((await t.api(t.rootToken).get(`/projects/${encodeURIComponent(`root/${NUL}`)}`)).status).toBe(404)
  })
})
