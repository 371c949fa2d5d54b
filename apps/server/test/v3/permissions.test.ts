import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

/**
 * The project permission matrix: every project route × every kind of caller, generated from
 * the table below (spec/v3/projects.yaml abilities_5x; admins act as owners, GitLab 6.x).
 */
const ROLES = ["anonymous", "nonMember", "guest", "reporter", "developer", "master", "owner", "admin"] as const
type Role = (typeof ROLES)[number]
type Outcomes = Record<Role, number>

/** Any reader of the project (guest and up) gets `ok`; strangers 404 (existence not leaked). */
const readers = (ok: number): Outcomes => ({
  anonymous: 401,
  nonMember: 404,
  guest: ok,
  reporter: ok,
  developer: ok,
  master: ok,
  owner: ok,
  admin: ok,
})
/** Masters, the owner and admins get `ok`; lower members 403. */
const masters = (ok: number): Outcomes => ({ ...readers(ok), guest: 403, reporter: 403, developer: 403 })
/** Admin-only routes refuse everyone else with 403 before any lookup. */
const adminOnly = (ok: number): Outcomes => ({
  anonymous: 401,
  nonMember: 403,
  guest: 403,
  reporter: 403,
  developer: 403,
  master: 403,
  owner: 403,
  admin: ok,
})

interface Fixture {
  readonly project: number
  readonly other: number
  readonly hook: number
  readonly outsider: number
  readonly member: number
}

interface Row {
  readonly route: string
  readonly outcomes: Outcomes
  readonly request: (f: Fixture) => {
    method: "GET" | "POST" | "PUT" | "DELETE"
    path: string
    body?: Record<string, unknown>
  }
}

