import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "../support/database.ts"
import { startReceiver } from "../support/receiver.ts"
import {
  atLeast,
  projectWithRoles,
  readers,
  ROLES,
  type Outcomes,
  type ProjectWithRoles,
  type UserBasic,
} from "../support/project-roles.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
const ISSUE_KEYS = [
  "id",
  "iid",
  "project_id",
  "title",
  "description",
  "labels",
  "milestone",
  "assignee",
  "author",
  "state",
  "updated_at",
  "created_at",
]

describe.each(dialects)("issues API on %s", (dialect) => {
  let t: TestServer
  let p: ProjectWithRoles
  let other: ProjectWithRoles
  let db: Awaited<ReturnType<typeof inspectDatabase>>
  let milestone: Record<string, unknown>
  let otherMilestone: number
  const base = () => `/projects/${p.projectId}/issues`
  const token = (role: keyof ProjectWithRoles["callers"]) => p.callers[role].token
  const user = (role: keyof ProjectWithRoles["callers"]): UserBasic => p.callers[role].user!
  const issueCount = async () => (await db.rows("issues")).length
  /** The issue hook payloads the outbox holds for one issue, oldest first. */
  const hookPayloads = async (issueId: number) =>
    (await db.rows("outbox_events", { project_id: p.projectId, name: "issue" }))
      .map(
        (row) =>
          (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as {
            object_kind: string
            object_attributes: Record<string, unknown>
          },
      )
      .filter((payload) => payload.object_attributes.id === issueId)
  const create = async (role: keyof ProjectWithRoles["callers"], body: Record<string, unknown>) => {
    const res = await t.api(token(role)).post(base(), body)
    expect(res.status).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    t = await startTestServer(dialect)
    p = await projectWithRoles(t, "tracker")
    other = await projectWithRoles(t, "elsewhere")
    db = await inspectDatabase(t, dialect)
    milestone = (
      await t
        .api(token("master"))
        .post(`/projects/${p.projectId}/milestones`, { title: "v1.0", due_date: "2013-07-20" })
    ).body
    otherMilestone = (
      await t.api(other.callers.owner.token).post(`/projects/${other.projectId}/milestones`, { title: "v1.0" })
    ).body.id
  })
  afterAll(async () => {
    await db.close()
    await t.close()
  })

  describe("POST /projects/:id/issues", () => {
    it("201 for a guest: the Issue entity with every attribute, state opened, iid 1", async () => {
      const res = await t.api(token("guest")).post(base(), {
        title: "Add user settings",
        description: "So that users can set things",
        assignee_id: user("developer").id,
        milestone_id: milestone.id,
        labels: " feature , bug,, feature ",
      })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(ISSUE_KEYS)
      expect(res.body).toEqual({
        id: expect.any(Number),
        iid: 1,
        project_id: p.projectId,
        title: "Add user settings",
        description: "So that users can set things",
        labels: ["feature", "bug"],
        milestone,
        assignee: user("developer"),
        author: user("guest"),
        state: "opened",
        updated_at: TIME,
        created_at: TIME,
      })
      expect((await t.api(token("guest")).get(`${base()}/${res.body.id}`)).body).toEqual(res.body)
    })

    it("records the 'opened' event in the feed and the issue hook payload in the outbox", async () => {
      const issue = await create("reporter", { title: "Feed me" })
      const feed = await t.api(token("guest")).get(`/projects/${p.projectId}/events`)
      expect(feed.body[0]).toEqual({
        title: null,
        project_id: p.projectId,
        action_name: "opened",
        target_id: issue.id,
        target_type: "Issue",
        author_id: user("reporter").id,
        data: null,
        target_title: "Feed me",
      })
      expect(await hookPayloads(issue.id)).toEqual([
        {
          object_kind: "issue",
          object_attributes: {
            id: issue.id,
            title: "Feed me",
            assignee_id: null,
            author_id: user("reporter").id,
            project_id: p.projectId,
            created_at: expect.any(String),
            updated_at: expect.any(String),
            position: 0,
            branch_name: null,
            description: null,
            milestone_id: null,
            state: "opened",
            iid: issue.iid,
          },
        },
      ])
    })

    it("takes the project as namespace%2Fpath, labels as an array or form fields, and a bare title", async () => {
      const byPath = await t
        .api(token("guest"))
        .post(`/projects/${encodeURIComponent(p.path)}/issues`, { title: "By path", labels: ["a", " b ", "a"] })
      expect([byPath.status, byPath.body.project_id, byPath.body.labels]).toEqual([201, p.projectId, ["a", "b"]])
      const form = await t.api(token("guest")).post(base(), { title: "Form", labels: "x,y" }, { form: true })
      expect([form.status, form.body.labels, form.body.description, form.body.assignee, form.body.milestone]).toEqual([
        201,
        ["x", "y"],
        null,
        null,
        null,
      ])
    })

    it("400 when the title is missing or blank, checked before the project lookup; nothing written", async () => {
      const before = await issueCount()
      for (const [path, body] of [
        [base(), {}],
        [base(), { title: "   " }],
        ["/projects/999999/issues", { description: "x" }],
      ] as const) {
        const res = await t.api(token("guest")).post(path, body)
        expect([res.status, res.body]).toEqual([400, { message: '400 (Bad request) "title" not given' }])
      }
      expect(await issueCount()).toBe(before)
    })

    it("400 for a title over 255 characters, an overlong label and wrongly typed ids; nothing written", async () => {
      const before = await issueCount()
      const long = await t.api(token("guest")).post(base(), { title: "x".repeat(256) })
      expect([long.status, long.body]).toEqual([
        400,
        { message: { title: ["is too long (maximum is 255 characters)"] } },
      ])
      const label = await t.api(token("guest")).post(base(), { title: "t", labels: "y".repeat(256) })
      expect([label.status, label.body]).toEqual([
        400,
        { message: { labels: ["is too long (maximum is 255 characters)"] } },
      ])
      const typed = await t.api(token("guest")).post(base(), { title: "t", assignee_id: "abc", milestone_id: [1] })
      expect([typed.status, typed.body]).toEqual([
        400,
        { message: { assignee_id: ["is invalid"], milestone_id: ["is invalid"] } },
      ])
      expect(await issueCount()).toBe(before)
    })

    it("404 for an unknown assignee, an unknown milestone and another project's milestone; nothing written", async () => {
      const before = await issueCount()
      const assignee = await t.api(token("guest")).post(base(), { title: "t", assignee_id: 999999 })
      expect([assignee.status, assignee.body]).toEqual([404, { message: "404 User Not Found" }])
      for (const milestoneId of [999999, otherMilestone]) {
        const res = await t.api(token("guest")).post(base(), { title: "t", milestone_id: milestoneId })
        expect([res.status, res.body]).toEqual([404, { message: "404 Milestone Not Found" }])
      }
      expect(await issueCount()).toBe(before)
    })

    it("413 for a body over the limit; nothing written", async () => {
      const before = await issueCount()
      const huge = JSON.stringify({ title: "big", description: "d".repeat(11 * 1024 * 1024) })
      const res = await t.request("POST", base(), {
        token: token("guest"),
        body: huge,
        headers: { "content-type": "application/json" },
      })
      expect([res.status, res.body]).toEqual([413, { message: "413 Request Entity Too Large" }])
      expect(await issueCount()).toBe(before)
    })

    it("401 without a token, 404 for a stranger and an unknown project", async () => {
      expect([
        (await t.api().post(base(), { title: "t" })).status,
        (await t.api().post(base(), { title: "t" })).body,
      ]).toEqual([401, { message: "401 Unauthorized" }])
      const stranger = await t.api(token("nonMember")).post(base(), { title: "t" })
      expect([stranger.status, stranger.body]).toEqual([404, { message: "404 Project Not Found" }])
      expect((await t.api(token("guest")).post("/projects/999999/issues", { title: "t" })).status).toBe(404)
    })
  })

  describe("GET /projects/:id/issues", () => {
    it("200: every issue of the project, ascending id, with pagination headers", async () => {
      const all = await t.api(token("guest")).get(base(), { query: { per_page: 100 } })
      expect(all.status).toBe(200)
      expect(all.body.length).toBeGreaterThan(2)
      expect(all.body.every((issue: { project_id: number }) => issue.project_id === p.projectId)).toBe(true)
      const ids = all.body.map((issue: { id: number }) => issue.id)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      const page = await t.api(token("guest")).get(base(), { query: { per_page: 2, page: 2 } })
      expect(page.body.map((issue: { id: number }) => issue.id)).toEqual(ids.slice(2, 4))
      expect(page.headers.get("x-total")).toBe(String(ids.length))
      expect(page.headers.get("x-page")).toBe("2")
      expect((await t.api(token("guest")).get(base(), { query: { page: 999 } })).body).toEqual([])
    })

    it("filters by state, labels (all of them) and milestone title", async () => {
      const closed = await create("owner", { title: "To close", labels: "red,blue" })
      await t.api(token("owner")).put(`${base()}/${closed.id}`, { state_event: "close" })
      const ids = (res: { body: Array<{ id: number }> }) => res.body.map((issue) => issue.id)
      const onlyClosed = await t.api(token("guest")).get(base(), { query: { state: "closed" } })
      expect(ids(onlyClosed)).toEqual([closed.id])
      const opened = await t.api(token("guest")).get(base(), { query: { state: "opened", per_page: 100 } })
      expect(ids(opened)).not.toContain(closed.id)
      expect(ids(await t.api(token("guest")).get(base(), { query: { labels: "blue,red" } }))).toEqual([closed.id])
      expect(ids(await t.api(token("guest")).get(base(), { query: { labels: "blue,green" } }))).toEqual([])
      const inMilestone = await t.api(token("guest")).get(base(), { query: { milestone: "v1.0" } })
      expect(inMilestone.body.map((issue: { title: string }) => issue.title)).toEqual(["Add user settings"])
      const bad = await t.api(token("guest")).get(base(), { query: { state: "sleeping" } })
      expect([bad.status, bad.body]).toEqual([400, { message: { state: ["is invalid"] } }])
    })

    it("401 without a token, 404 for a stranger", async () => {
      expect((await t.api().get(base())).status).toBe(401)
      expect((await t.api(token("nonMember")).get(base())).status).toBe(404)
    })
  })

  describe("GET /issues", () => {
    it("200: the issues the caller authored in every project, not those merely assigned to him", async () => {
      const mine = await t
        .api(other.callers.owner.token)
        .post(`/projects/${other.projectId}/issues`, { title: "Elsewhere", assignee_id: user("developer").id })
      const res = await t.api(token("developer")).get("/issues")
      expect([res.status, res.body]).toEqual([200, []])
      const owner = await t.api(other.callers.owner.token).get("/issues")
      expect(owner.body.map((issue: { id: number }) => issue.id)).toEqual([mine.body.id])
      expect(owner.body[0]).toEqual(mine.body)
      const guest = await t.api(token("guest")).get("/issues", { query: { per_page: 1 } })
      expect(guest.body[0].author).toEqual(user("guest"))
      expect(Number(guest.headers.get("x-total"))).toBeGreaterThan(1)
    })

    it("401 without a token", async () => {
      expect([(await t.api().get("/issues")).status, (await t.api().get("/issues")).body]).toEqual([
        401,
        { message: "401 Unauthorized" },
      ])
    })
  })

  describe("GET /projects/:id/issues/:issue_id", () => {
    it("404 for another project's issue, an unknown id and a non-numeric one; 404 for a stranger; 401 anonymous", async () => {
      const foreign = await t
        .api(other.callers.owner.token)
        .post(`/projects/${other.projectId}/issues`, { title: "Not here" })
      for (const id of [foreign.body.id, 999999, "abc"]) {
        const res = await t.api(token("guest")).get(`${base()}/${id}`)
        expect(res.status).toBe(404)
        expect(res.body.message).toMatch(/^404 .*not found$/i)
      }
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).get(`${base()}/${first.id}`)).status).toBe(404)
      expect((await t.api().get(`${base()}/${first.id}`)).status).toBe(401)
    })
  })

  describe("PUT /projects/:id/issues/:issue_id", () => {
    it("200 for the author: applies present attributes, ignores blank ones, replaces labels", async () => {
      const issue = await create("guest", { title: "Draft", description: "first", labels: "a,b" })
      const res = await t.api(token("guest")).put(`${base()}/${issue.id}`, {
        title: "Final",
        description: "",
        labels: "c",
        assignee_id: user("reporter").id,
        milestone_id: milestone.id,
      })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        ...issue,
        title: "Final",
        labels: ["c"],
        assignee: user("reporter"),
        milestone,
        updated_at: TIME,
      })
      expect((await t.api(token("guest")).get(`${base()}/${issue.id}`)).body).toEqual(res.body)
      const unchanged = await t.api(token("guest")).put(`${base()}/${issue.id}`, { labels: "", title: " " })
      expect([unchanged.status, unchanged.body]).toEqual([200, res.body])
      const empty = await t.api(token("guest")).put(`${base()}/${issue.id}`, {})
      expect([empty.status, empty.body]).toEqual([200, res.body])
      // One hook payload for the opening, one for the change; the no-op updates record nothing.
      expect(
        (await hookPayloads(issue.id)).map((payload) => [
          payload.object_attributes.title,
          payload.object_attributes.assignee_id,
        ]),
      ).toEqual([
        ["Draft", null],
        ["Final", user("reporter").id],
      ])
    })

    it("200 for the assignee and for a master; 403 for a reporter or developer who is neither author nor assignee", async () => {
      const issue = await create("guest", { title: "Shared", assignee_id: user("reporter").id })
      expect((await t.api(token("reporter")).put(`${base()}/${issue.id}`, { title: "By assignee" })).body.title).toBe(
        "By assignee",
      )
      expect((await t.api(token("master")).put(`${base()}/${issue.id}`, { title: "By master" })).body.title).toBe(
        "By master",
      )
      const developer = await t.api(token("developer")).put(`${base()}/${issue.id}`, { title: "Nope" })
      expect([developer.status, developer.body]).toEqual([403, { message: "403 Forbidden" }])
      const byOther = await create("developer", { title: "Developer's" })
      const reporter = await t.api(token("reporter")).put(`${base()}/${byOther.id}`, { title: "Nope" })
      expect([reporter.status, reporter.body]).toEqual([403, { message: "403 Forbidden" }])
      expect((await t.api(token("guest")).get(`${base()}/${issue.id}`)).body.title).toBe("By master")
    })

    it("state_event close → closed (event 'closed', system note), reopen → reopened (event 'opened' in 5.x)", async () => {
      const issue = await create("guest", { title: "Lifecycle" })
      const closed = await t.api(token("master")).put(`${base()}/${issue.id}`, { state_event: "close" })
      expect([closed.status, closed.body.state]).toEqual([200, "closed"])
      let feed = (await t.api(token("guest")).get(`/projects/${p.projectId}/events`)).body
      expect(feed[0]).toMatchObject({
        action_name: "closed",
        target_id: issue.id,
        target_type: "Issue",
        author_id: user("master").id,
        target_title: "Lifecycle",
      })
      const reopened = await t.api(token("guest")).put(`${base()}/${issue.id}`, { state_event: "reopen" })
      expect([reopened.status, reopened.body.state]).toEqual([200, "reopened"])
      feed = (await t.api(token("guest")).get(`/projects/${p.projectId}/events`)).body
      expect(feed[0]).toMatchObject({
        action_name: "opened",
        target_id: issue.id,
        target_type: "Issue",
        author_id: user("guest").id,
      })
      const notes = await t.api(token("guest")).get(`${base()}/${issue.id}/notes`)
      expect(notes.body.map((note: { body: string; author: UserBasic }) => [note.body, note.author.id])).toEqual([
        ["_Status changed to closed_", user("master").id],
        ["_Status changed to reopened_", user("guest").id],
      ])
      expect((await hookPayloads(issue.id)).map((payload) => payload.object_attributes.state)).toEqual([
        "opened",
        "closed",
        "reopened",
      ])
      const closedAgain = await t.api(token("master")).put(`${base()}/${issue.id}`, { state_event: "close" })
      expect(closedAgain.body.state).toBe("closed")
    })

    it("400 for an impossible or unknown state_event and a title over 255; 404 for an unknown assignee or milestone; the issue is unchanged", async () => {
      const issue = await create("guest", { title: "Stable" })
      const path = `${base()}/${issue.id}`
      for (const [body, status, message] of [
        [{ state_event: "reopen" }, 400, { state_event: ["is invalid"] }],
        [{ state_event: "explode", title: "Changed" }, 400, { state_event: ["is invalid"] }],
        [{ title: "z".repeat(256) }, 400, { title: ["is too long (maximum is 255 characters)"] }],
        [{ title: "Changed", assignee_id: 999999 }, 404, "404 User Not Found"],
        [{ title: "Changed", milestone_id: otherMilestone }, 404, "404 Milestone Not Found"],
        [{ title: "Changed", assignee_id: "me" }, 400, { assignee_id: ["is invalid"] }],
      ] as const) {
        const res = await t.api(token("guest")).put(path, body)
        expect([res.status, res.body]).toEqual([status, { message }])
      }
      expect((await t.api(token("guest")).get(path)).body).toEqual(issue)
      expect(await hookPayloads(issue.id)).toHaveLength(1)
      expect(await db.rows("notes", { noteable_type: "Issue", noteable_id: issue.id })).toEqual([])
      const closing = await t.api(token("guest")).put(path, { state_event: "close" })
      const again = await t.api(token("guest")).put(path, { state_event: "close" })
      expect([closing.status, again.status, again.body]).toEqual([
        200,
        400,
        { message: { state_event: ["is invalid"] } },
      ])
    })

    it("404 for an unknown issue and another project's issue, 404 for a stranger, 401 anonymous", async () => {
      const foreign = await t
        .api(other.callers.owner.token)
        .post(`/projects/${other.projectId}/issues`, { title: "Theirs" })
      expect((await t.api(token("master")).put(`${base()}/999999`, { title: "x" })).status).toBe(404)
      expect((await t.api(token("master")).put(`${base()}/${foreign.body.id}`, { title: "x" })).status).toBe(404)
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).put(`${base()}/${first.id}`, { title: "x" })).status).toBe(404)
      expect((await t.api().put(`${base()}/${first.id}`, { title: "x" })).status).toBe(401)
      expect(
        (await t.api(other.callers.owner.token).get(`/projects/${other.projectId}/issues/${foreign.body.id}`)).body
          .title,
      ).toBe("Theirs")
    })
  })

  describe("DELETE /projects/:id/issues/:issue_id", () => {
    it("405 always, even for the owner, a missing issue or a missing project, and again; 401 anonymous", async () => {
      const [first] = (await t.api(token("guest")).get(base())).body
      for (const path of [
        `${base()}/${first.id}`,
        `${base()}/${first.id}`,
        `${base()}/999999`,
        "/projects/999999/issues/1",
      ]) {
        const res = await t.api(token("owner")).delete(path)
        expect([res.status, res.body]).toEqual([405, { message: "405 Method Not Allowed" }])
      }
      expect((await t.api().delete(`${base()}/${first.id}`)).status).toBe(401)
      expect((await t.api(token("guest")).get(`${base()}/${first.id}`)).status).toBe(200)
    })
  })

  describe("project hooks", () => {
    it("a hook with issues_events receives the issue payload on open and on close; a push-only hook receives none", async () => {
      const hooked = await startTestServer(dialect, { LABRADOR_WORKER: "embedded", LABRADOR_HOOKS_ALLOW_LOCAL: "true" })
      const receiver = await startReceiver()
      try {
        const owner = await hooked.createUser()
        const project = (await hooked.api(owner.token).post("/projects", { name: "hooked" })).body.id
        await hooked
          .api(owner.token)
          .post(`/projects/${project}/hooks`, { url: receiver.url("/issues"), issues_events: true, push_events: false })
        await hooked.api(owner.token).post(`/projects/${project}/hooks`, { url: receiver.url("/push") })
        const issue = (await hooked.api(owner.token).post(`/projects/${project}/issues`, { title: "Hooked" })).body
        await hooked.api(owner.token).put(`/projects/${project}/issues/${issue.id}`, { state_event: "close" })
        for (let i = 0; i < 20 && receiver.received.length < 2; i++) await hooked.server.worker!.nextRound()
        // A few more rounds: anything misrouted to the push-only hook would arrive by now.
        for (let i = 0; i < 3; i++) await hooked.server.worker!.nextRound()
        expect(
          receiver.received.map((r) => [
            r.path,
            r.body.object_kind,
            (r.body.object_attributes as { state: string }).state,
          ]),
        ).toEqual([
          ["/issues", "issue", "opened"],
          ["/issues", "issue", "closed"],
        ])
      } finally {
        await hooked.close()
        await receiver.close()
      }
    })
  })

  describe("deletions elsewhere", () => {
    it("a deleted assignee leaves the issue unassigned; a deleted author takes his issues with him", async () => {
      const author = await t.createUser()
      const assignee = await t.createUser()
      for (const u of [author, assignee])
        await t.api(token("owner")).post(`/projects/${p.projectId}/members`, { user_id: u.id, access_level: 10 })
      const issue = (await t.api(author.token).post(base(), { title: "Orphan", assignee_id: assignee.id })).body
      expect((await t.api(t.rootToken).delete(`/users/${assignee.id}`)).status).toBe(200)
      expect((await t.api(token("guest")).get(`${base()}/${issue.id}`)).body).toMatchObject({
        id: issue.id,
        assignee: null,
      })
      expect((await t.api(t.rootToken).delete(`/users/${author.id}`)).status).toBe(200)
      expect((await t.api(token("guest")).get(`${base()}/${issue.id}`)).status).toBe(404)
    })

    it("deleting a project removes its issues, milestones, labels, notes, snippets and iid counter", async () => {
      const doomed = (await t.api(token("owner")).post("/projects", { name: "doomed" })).body.id as number
      const m = (await t.api(token("owner")).post(`/projects/${doomed}/milestones`, { title: "m" })).body.id
      const i = (
        await t.api(token("owner")).post(`/projects/${doomed}/issues`, { title: "i", milestone_id: m, labels: "x" })
      ).body.id
      await t.api(token("owner")).post(`/projects/${doomed}/issues/${i}/notes`, { body: "n" })
      await t.api(token("owner")).post(`/projects/${doomed}/snippets`, { title: "s", file_name: "s", code: "s" })
      expect((await t.api(token("owner")).delete(`/projects/${doomed}`)).status).toBe(200)
      for (const table of ["issues", "milestones", "notes", "snippets", "project_counters"])
        expect(await db.rows(table, { project_id: doomed })).toEqual([])
      expect(await db.rows("issue_labels", { issue_id: i })).toEqual([])
    })
  })

  describe("permission matrix", () => {
    let issueOfGuest: number
    beforeAll(async () => {
      issueOfGuest = (await create("guest", { title: "Matrix" })).id
    })
    const table: ReadonlyArray<{
      route: string
      outcomes: Outcomes
      send: () => [string, string, Record<string, unknown>?]
    }> = [
      { route: "GET /projects/:id/issues", outcomes: readers(200), send: () => ["GET", base()] },
      {
        route: "GET /projects/:id/issues/:issue_id",
        outcomes: readers(200),
        send: () => ["GET", `${base()}/${issueOfGuest}`],
      },
      {
        route: "POST /projects/:id/issues",
        outcomes: readers(201),
        send: () => ["POST", base(), { title: "From the matrix" }],
      },
      // The issue's author is the guest: masters, the owner and admins may edit it too; reporters and developers may not.
      {
        route: "PUT /projects/:id/issues/:issue_id (guest's issue)",
        outcomes: { ...atLeast("master", 200), guest: 200 },
        send: () => ["PUT", `${base()}/${issueOfGuest}`, { description: "edited" }],
      },
      {
        route: "DELETE /projects/:id/issues/:issue_id",
        outcomes: { ...readers(405), nonMember: 405 },
        send: () => ["DELETE", `${base()}/${issueOfGuest}`],
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

  describe("iids", () => {
    it("are distinct and contiguous under 40 concurrent creates through two servers on one database", async () => {
      const second = await startTestServer(dialect, {}, t)
      try {
        const project = (await t.api(token("owner")).post("/projects", { name: "race" })).body.id as number
        const servers = [t, second]
        const replies = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            servers[i % 2]!.api(token("owner")).post(`/projects/${project}/issues`, { title: `race ${i}` }),
          ),
        )
        expect(replies.map((reply) => reply.status)).toEqual(Array(40).fill(201))
        const iids = replies.map((reply) => reply.body.iid as number).sort((a, b) => a - b)
        expect(iids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
        const stored = await t.api(token("owner")).get(`/projects/${project}/issues`, { query: { per_page: 100 } })
        expect(stored.body.map((issue: { iid: number }) => issue.iid).sort((a: number, b: number) => a - b)).toEqual(
          iids,
        )
      } finally {
        await second.close()
      }
    })

    it("count per project: another project starts at 1", async () => {
      const res = await t.api(other.callers.owner.token).post(`/projects/${other.projectId}/issues`, { title: "count" })
      const all = (await t.api(other.callers.owner.token).get(`/projects/${other.projectId}/issues`)).body
      expect(all.map((issue: { iid: number }) => issue.iid)).toEqual(all.map((_: unknown, i: number) => i + 1))
      expect(res.body.iid).toBe(all.length)
    })
  })
})
