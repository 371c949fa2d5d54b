import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "../support/database.ts"
import {
  atLeast,
  projectWithRoles,
  readers,
  ROLES,
  type Outcomes,
  type ProjectWithRoles,
  type Role,
} from "../support/project-roles.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
const MILESTONE_KEYS = ["id", "project_id", "title", "description", "due_date", "state", "updated_at", "created_at"]

describe.each(dialects)("milestones API on %s", (dialect) => {
  let t: TestServer
  let p: ProjectWithRoles
  let other: ProjectWithRoles
  let db: Awaited<ReturnType<typeof inspectDatabase>>
  const base = () => `/projects/${p.projectId}/milestones`
  const token = (role: Role) => p.callers[role].token
  const milestoneCount = async () => (await db.rows("milestones")).length
  const create = async (body: Record<string, unknown>) => {
    const res = await t.api(token("master")).post(base(), body)
    expect(res.status).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    t = await startTestServer(dialect)
    p = await projectWithRoles(t, "planner")
    other = await projectWithRoles(t, "elsewhere")
    db = await inspectDatabase(t, dialect)
  })
  afterAll(async () => {
    await db.close()
    await t.close()
  })

  describe("POST /projects/:id/milestones", () => {
    it("201 for a master: the Milestone entity, state active, nulls for what was not given; no event", async () => {
      const eventsBefore = (await db.rows("events", { project_id: p.projectId })).length
      const res = await t.api(token("master")).post(base(), { title: "v1.0" })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(MILESTONE_KEYS)
      expect(res.body).toEqual({
        id: expect.any(Number),
        project_id: p.projectId,
        title: "v1.0",
        description: null,
        due_date: null,
        state: "active",
        updated_at: TIME,
        created_at: TIME,
      })
      expect((await t.api(token("guest")).get(`${base()}/${res.body.id}`)).body).toEqual(res.body)
      expect((await db.rows("events", { project_id: p.projectId })).length).toBe(eventsBefore)
    })

    it("201 with a description and a due date, echoed back as given; for the owner and admins too", async () => {
      const res = await t
        .api(token("owner"))
        .post(base(), { title: "v2.0", description: "The big one", due_date: "2013-07-20" })
      expect([res.status, res.body.description, res.body.due_date]).toEqual([201, "The big one", "2013-07-20"])
      const form = await t.api(token("admin")).post(base(), { title: "v2.1", due_date: "2012-02-29" }, { form: true })
      expect([form.status, form.body.due_date]).toEqual([201, "2012-02-29"])
    })

    it("403 for a developer, a reporter and a guest, before the title is looked at; nothing written", async () => {
      const before = await milestoneCount()
      for (const role of ["developer", "reporter", "guest"] as const) {
        const res = await t.api(token(role)).post(base(), {})
        expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      }
      expect(await milestoneCount()).toBe(before)
    })

    it("400 when the title is missing or blank; 400 on due_date for dates that are not dates; 400 for a title over 255; nothing written", async () => {
      const before = await milestoneCount()
      for (const body of [{}, { title: "  ", due_date: "2013-01-01" }]) {
        const res = await t.api(token("master")).post(base(), body)
        expect([res.status, res.body]).toEqual([400, { message: '400 (Bad request) "title" not given' }])
      }
      for (const dueDate of ["2013-02-30", "tomorrow", "2013/07/20", "20130720", "2013-13-01"]) {
        const res = await t.api(token("master")).post(base(), { title: "dated", due_date: dueDate })
        expect([res.status, res.body]).toEqual([400, { message: { due_date: ["is invalid"] } }])
      }
      const long = await t.api(token("master")).post(base(), { title: "m".repeat(256) })
      expect([long.status, long.body]).toEqual([
        400,
        { message: { title: ["is too long (maximum is 255 characters)"] } },
      ])
      expect(await milestoneCount()).toBe(before)
    })

    it("401 without a token, 404 for a stranger and an unknown project", async () => {
      expect([
        (await t.api().post(base(), { title: "x" })).status,
        (await t.api().post(base(), { title: "x" })).body,
      ]).toEqual([401, { message: "401 Unauthorized" }])
      expect((await t.api(token("nonMember")).post(base(), { title: "x" })).status).toBe(404)
      expect((await t.api(token("master")).post("/projects/999999/milestones", { title: "x" })).status).toBe(404)
    })
  })

  describe("GET /projects/:id/milestones", () => {
    it("200 for a guest: active and closed ones, ascending id, paginated", async () => {
      const closed = await create({ title: "closed one" })
      await t.api(token("master")).put(`${base()}/${closed.id}`, { state_event: "close" })
      const all = await t.api(token("guest")).get(base())
      expect(all.status).toBe(200)
      expect(all.body.map((m: { title: string }) => m.title)).toEqual(["v1.0", "v2.0", "v2.1", "closed one"])
      expect(all.body.map((m: { state: string }) => m.state)).toEqual(["active", "active", "active", "closed"])
      const page = await t.api(token("guest")).get(base(), { query: { per_page: 1, page: 4 } })
      expect([page.body.map((m: { id: number }) => m.id), page.headers.get("x-total")]).toEqual([[closed.id], "4"])
    })

    it("401 without a token, 404 for a stranger", async () => {
      expect((await t.api().get(base())).status).toBe(401)
      expect((await t.api(token("nonMember")).get(base())).status).toBe(404)
    })
  })

  describe("GET /projects/:id/milestones/:milestone_id", () => {
    it("404 for another project's milestone, an unknown id and a non-numeric one", async () => {
      const foreign = await t
        .api(other.callers.master.token)
        .post(`/projects/${other.projectId}/milestones`, { title: "theirs" })
      for (const id of [foreign.body.id, 999999, "abc"]) {
        const res = await t.api(token("guest")).get(`${base()}/${id}`)
        expect(res.status).toBe(404)
        expect(res.body.message).toMatch(/^404 .*not found$/i)
      }
    })
  })

  describe("PUT /projects/:id/milestones/:milestone_id", () => {
    it("200 for a master: present attributes applied, blank ones ignored, no attributes → unchanged", async () => {
      const milestone = await create({ title: "draft", description: "first", due_date: "2013-01-01" })
      const res = await t
        .api(token("master"))
        .put(`${base()}/${milestone.id}`, { title: "final", description: "", due_date: "2013-12-31" })
      expect([res.status, res.body]).toEqual([
        200,
        { ...milestone, title: "final", due_date: "2013-12-31", updated_at: TIME },
      ])
      expect((await t.api(token("guest")).get(`${base()}/${milestone.id}`)).body).toEqual(res.body)
      const empty = await t.api(token("master")).put(`${base()}/${milestone.id}`, {})
      expect([empty.status, empty.body]).toEqual([200, res.body])
    })

    it("state_event close → closed with a 'closed' event by the caller; activate → active", async () => {
      const milestone = await create({ title: "release" })
      const closed = await t.api(token("owner")).put(`${base()}/${milestone.id}`, { state_event: "close" })
      expect([closed.status, closed.body.state]).toEqual([200, "closed"])
      const [event] = (await t.api(token("guest")).get(`/projects/${p.projectId}/events`)).body
      expect(event).toEqual({
        title: null,
        project_id: p.projectId,
        action_name: "closed",
        target_id: milestone.id,
        target_type: "Milestone",
        author_id: p.callers.owner.user!.id,
        data: null,
        target_title: "release",
      })
      const active = await t.api(token("master")).put(`${base()}/${milestone.id}`, { state_event: "activate" })
      expect([active.status, active.body.state]).toEqual([200, "active"])
    })

    it("400 for an impossible or unknown state_event and a bad due_date; the milestone is unchanged", async () => {
      const milestone = await create({ title: "steady", due_date: "2013-05-05" })
      const path = `${base()}/${milestone.id}`
      for (const [body, message] of [
        [{ state_event: "activate" }, { state_event: ["is invalid"] }],
        [{ state_event: "reopen", title: "moved" }, { state_event: ["is invalid"] }],
        [{ due_date: "2013-02-29", title: "moved" }, { due_date: ["is invalid"] }],
      ] as const) {
        const res = await t.api(token("master")).put(path, body)
        expect([res.status, res.body]).toEqual([400, { message }])
      }
      expect((await t.api(token("guest")).get(path)).body).toEqual(milestone)
      expect((await t.api(token("master")).put(path, { state_event: "close" })).status).toBe(200)
      const again = await t.api(token("master")).put(path, { state_event: "close" })
      expect([again.status, again.body]).toEqual([400, { message: { state_event: ["is invalid"] } }])
    })

    it("403 for a developer before the milestone lookup; 404 for an unknown or foreign milestone; 404 stranger; 401 anonymous", async () => {
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("developer")).put(`${base()}/${first.id}`, { title: "x" })).status).toBe(403)
      expect((await t.api(token("developer")).put(`${base()}/999999`, { title: "x" })).status).toBe(403)
      const foreign = (await t.api(other.callers.master.token).get(`/projects/${other.projectId}/milestones`)).body[0]
      expect((await t.api(token("master")).put(`${base()}/999999`, { title: "x" })).status).toBe(404)
      expect((await t.api(token("master")).put(`${base()}/${foreign.id}`, { title: "x" })).status).toBe(404)
      expect((await t.api(token("nonMember")).put(`${base()}/${first.id}`, { title: "x" })).status).toBe(404)
      expect((await t.api().put(`${base()}/${first.id}`, { title: "x" })).status).toBe(401)
      expect((await t.api(token("guest")).get(`${base()}/${first.id}`)).body).toEqual(first)
    })
  })

  describe("GET /projects/:id/milestones/:milestone_id/issues", () => {
    it("200: the milestone's issues only, ascending id, paginated; [] for a milestone without issues", async () => {
      const milestone = await create({ title: "with issues" })
      const empty = await create({ title: "without issues" })
      const ids: Array<number> = []
      for (const title of ["one", "two", "three"])
        ids.push(
          (await t.api(token("guest")).post(`/projects/${p.projectId}/issues`, { title, milestone_id: milestone.id }))
            .body.id,
        )
      await t.api(token("guest")).post(`/projects/${p.projectId}/issues`, { title: "unplanned" })
      const res = await t.api(token("reporter")).get(`${base()}/${milestone.id}/issues`)
      expect(res.status).toBe(200)
      expect(res.body.map((issue: { id: number }) => issue.id)).toEqual(ids)
      expect(res.body[0].milestone).toEqual(milestone)
      const page = await t
        .api(token("reporter"))
        .get(`${base()}/${milestone.id}/issues`, { query: { per_page: 2, page: 2 } })
      expect([page.body.map((issue: { id: number }) => issue.id), page.headers.get("x-total")]).toEqual([[ids[2]], "3"])
      expect((await t.api(token("reporter")).get(`${base()}/${empty.id}/issues`)).body).toEqual([])
    })

    it("404 for an unknown milestone, 404 for a stranger, 401 anonymous", async () => {
      expect((await t.api(token("guest")).get(`${base()}/999999/issues`)).status).toBe(404)
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).get(`${base()}/${first.id}/issues`)).status).toBe(404)
      expect((await t.api().get(`${base()}/${first.id}/issues`)).status).toBe(401)
    })
  })

  describe("DELETE /projects/:id/milestones/:milestone_id", () => {
    it("is no route of this era: 405, and the milestone stays", async () => {
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("owner")).delete(`${base()}/${first.id}`)).status).toBe(405)
      expect((await t.api(token("guest")).get(`${base()}/${first.id}`)).status).toBe(200)
    })
  })

  describe("permission matrix", () => {
    let milestoneId: number
    beforeAll(async () => {
      milestoneId = (await create({ title: "matrix" })).id
    })
    const table: ReadonlyArray<{
      route: string
      outcomes: Outcomes
      send: () => [string, string, Record<string, unknown>?]
    }> = [
      { route: "GET /projects/:id/milestones", outcomes: readers(200), send: () => ["GET", base()] },
      {
        route: "GET /projects/:id/milestones/:milestone_id",
        outcomes: readers(200),
        send: () => ["GET", `${base()}/${milestoneId}`],
      },
      {
        route: "GET /projects/:id/milestones/:milestone_id/issues",
        outcomes: readers(200),
        send: () => ["GET", `${base()}/${milestoneId}/issues`],
      },
      {
        route: "POST /projects/:id/milestones",
        outcomes: atLeast("master", 201),
        send: () => ["POST", base(), { title: "from the matrix" }],
      },
      {
        route: "PUT /projects/:id/milestones/:milestone_id",
        outcomes: atLeast("master", 200),
        send: () => ["PUT", `${base()}/${milestoneId}`, { description: "edited" }],
      },
    ]
    for (const row of table)
      describe(row.route, () => {
        for (const role of ROLES)
          it(`${role} → ${row.outcomes[role]}`, async () => {
            const [method, path, body] = row.send()
            const res = await t.request(method, path, { token: token(role), body })
            expect(res.status).toBe(row.outcomes[role])
          })
      })
  })
})