const TABLE: ReadonlyArray<Row> = [
  {
    route: "GET /projects/:id",
    outcomes: readers(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}` }),
  },
  {
    route: "GET /projects/:id/events",
    outcomes: readers(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}/events` }),
  },
  {
    route: "GET /projects/:id/members",
    outcomes: readers(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}/members` }),
  },
  {
    route: "GET /projects/:id/members/:user_id",
    outcomes: readers(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}/members/${f.member}` }),
  },
  {
    route: "POST /projects/:id/members",
    outcomes: masters(201),
    request: (f) => ({
      method: "POST",
      path: `/projects/${f.project}/members`,
      body: { user_id: f.member, access_level: 10 },
    }),
  },
  {
    route: "PUT /projects/:id/members/:user_id",
    outcomes: masters(200),
    request: (f) => ({ method: "PUT", path: `/projects/${f.project}/members/${f.member}`, body: { access_level: 10 } }),
  },
  {
    route: "DELETE /projects/:id/members/:user_id",
    outcomes: masters(200),
    request: (f) => ({ method: "DELETE", path: `/projects/${f.project}/members/${f.outsider}` }),
  },
  {
    route: "GET /projects/:id/hooks",
    outcomes: masters(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}/hooks` }),
  },
  {
    route: "GET /projects/:id/hooks/:hook_id",
    outcomes: masters(200),
    request: (f) => ({ method: "GET", path: `/projects/${f.project}/hooks/${f.hook}` }),
  },
  {
    route: "POST /projects/:id/hooks",
    outcomes: masters(201),
    request: (f) => ({
      method: "POST",
      path: `/projects/${f.project}/hooks`,
      body: { url: "http://example.com/matrix" },
    }),
  },
  {
    route: "PUT /projects/:id/hooks/:hook_id",
    outcomes: masters(200),
    request: (f) => ({
      method: "PUT",
      path: `/projects/${f.project}/hooks/${f.hook}`,
      body: { url: "http://example.com/edited" },
    }),
  },
  {
    route: "DELETE /projects/:id/hooks/:hook_id",
    outcomes: masters(200),
    request: (f) => ({ method: "DELETE", path: `/projects/${f.project}/hooks/999999` }),
  },
  {
    route: "DELETE /projects/:id/fork",
    outcomes: adminOnly(200),
    request: (f) => ({ method: "DELETE", path: `/projects/${f.project}/fork` }),
  },
  {
    route: "GET /projects/all",
    outcomes: { ...adminOnly(200), nonMember: 403 },
    request: () => ({ method: "GET", path: "/projects/all" }),
  },
]

describe.each(dialects)("project permission matrix on %s", (dialect) => {
  let t: TestServer
  let tokens: Record<Role, string | undefined>
  let fixture: Fixture

  beforeAll(async () => {
    t = await startTestServer(dialect)
    const owner = await t.createUser()
    const users = {
      nonMember: await t.createUser(),
      guest: await t.createUser(),
      reporter: await t.createUser(),
      developer: await t.createUser(),
      master: await t.createUser(),
    }
    const member = await t.createUser()
    const outsider = await t.createUser()
    const project = (await t.api(owner.token).post("/projects", { name: "matrix" })).body.id as number
    const other = (await t.api(owner.token).post("/projects", { name: "other" })).body.id as number
    for (const [role, level] of [
      ["guest", 10],
      ["reporter", 20],
      ["developer", 30],
      ["master", 40],
    ] as const)
      expect(
        (
          await t
            .api(owner.token)
            .post(`/projects/${project}/members`, { user_id: users[role].id, access_level: level })
        ).status,
      ).toBe(201)
    await t.api(owner.token).post(`/projects/${project}/members`, { user_id: member.id, access_level: 10 })
    const hook = (await t.api(owner.token).post(`/projects/${project}/hooks`, { url: "http://example.com/h" })).body
      .id as number
    fixture = { project, other, hook, outsider: outsider.id, member: member.id }
    tokens = {
      anonymous: undefined,
      nonMember: users.nonMember.token,
      guest: users.guest.token,
      reporter: users.reporter.token,
      developer: users.developer.token,
      master: users.master.token,
      owner: owner.token,
      admin: t.rootToken,
    }
  })
  afterAll(() => t.close())

  for (const row of TABLE)
    describe(row.route, () => {
      for (const role of ROLES)
        it(`${role} → ${row.outcomes[role]}`, async () => {
          const { method, path, body } = row.request(fixture)
          const res = await t.request(method, path, { token: tokens[role], body })
          expect(res.status).toBe(row.outcomes[role])
          if (res.status === 404) expect(res.body.message).toMatch(/404.*not found/i)
          if (res.status === 403) expect(res.body).toEqual({ message: "403 Forbidden" })
          if (res.status === 401) expect(res.body).toEqual({ message: "401 Unauthorized" })
        })
    })

  describe("POST /projects/:id/fork/:forked_from_id", () => {
    for (const role of ROLES)
      it(`${role} → ${adminOnly(201)[role]}`, async () => {
        const res = await t.request("POST", `/projects/${fixture.project}/fork/${fixture.other}`, {
          token: tokens[role],
        })
        expect(res.status).toBe(adminOnly(201)[role])
        if (res.status === 201) await t.api(t.rootToken).delete(`/projects/${fixture.project}/fork`)
      })
  })

  describe("DELETE /projects/:id (a fresh project each time: only the owner and admins may)", () => {
    const outcomes: Outcomes = { ...masters(200), master: 403 }
    for (const role of ROLES)
      it(`${role} → ${outcomes[role]}`, async () => {
        const ownerToken = tokens.owner!
        const created = await t.api(ownerToken).post("/projects", { name: `doomed-${role}` })
        const id = created.body.id as number
        for (const [r, level] of [
          ["guest", 10],
          ["reporter", 20],
          ["developer", 30],
          ["master", 40],
        ] as const) {
          const userId = (await t.api(tokens[r]).get("/user")).body.id
          await t.api(ownerToken).post(`/projects/${id}/members`, { user_id: userId, access_level: level })
        }
        const res = await t.request("DELETE", `/projects/${id}`, { token: tokens[role] })
        expect(res.status).toBe(outcomes[role])
        const after = await t.api(ownerToken).get(`/projects/${id}`)
        expect(after.status).toBe(outcomes[role] === 200 ? 404 : 200)
        if (after.status === 200) await t.api(ownerToken).delete(`/projects/${id}`)
      })
  })
})
