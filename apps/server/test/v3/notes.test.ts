import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "../support/database.ts"
import {
  projectWithRoles,
  readers,
  ROLES,
  type Outcomes,
  type ProjectWithRoles,
  type Role,
} from "../support/project-roles.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
const NOTE_KEYS = ["id", "body", "attachment", "author", "created_at"]

describe.each(dialects)("notes API on %s", (dialect) => {
  let t: TestServer
  let p: ProjectWithRoles
  let other: ProjectWithRoles
  let db: Awaited<ReturnType<typeof inspectDatabase>>
  let issue: number
  let otherIssue: number
  let snippet: number
  let foreignIssue: number
  let foreignSnippet: number
  const project = () => `/projects/${p.projectId}`
  const token = (role: Role) => p.callers[role].token
  const noteCount = async () => (await db.rows("notes")).length
  const eventCount = async () => (await db.rows("events", { project_id: p.projectId })).length

  beforeAll(async () => {
    t = await startTestServer(dialect)
    p = await projectWithRoles(t, "talk")
    other = await projectWithRoles(t, "elsewhere")
    db = await inspectDatabase(t, dialect)
    issue = (await t.api(token("guest")).post(`${project()}/issues`, { title: "Discuss me" })).body.id
    otherIssue = (await t.api(token("guest")).post(`${project()}/issues`, { title: "Another" })).body.id
    snippet = (
      await t.api(token("reporter")).post(`${project()}/snippets`, { title: "s", file_name: "s.rb", code: "puts 1" })
    ).body.id
    foreignIssue = (
      await t.api(other.callers.owner.token).post(`/projects/${other.projectId}/issues`, { title: "Theirs" })
    ).body.id
    foreignSnippet = (
      await t
        .api(other.callers.owner.token)
        .post(`/projects/${other.projectId}/snippets`, { title: "s", file_name: "s.rb", code: "x" })
    ).body.id
  })
  afterAll(async () => {
    await db.close()
    await t.close()
  })

  describe("the project wall: /projects/:id/notes", () => {
    it("POST 201 for a guest: the Note entity (attachment null, author the caller); no event", async () => {
      const events = await eventCount()
      const res = await t.api(token("guest")).post(`${project()}/notes`, { body: "Hello wall" })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(NOTE_KEYS)
      expect(res.body).toEqual({
        id: expect.any(Number),
        body: "Hello wall",
        attachment: null,
        author: p.callers.guest.user,
        created_at: TIME,
      })
      expect((await t.api(token("reporter")).get(`${project()}/notes/${res.body.id}`)).body).toEqual(res.body)
      expect(await eventCount()).toBe(events)
    })

    it("GET lists wall notes only, ascending id, paginated", async () => {
      await t.api(token("owner")).post(`${project()}/notes`, { body: "Second" }, { form: true })
      await t.api(token("guest")).post(`${project()}/issues/${issue}/notes`, { body: "On the issue" })
      const res = await t.api(token("guest")).get(`${project()}/notes`)
      expect([res.status, res.body.map((note: { body: string }) => note.body)]).toEqual([200, ["Hello wall", "Second"]])
      const page = await t.api(token("guest")).get(`${project()}/notes`, { query: { per_page: 1, page: 2 } })
      expect([page.body.map((note: { body: string }) => note.body), page.headers.get("x-total")]).toEqual([
        ["Second"],
        "2",
      ])
    })

    it("GET /:note_id: 404 for an issue's note, another project's note, an unknown id", async () => {
      const issueNote = (await t.api(token("guest")).get(`${project()}/issues/${issue}/notes`)).body[0]
      const theirs = (
        await t.api(other.callers.owner.token).post(`/projects/${other.projectId}/notes`, { body: "theirs" })
      ).body
      for (const id of [issueNote.id, theirs.id, 999999, "abc"]) {
        const res = await t.api(token("guest")).get(`${project()}/notes/${id}`)
        expect(res.status).toBe(404)
        expect(res.body.message).toMatch(/^404 .*not found$/i)
      }
    })

    it("POST 400 for a missing or blank body (before the project lookup) and a body over 1,000,000 characters; nothing written", async () => {
      const before = await noteCount()
      for (const [path, body] of [
        [`${project()}/notes`, {}],
        [`${project()}/notes`, { body: " \n " }],
        ["/projects/999999/notes", {}],
      ] as const) {
        const res = await t.api(token("guest")).post(path, body)
        expect([res.status, res.body]).toEqual([400, { message: '400 (Bad request) "body" not given' }])
      }
      const long = await t.api(token("guest")).post(`${project()}/notes`, { body: "n".repeat(1_000_001) })
      expect([long.status, long.body]).toEqual([
        400,
        { message: { note: ["is too long (maximum is 1000000 characters)"] } },
      ])
      const typed = await t.api(token("guest")).post(`${project()}/notes`, { body: { nested: true } })
      expect([typed.status, typed.body]).toEqual([400, { message: { body: ["is invalid"] } }])
      expect(await noteCount()).toBe(before)
    })

    it("401 without a token, 404 for a stranger and an unknown project", async () => {
      expect([
        (await t.api().get(`${project()}/notes`)).status,
        (await t.api().post(`${project()}/notes`, { body: "x" })).body,
      ]).toEqual([401, { message: "401 Unauthorized" }])
      expect((await t.api(token("nonMember")).get(`${project()}/notes`)).status).toBe(404)
      const stranger = await t.api(token("nonMember")).post(`${project()}/notes`, { body: "x" })
      expect([stranger.status, stranger.body]).toEqual([404, { message: "404 Project Not Found" }])
      expect((await t.api(token("guest")).post("/projects/999999/notes", { body: "x" })).status).toBe(404)
    })
  })

  describe("issue notes: /projects/:id/issues/:issue_id/notes", () => {
    it("POST 201 for a guest, recorded as an 'opened' event on the Note", async () => {
      const res = await t.api(token("reporter")).post(`${project()}/issues/${issue}/notes`, { body: "I agree" })
      expect([res.status, res.body]).toEqual([
        201,
        {
          id: expect.any(Number),
          body: "I agree",
          attachment: null,
          author: p.callers.reporter.user,
          created_at: TIME,
        },
      ])
      const [event] = (await t.api(token("guest")).get(`${project()}/events`)).body
      expect(event).toEqual({
        title: null,
        project_id: p.projectId,
        action_name: "opened",
        target_id: res.body.id,
        target_type: "Note",
        author_id: p.callers.reporter.user!.id,
        data: null,
        target_title: null,
      })
      expect((await t.api(token("guest")).get(`${project()}/issues/${issue}/notes/${res.body.id}`)).body).toEqual(
        res.body,
      )
    })

    it("GET lists the notes of that issue only", async () => {
      await t.api(token("guest")).post(`${project()}/issues/${otherIssue}/notes`, { body: "Elsewhere" })
      const res = await t.api(token("guest")).get(`${project()}/issues/${issue}/notes`)
      expect(res.body.map((note: { body: string }) => note.body)).toEqual(["On the issue", "I agree"])
    })

    it("404 for a note of another issue or of the wall, for another project's issue and an unknown issue", async () => {
      const [ofOther] = (await t.api(token("guest")).get(`${project()}/issues/${otherIssue}/notes`)).body
      const [wallNote] = (await t.api(token("guest")).get(`${project()}/notes`)).body
      expect((await t.api(token("guest")).get(`${project()}/issues/${issue}/notes/${ofOther.id}`)).status).toBe(404)
      expect((await t.api(token("guest")).get(`${project()}/issues/${issue}/notes/${wallNote.id}`)).status).toBe(404)
      const before = await noteCount()
      for (const id of [foreignIssue, 999999]) {
        expect((await t.api(token("guest")).get(`${project()}/issues/${id}/notes`)).status).toBe(404)
        expect((await t.api(token("guest")).get(`${project()}/issues/${id}/notes/${ofOther.id}`)).status).toBe(404)
        expect((await t.api(token("guest")).post(`${project()}/issues/${id}/notes`, { body: "lost" })).status).toBe(404)
      }
      expect(await noteCount()).toBe(before)
    })

    it("400 for a missing body even when the issue does not exist; 401 anonymous; 404 stranger", async () => {
      const res = await t.api(token("guest")).post(`${project()}/issues/999999/notes`, {})
      expect([res.status, res.body]).toEqual([400, { message: '400 (Bad request) "body" not given' }])
      expect((await t.api().post(`${project()}/issues/${issue}/notes`, { body: "x" })).status).toBe(401)
      expect((await t.api(token("nonMember")).get(`${project()}/issues/${issue}/notes`)).status).toBe(404)
    })
  })

  describe("snippet notes: /projects/:id/snippets/:snippet_id/notes", () => {
    it("POST 201 for a guest with a 'opened' Note event; GET lists and shows them", async () => {
      const events = await eventCount()
      const res = await t.api(token("guest")).post(`${project()}/snippets/${snippet}/notes`, { body: "Nice snippet" })
      expect([res.status, res.body]).toEqual([
        201,
        {
          id: expect.any(Number),
          body: "Nice snippet",
          attachment: null,
          author: p.callers.guest.user,
          created_at: TIME,
        },
      ])
      expect(await eventCount()).toBe(events + 1)
      expect((await t.api(token("guest")).get(`${project()}/snippets/${snippet}/notes`)).body).toEqual([res.body])
      expect((await t.api(token("guest")).get(`${project()}/snippets/${snippet}/notes/${res.body.id}`)).body).toEqual(
        res.body,
      )
    })

    it("404 for another project's snippet, an unknown snippet, and an issue note asked through the snippet", async () => {
      const [issueNote] = (await t.api(token("guest")).get(`${project()}/issues/${issue}/notes`)).body
      expect((await t.api(token("guest")).get(`${project()}/snippets/${snippet}/notes/${issueNote.id}`)).status).toBe(
        404,
      )
      const before = await noteCount()
      for (const id of [foreignSnippet, 999999]) {
        expect((await t.api(token("guest")).get(`${project()}/snippets/${id}/notes`)).status).toBe(404)
        expect((await t.api(token("guest")).post(`${project()}/snippets/${id}/notes`, { body: "lost" })).status).toBe(
          404,
        )
      }
      const missing = await t.api(token("guest")).post(`${project()}/snippets/${snippet}/notes`, { body: "" })
      expect([missing.status, missing.body]).toEqual([400, { message: '400 (Bad request) "body" not given' }])
      expect(await noteCount()).toBe(before)
    })
  })

  describe("permission matrix", () => {
    let wallNote: number
    let issueNote: number
    let snippetNote: number
    beforeAll(async () => {
      wallNote = (await t.api(token("guest")).post(`${project()}/notes`, { body: "m" })).body.id
      issueNote = (await t.api(token("guest")).post(`${project()}/issues/${issue}/notes`, { body: "m" })).body.id
      snippetNote = (await t.api(token("guest")).post(`${project()}/snippets/${snippet}/notes`, { body: "m" })).body.id
    })
    const targets = [
      { name: "/projects/:id/notes", base: () => `${project()}/notes`, note: () => wallNote },
      {
        name: "/projects/:id/issues/:issue_id/notes",
        base: () => `${project()}/issues/${issue}/notes`,
        note: () => issueNote,
      },
      {
        name: "/projects/:id/snippets/:snippet_id/notes",
        base: () => `${project()}/snippets/${snippet}/notes`,
        note: () => snippetNote,
      },
    ]
    const table: ReadonlyArray<{
      route: string
      outcomes: Outcomes
      send: () => [string, string, Record<string, unknown>?]
    }> = targets.flatMap((target) => [
      { route: `GET ${target.name}`, outcomes: readers(200), send: (): [string, string] => ["GET", target.base()] },
      {
        route: `GET ${target.name}/:note_id`,
        outcomes: readers(200),
        send: (): [string, string] => ["GET", `${target.base()}/${target.note()}`],
      },
      {
        route: `POST ${target.name}`,
        outcomes: readers(201),
        send: (): [string, string, Record<string, unknown>] => ["POST", target.base(), { body: "from the matrix" }],
      },
    ])
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
