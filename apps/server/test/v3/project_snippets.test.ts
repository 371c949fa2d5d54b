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
const SNIPPET_KEYS = ["id", "title", "file_name", "author", "expires_at", "updated_at", "created_at"]

describe.each(dialects)("project snippets API on %s", (dialect) => {
  let t: TestServer
  let p: ProjectWithRoles
  let other: ProjectWithRoles
  let db: Awaited<ReturnType<typeof inspectDatabase>>
  const base = () => `/projects/${p.projectId}/snippets`
  const token = (role: Role) => p.callers[role].token
  const snippetCount = async () => (await db.rows("snippets")).length
  const create = async (role: Role, body: Record<string, unknown> = {}) => {
    const res = await t.api(token(role)).post(base(), { title: "snippet", file_name: "add.rb", code: "1 + 1", ...body })
    expect(res.status).toBe(201)
    return res.body
  }

  beforeAll(async () => {
    t = await startTestServer(dialect)
    p = await projectWithRoles(t, "snips")
    other = await projectWithRoles(t, "elsewhere")
    db = await inspectDatabase(t, dialect)
  })
  afterAll(async () => {
    await db.close()
    await t.close()
  })

  describe("POST /projects/:id/snippets", () => {
    it("201 for a reporter: the ProjectSnippet entity without its content; the content is served raw", async () => {
      const res = await t
        .api(token("reporter"))
        .post(base(), { title: "test", file_name: "add.rb", code: "def add(a, b)\n  a + b\nend\n" })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(SNIPPET_KEYS)
      expect(res.body).toEqual({
        id: expect.any(Number),
        title: "test",
        file_name: "add.rb",
        author: p.callers.reporter.user,
        expires_at: null,
        updated_at: TIME,
        created_at: TIME,
      })
      expect((await t.api(token("guest")).get(`${base()}/${res.body.id}`)).body).toEqual(res.body)
      const raw = await t.api(token("guest")).get(`${base()}/${res.body.id}/raw`)
      expect([raw.status, raw.text, raw.headers.get("content-type")]).toEqual([
        200,
        "def add(a, b)\n  a + b\nend\n",
        "text/plain; charset=utf-8",
      ])
    })

    it("201 with a lifetime: expires_at set from it; expired snippets are still listed and readable", async () => {
      const res = await t
        .api(token("developer"))
        .post(
          base(),
          { title: "old", file_name: ".gitignore", code: "node_modules", lifetime: "2013-05-01" },
          { form: true },
        )
      expect([res.status, res.body.expires_at, res.body.file_name]).toEqual([201, "2013-05-01T00:00:00Z", ".gitignore"])
      const timed = await create("master", { lifetime: "2013-05-01T10:20:30+02:00" })
      expect(timed.expires_at).toBe("2013-05-01T08:20:30Z")
      expect((await t.api(token("guest")).get(base())).body.map((s: { id: number }) => s.id)).toContain(res.body.id)
      expect((await t.api(token("guest")).get(`${base()}/${res.body.id}/raw`)).text).toBe("node_modules")
    })

    it("403 for a guest, before any attribute is looked at; nothing written", async () => {
      const before = await snippetCount()
      const res = await t.api(token("guest")).post(base(), {})
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      expect(await snippetCount()).toBe(before)
    })

    it("400 for title, file_name and code missing in that order, invalid file names, overlong fields and bad lifetimes; nothing written", async () => {
      const before = await snippetCount()
      for (const [body, missing] of [
        [{ file_name: "a.rb", code: "x" }, "title"],
        [{ title: "t", file_name: " ", code: "x" }, "file_name"],
        [{ title: "t", file_name: "a.rb", code: "\n" }, "code"],
        [{}, "title"],
      ] as const) {
        const res = await t.api(token("reporter")).post(base(), body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
      for (const fileName of ["../etc/passwd", "dir/file.rb", "..", "bad\nname.rb", "back\\slash"]) {
        const res = await t.api(token("reporter")).post(base(), { title: "t", file_name: fileName, code: "x" })
        expect([res.status, res.body]).toEqual([400, { message: { file_name: ["is invalid"] } }])
      }
      const long = await t
        .api(token("reporter"))
        .post(base(), { title: "t".repeat(256), file_name: `${"f".repeat(256)}.rb`, code: "x" })
      expect([long.status, long.body]).toEqual([
        400,
        {
          message: {
            title: ["is too long (maximum is 255 characters)"],
            file_name: ["is too long (maximum is 255 characters)"],
          },
        },
      ])
      for (const lifetime of ["someday", "2013-02-30", "2013-05-01T25:00:00Z"]) {
        const res = await t.api(token("reporter")).post(base(), { title: "t", file_name: "a.rb", code: "x", lifetime })
        expect([res.status, res.body]).toEqual([400, { message: { lifetime: ["is invalid"] } }])
      }
      expect(await snippetCount()).toBe(before)
    })

    it("401 without a token, 404 for a stranger and an unknown project", async () => {
      const body = { title: "t", file_name: "a.rb", code: "x" }
      expect([(await t.api().post(base(), body)).status, (await t.api().post(base(), body)).body]).toEqual([
        401,
        { message: "401 Unauthorized" },
      ])
      expect((await t.api(token("nonMember")).post(base(), body)).status).toBe(404)
      expect((await t.api(token("reporter")).post("/projects/999999/snippets", body)).status).toBe(404)
    })
  })

  describe("GET /projects/:id/snippets", () => {
    it("200 for a guest: every snippet of the project, any author, ascending id, paginated", async () => {
      const res = await t.api(token("guest")).get(base())
      expect(res.status).toBe(200)
      const ids = res.body.map((s: { id: number }) => s.id)
      expect(ids).toEqual([...ids].sort((a, b) => a - b))
      expect(new Set(res.body.map((s: { author: { id: number } }) => s.author.id)).size).toBeGreaterThan(1)
      expect(res.body.every((s: Record<string, unknown>) => !("content" in s) && !("code" in s))).toBe(true)
      const page = await t.api(token("guest")).get(base(), { query: { per_page: 1, page: 2 } })
      expect([page.body.map((s: { id: number }) => s.id), page.headers.get("x-total")]).toEqual([
        [ids[1]],
        String(ids.length),
      ])
    })

    it("401 without a token, 404 for a stranger", async () => {
      expect((await t.api().get(base())).status).toBe(401)
      expect((await t.api(token("nonMember")).get(base())).status).toBe(404)
    })
  })

  describe("GET /projects/:id/snippets/:snippet_id and /raw", () => {
    it("raw serves the content as stored, as plain text that no browser sniffs as HTML", async () => {
      const html = "<html><script>alert(1)</script></html>"
      const snippet = await create("reporter", { file_name: "page.html", code: html })
      const raw = await t.api(token("guest")).get(`${base()}/${snippet.id}/raw`)
      expect([
        raw.status,
        raw.text,
        raw.headers.get("content-type"),
        raw.headers.get("x-content-type-options"),
      ]).toEqual([200, html, "text/plain; charset=utf-8", "nosniff"])
    })

    it("404 (JSON) for another project's snippet, an unknown id and a non-numeric one; 404 stranger; 401 anonymous", async () => {
      const foreign = await t
        .api(other.callers.owner.token)
        .post(`/projects/${other.projectId}/snippets`, { title: "theirs", file_name: "x.rb", code: "secret" })
      for (const id of [foreign.body.id, 999999, "abc"])
        for (const suffix of ["", "/raw"]) {
          const res = await t.api(token("guest")).get(`${base()}/${id}${suffix}`)
          expect(res.status).toBe(404)
          expect(res.headers.get("content-type")).toContain("application/json")
          expect(res.body.message).toMatch(/^404 .*not found$/i)
        }
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).get(`${base()}/${first.id}/raw`)).status).toBe(404)
      expect((await t.api().get(`${base()}/${first.id}/raw`)).status).toBe(401)
    })
  })

  describe("PUT /projects/:id/snippets/:snippet_id", () => {
    it("200 for the author: present attributes applied, blank ones ignored, code replaced; no attributes → unchanged", async () => {
      const snippet = await create("reporter", { title: "draft", code: "v1" })
      const res = await t
        .api(token("reporter"))
        .put(`${base()}/${snippet.id}`, { title: "final", file_name: "", code: "v2", lifetime: "2014-01-01" })
      expect([res.status, res.body]).toEqual([
        200,
        { ...snippet, title: "final", expires_at: "2014-01-01T00:00:00Z", updated_at: TIME },
      ])
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}`)).body).toEqual(res.body)
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}/raw`)).text).toBe("v2")
      const empty = await t.api(token("reporter")).put(`${base()}/${snippet.id}`, { title: " " })
      expect([empty.status, empty.body]).toEqual([200, res.body])
    })

    it("200 for a master and the owner; 403 for a developer who is not the author; the snippet is unchanged by the refusal", async () => {
      const snippet = await create("reporter", { title: "theirs" })
      const developer = await t.api(token("developer")).put(`${base()}/${snippet.id}`, { title: "mine now" })
      expect([developer.status, developer.body]).toEqual([403, { message: "403 Forbidden" }])
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}`)).body.title).toBe("theirs")
      expect((await t.api(token("master")).put(`${base()}/${snippet.id}`, { title: "by master" })).body.title).toBe(
        "by master",
      )
      expect((await t.api(token("owner")).put(`${base()}/${snippet.id}`, { title: "by owner" })).body.title).toBe(
        "by owner",
      )
    })

    it("400 for an invalid file name or a title over 255; the snippet and its content are unchanged", async () => {
      const snippet = await create("reporter", { code: "keep" })
      for (const [body, message] of [
        [{ file_name: "../../x", code: "lost" }, { file_name: ["is invalid"] }],
        [{ title: "x".repeat(256), code: "lost" }, { title: ["is too long (maximum is 255 characters)"] }],
        [{ lifetime: "never", code: "lost" }, { lifetime: ["is invalid"] }],
      ] as const) {
        const res = await t.api(token("reporter")).put(`${base()}/${snippet.id}`, body)
        expect([res.status, res.body]).toEqual([400, { message }])
      }
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}`)).body).toEqual(snippet)
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}/raw`)).text).toBe("keep")
    })

    it("404 for an unknown or foreign snippet, 404 stranger, 401 anonymous", async () => {
      const [foreign] = (await t.api(other.callers.owner.token).get(`/projects/${other.projectId}/snippets`)).body
      expect((await t.api(token("master")).put(`${base()}/999999`, { title: "x" })).status).toBe(404)
      expect((await t.api(token("master")).put(`${base()}/${foreign.id}`, { title: "x" })).status).toBe(404)
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).put(`${base()}/${first.id}`, { title: "x" })).status).toBe(404)
      expect((await t.api().put(`${base()}/${first.id}`, { title: "x" })).status).toBe(401)
    })
  })

  describe("DELETE /projects/:id/snippets/:snippet_id", () => {
    it("200 for the author with the removed snippet, 200 again, 200 for an unknown id; its notes go with it", async () => {
      const snippet = await create("reporter", { title: "doomed" })
      await t.api(token("guest")).post(`${base()}/${snippet.id}/notes`, { body: "bye" })
      const res = await t.api(token("reporter")).delete(`${base()}/${snippet.id}`)
      expect([res.status, res.body]).toEqual([200, snippet])
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}`)).status).toBe(404)
      expect(await db.rows("notes", { noteable_type: "Snippet", noteable_id: snippet.id })).toEqual([])
      expect((await t.api(token("reporter")).delete(`${base()}/${snippet.id}`)).status).toBe(200)
      expect((await t.api(token("guest")).delete(`${base()}/999999`)).status).toBe(200)
    })

    it("403 for a developer on someone else's snippet (it stays); 200 for a master", async () => {
      const snippet = await create("reporter", { title: "guarded" })
      const res = await t.api(token("developer")).delete(`${base()}/${snippet.id}`)
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      expect((await t.api(token("guest")).get(`${base()}/${snippet.id}`)).status).toBe(200)
      expect((await t.api(token("master")).delete(`${base()}/${snippet.id}`)).status).toBe(200)
    })

    it("another project's snippet id is a no-op 200; 404 stranger; 401 anonymous", async () => {
      const [foreign] = (await t.api(other.callers.owner.token).get(`/projects/${other.projectId}/snippets`)).body
      expect((await t.api(token("master")).delete(`${base()}/${foreign.id}`)).status).toBe(200)
      expect(
        (await t.api(other.callers.owner.token).get(`/projects/${other.projectId}/snippets/${foreign.id}`)).status,
      ).toBe(200)
      const [first] = (await t.api(token("guest")).get(base())).body
      expect((await t.api(token("nonMember")).delete(`${base()}/${first.id}`)).status).toBe(404)
      expect((await t.api().delete(`${base()}/${first.id}`)).status).toBe(401)
    })
  })

  describe("permission matrix", () => {
    let reporterSnippet: number
    beforeAll(async () => {
      reporterSnippet = (await create("reporter", { title: "matrix" })).id
    })
    const ownedByReporter = (ok: number): Outcomes => ({ ...atLeast("master", ok), reporter: ok })
    const table: ReadonlyArray<{
      route: string
      outcomes: Outcomes
      send: () => [string, string, Record<string, unknown>?]
    }> = [
      { route: "GET /projects/:id/snippets", outcomes: readers(200), send: () => ["GET", base()] },
      {
        route: "GET /projects/:id/snippets/:snippet_id",
        outcomes: readers(200),
        send: () => ["GET", `${base()}/${reporterSnippet}`],
      },
      {
        route: "GET /projects/:id/snippets/:snippet_id/raw",
        outcomes: readers(200),
        send: () => ["GET", `${base()}/${reporterSnippet}/raw`],
      },
      {
        route: "POST /projects/:id/snippets",
        outcomes: atLeast("reporter", 201),
        send: () => ["POST", base(), { title: "m", file_name: "m.rb", code: "m" }],
      },
      // The snippet's author is the reporter: masters, the owner and admins may change it too.
      {
        route: "PUT /projects/:id/snippets/:snippet_id (reporter's snippet)",
        outcomes: ownedByReporter(200),
        send: () => ["PUT", `${base()}/${reporterSnippet}`, { code: "edited" }],
      },
      // Deleting an absent snippet passes every check but the project's: readers get 200.
      {
        route: "DELETE /projects/:id/snippets/:snippet_id (absent)",
        outcomes: readers(200),
        send: () => ["DELETE", `${base()}/999999`],
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

    describe("DELETE /projects/:id/snippets/:snippet_id (a reporter's snippet, fresh each time)", () => {
      for (const role of ROLES)
        it(`${role} → ${ownedByReporter(200)[role]}`, async () => {
          const id = (await create("reporter", { title: `doomed by ${role}` })).id
          const res = await t.request("DELETE", `${base()}/${id}`, { token: token(role) })
          expect(res.status).toBe(ownedByReporter(200)[role])
          expect((await t.api(token("guest")).get(`${base()}/${id}`)).status).toBe(res.status === 200 ? 404 : 200)
        })
    })
  })
})
