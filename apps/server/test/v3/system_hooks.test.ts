import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "../support/database.ts"
import { closedPortUrl, startReceiver } from "../support/receiver.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

/** Every spelling of the loopback receiver at `port` that the URL parser accepts (issue 11: they once got through). */
const loopbackSpellings = (port: string) => [
  `http://[::ffff:127.0.0.1]:${port}/mapped`,
  `http://[::ffff:7f00:1]:${port}/mapped-hex`,
  `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/mapped-long`,
  `http://2130706433:${port}/decimal`,
  `http://0x7f.1:${port}/hex`,
  `http://0177.0.0.1:${port}/octal`,
]

/** Local addresses in forms the loopback receiver cannot answer on: refused all the same. */
const otherLocalSpellings = (port: string) => [
  "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
  `http://[64:ff9b::7f00:1]:${port}/nat64`,
  `http://[64:ff9b:1::a00:1]:${port}/nat64-local`,
  `http://[2002:7f00:1::1]:${port}/6to4`,
  `http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:${port}/teredo`,
  `http://[::127.0.0.1]:${port}/compatible`,
  `http://0:${port}/zero`,
]

const SAMPLE = {
  event_name: "project_create",
  name: "Ruby",
  path: "ruby",
  project_id: 1,
  owner_name: "Someone",
  owner_email: "example@gitlabhq.com",
}

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
    for (const [method, path] of [
      ["GET", "/hooks"],
      ["POST", "/hooks"],
      ["GET", "/hooks/1"],
      ["DELETE", "/hooks/1"],
    ] as const) {
      expect((await t.request(method, path)).status).toBe(401)
      const res = await t.request(method, path, {
        token: jo.token,
        body: method === "POST" ? { url: "http://example.com" } : undefined,
      })
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
    }
  })

  it("POST /hooks: 201 Hook; 400 for a missing or non-http url; duplicates allowed", async () => {
    const res = await t.api(t.rootToken).post("/hooks", { url: receiver.url() })
    expect(res.status).toBe(201)
    expect(Object.keys(res.body)).toEqual(["id", "url", "created_at"])
    expect((await t.api(t.rootToken).post("/hooks", {})).body).toEqual({ message: '400 (Bad request) "url" not given' })
    expect((await t.api(t.rootToken).post("/hooks", { url: "mailto:x@y.z" })).body).toEqual({
      message: { url: ["is invalid"] },
    })
    expect((await t.api(t.rootToken).post("/hooks", { url: receiver.url("/second") })).status).toBe(201)
    expect((await t.api(t.rootToken).get("/hooks")).body.map((h: { url: string }) => h.url)).toEqual([
      receiver.url(),
      receiver.url("/second"),
    ])
  })

  it("delivers user_create and project_create to every system hook, as JSON", async () => {
    const kim = await t.createUser({ username: "kim", email: "kim@example.com", name: "Kim" })
    const project = (await t.api(kim.token).post("/projects", { name: "Hooked" })).body
    const created = (name: string, path: string) =>
      receiver.received.find(
        (r) =>
          r.path === path &&
          r.body.event_name === name &&
          (r.body.user_id === kim.id || r.body.project_id === project.id),
      )
    const addedToTeam = () =>
      receiver.received.some(
        (r) =>
          r.body.event_name === "user_add_to_team" &&
          r.body.project_id === project.id &&
          r.body.project_access === "Master",
      )
    // Deliveries run side by side (two per receiver), so they arrive in any order: wait for each one asserted.
    await deliveries(
      () =>
        created("project_create", "/second") !== undefined &&
        created("user_create", "/hook") !== undefined &&
        addedToTeam(),
    )
    expect(created("user_create", "/hook")?.body).toEqual({
      event_name: "user_create",
      created_at: expect.any(String),
      name: "Kim",
      email: "kim@example.com",
      user_id: kim.id,
    })
    expect(created("user_create", "/hook")?.contentType).toBe("application/json")
    expect(created("user_create", "/hook")?.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(created("project_create", "/second")?.body).toEqual({
      event_name: "project_create",
      created_at: expect.any(String),
      name: "Hooked",
      path: "hooked",
      path_with_namespace: "kim/hooked",
      project_id: project.id,
      owner_name: "Kim",
      owner_email: "kim@example.com",
    })
    expect(addedToTeam()).toBe(true)
    await t.api(t.rootToken).delete(`/users/${kim.id}`)
    await deliveries(
      () =>
        receiver.received.filter((r) => r.body.event_name === "user_destroy" && r.body.user_id === kim.id).length >= 2,
    )
    expect(
      receiver.received.filter((r) => r.body.event_name === "user_destroy" && r.body.user_id === kim.id),
    ).toHaveLength(2)
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

  it("with local hooks allowed, every spelling of the loopback receiver is delivered to (the refusal below is for locality alone)", async () => {
    const port = new URL(receiver.url()).port
    for (const url of loopbackSpellings(port)) {
      const hook = await t.api(t.rootToken).post("/hooks", { url })
      expect([url, hook.status]).toEqual([url, 201])
      expect((await t.api(t.rootToken).get(`/hooks/${hook.body.id}`)).status).toBe(200)
    }
    const paths = loopbackSpellings(port).map((url) => new URL(url).pathname)
    await deliveries(() =>
      paths.every((path) => receiver.received.some((r) => r.path === path && r.body.name === "Ruby")),
    )
    expect(paths.filter((path) => !receiver.received.some((r) => r.path === path))).toEqual([])
    for (const hook of (await t.api(t.rootToken).get("/hooks")).body as Array<{ id: number }>)
      await t.api(t.rootToken).delete(`/hooks/${hook.id}`)
  })
})

describe.each(dialects)("hook URLs on local addresses on %s", (dialect) => {
  it("are refused unless LABRADOR_HOOKS_ALLOW_LOCAL is set", async () => {
    const t = await startTestServer(dialect, { LABRADOR_WORKER: "embedded" })
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

  it("every spelling of a local address, IPv4-mapped, NAT64, 6to4 and Teredo forms too: project hooks, system hooks and their test send are accepted as 127.0.0.1 is, and never delivered", async () => {
    const t = await startTestServer(dialect, { LABRADOR_WORKER: "embedded" })
    const receiver = await startReceiver()
    const db = await inspectDatabase(t, dialect)
    try {
      const port = new URL(receiver.url()).port
      const urls = [receiver.url("/plain"), ...loopbackSpellings(port), ...otherLocalSpellings(port)]
      const owner = await t.createUser()
      const project = (await t.api(owner.token).post("/projects", { name: "local" })).body.id
      for (const url of urls) {
        // The same answers as for the plain loopback URL: the address is judged where the hook is sent.
        expect([
          url,
          (await t.api(owner.token).post(`/projects/${project}/hooks`, { url, issues_events: true })).status,
        ]).toEqual([url, 201])
        const hook = await t.api(t.rootToken).post("/hooks", { url })
        expect([url, hook.status]).toEqual([url, 201])
        expect([url, (await t.api(t.rootToken).get(`/hooks/${hook.body.id}`)).body]).toEqual([url, SAMPLE])
      }
      await t.api(owner.token).post(`/projects/${project}/issues`, { title: "Ping" })
      await t.createUser()
      // An attempt counts once it has ended: the claim raises `attempts` before the attempt records its outcome.
      const attempted = async () =>
        (await db.rows("hook_deliveries")).filter(
          (row) => Number(row.attempts) > 0 && (row.last_error !== null || row.last_status_code !== null),
        )
      // Each URL at least thrice: a project hook (the issue), a system hook (its test send, the user_create).
      const everyUrlTried = (rows: Array<Record<string, unknown>>) =>
        urls.every((url) => rows.filter((row) => row.url === url).length >= 3)
      for (let i = 0; i < 20 && !everyUrlTried(await attempted()); i++) await t.server.worker!.nextRound()
      const rows = await attempted()
      for (const url of urls) expect([url, rows.filter((row) => row.url === url).length >= 3]).toEqual([url, true])
      for (const row of rows)
        expect([row.url, row.last_status_code, row.last_error]).toEqual([
          row.url,
          null,
          expect.stringMatching(/^refused: .* is a local address/),
        ])
      expect(receiver.received).toEqual([])
    } finally {
      await db.close()
      await t.close()
      await receiver.close()
    }
  })
})
