import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { closedPortUrl, startReceiver } from "../support/receiver.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const SAMPLE = { event_name: "project_create", name: "Ruby", path: "ruby", project_id: 1, owner_name: "Someone", owner_email: "example@gitlabhq.com" }

describe.each(dialects)("system hooks on %s", (dialect) => {
  let t: TestServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let jo: Awaited<ReturnType<TestServer["createUser"]>>
  /** Rounds of the embedded worker until `done` holds (or give up after a few). */
  const deliveries = async (done: () => boolean) => {
    for (let i = 0; i < 20 && !done(); i++) await t.server.worker!.nextRound()
  }
  beforeAll(async () => {
    t = await startTestServer(dialect, { LABRADOR_WORKER: "embedded", LABRADOR_HOOKS_ALLOW_LOCAL: "true" })
    receiver = await startReceiver()
    jo = await t.createUser()
  })
  afterAll(async () => {
    await t.close()
    await receiver.close()
  })

  it("admin only: 401 anonymous, 403 non-admin on every route", async () => {
    for (const [method, path] of [["GET", "/hooks"], ["POST", "/hooks"], ["GET", "/hooks/1"], ["DELETE", "/hooks/1"]] as const) {
      expect((await t.request(method, path)).status).toBe(401)
      const res = await t.request(method, path, { token: jo.token, body: method === "POST" ? { url: "http://example.com" } : undefined })
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
    }
  })

  it("POST /hooks: 201 Hook; 400 for a missing or non-http url; duplicates allowed", async () => {
    const res = await t.api(t.rootToken).post("/hooks", { url: receiver.url() })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body)).toEqual(["id", "url", "created_at"])
    expect((await t.api(t.rootToken).post("/hooks", {})).body).toEqual({ message: '400 (Bad request) "url" not given' })
    expect((await t.api(t.rootToken).post("/hooks", { url: "mailto:x@y.z" })).body).toEqual({ message: { url: ["is invalid"] } })
    expect((await t.api(t.rootToken).post("/hooks", { url: receiver.url("/second") })).status).toBe(201)
    expect((await t.api(t.rootToken).get("/hooks")).body.map((h: { url: string }) => h.url)).toEqual([receiver.url(), receiver.url("/second")])
  })

  it("delivers user_create and project_create to every system hook, as JSON", async () => {
    const kim = await t.createUser({ username: "kim", email: "kim@example.com", name: "Kim" })
    const project = (await t.api(kim.token).post("/projects", { name: "Hooked" })).body
    const created = (name: string, path: string) => receiver.received.find((r) => r.path === path && r.body.event_name === name && (r.body.user_id === kim.id || r.body.project_id === project.id))
    await deliveries(() => created("project_create", "/second") !== undefined && created("user_create", "/hook") !== undefined)
    expect(created("user_create", "/hook")?.body).toEqual({ event_name: "user_create", created_at: expect.any(String), name: "Kim", email: "kim@example.com", user_id: kim.id })
    expect(created("user_create", "/hook")?.contentType).toBe("application/json")
    expect(created("user_create", "/hook")?.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(created("project_create", "/second")?.body).toEqual({
      event_name: "project_create", created_at: expect.any(String), name: "Hooked", path: "hooked", path_with_namespace: "kim/hooked", project_id: project.id, owner_name: "Kim", owner_email: "kim@example.com",
    })
    expect(receiver.received.some((r) => r.body.event_name === "user_add_to_team" && r.body.project_id === project.id && r.body.project_access === "Master")).toBe(true)
    await t.api(t.rootToken).delete(`/users/${kim.id}`)
    await deliveries(() => receiver.received.some((r) => r.body.event_name === "user_destroy" && r.body.user_id === kim.id))
    expect(receiver.received.filter((r) => r.body.event_name === "user_destroy" && r.body.user_id === kim.id)).toHaveLength(2)
  })

  it("GET /hooks/:id answers the fixed sample and fires it, even at a closed port; 404 unknown", async () => {
    const [hook] = (await t.api(t.rootToken).get("/hooks")).body
    const res = await t.api(t.rootToken).get(`/hooks/${hook.id}`)
    expect([res.status, res.body]).toEqual([200, SAMPLE])
    await deliveries(() => receiver.received.some((r) => r.body.name === "Ruby"))
    expect(receiver.received.find((r) => r.body.name === "Ruby")?.body).toEqual(SAMPLE)
    const dead = await t.api(t.rootToken).post("/hooks", { url: await closedPortUrl() })
    expect((await t.api(t.rootToken).get(`/hooks/${dead.body.id}`)).body).toEqual(SAMPLE)
    expect((await t.api(t.rootToken).get("/hooks/999999")).status).toBe(404)
  })

  it("DELETE /hooks/:id is idempotent; a deleted hook receives nothing more", async () => {
    const hooks = (await t.api(t.rootToken).get("/hooks")).body as Array<{ id: number; url: string }>
    for (const hook of hooks) {
      const res = await t.api(t.rootToken).delete(`/hooks/${hook.id}`)
      expect([res.status, res.body.id]).toEqual([200, hook.id])
      expect((await t.api(t.rootToken).delete(`/hooks/${hook.id}`)).status).toBe(200)
    }
    const before = receiver.received.length
    await t.createUser()
    await t.server.worker!.nextRound()
    await t.server.worker!.nextRound()
    expect(receiver.received.length).toBe(before)
  })
})

describe("hook URLs on local addresses", () => {
  it("are refused unless LABRADOR_HOOKS_ALLOW_LOCAL is set", async () => {
    const t = await startTestServer("sqlite", { LABRADOR_WORKER: "embedded" })
    const receiver = await startReceiver()
    try {
      expect((await t.api(t.rootToken).post("/hooks", { url: receiver.url() })).status).toBe(201)
      await t.createUser()
      for (let i = 0; i < 3; i++) await t.server.worker!.nextRound()
      expect(receiver.received).toEqual([])
    } finally {
      await t.close()
      await receiver.close()
    }
  })
})
