import { execFileSync } from "node:child_process"
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cloneUrl, commitFiles, gitOk, scratchDir, workingCopy } from "../support/git-cli.ts"
import { atLeast, projectWithRoles, ROLES, type Outcomes, type ProjectWithRoles } from "../support/project-roles.ts"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const NOT_FOUND = /404.*Not Found/i
const JOHN = "John Smith <john@example.com>"
const JANE = "Jane Doe <jane@example.com>"
const LOGO = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
])
const GRIT_KEYS = ["id", "parents", "tree", "message", "author", "committer", "authored_date", "committed_date"]
const COMMIT_KEYS = ["id", "short_id", "title", "author_name", "author_email", "created_at"]

/** The names a tar archive holds (ustar headers: the name is the first 100 bytes of each header block). */
const tarNames = (tar: Buffer): Array<string> => {
  const names: Array<string> = []
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar.toString("utf8", at, at + 100).replace(/\0.*$/s, "")
    if (name === "") break
    const size = parseInt(
      tar
        .toString("latin1", at + 124, at + 136)
        .replace(/\0.*$/s, "")
        .trim() || "0",
      8,
    )
    // pax headers (type 'g'/'x') describe the next entry and are not entries themselves.
    if (!["g", "x"].includes(tar.toString("latin1", at + 156, at + 157))) names.push(name)
    at += 512 + Math.ceil(size / 512) * 512
  }
  return names
}

describe.each(dialects)("repositories API on %s", (dialect) => {
  let t: TestServer
  let scratch: ReturnType<typeof scratchDir>
  let p: ProjectWithRoles
  let owner: string
  let work: string
  /** Commits of the pushed history: c1 ← c2 ← c3 (master), c2 ← c4 (feature/x); stable at c1. */
  const c: Record<"c1" | "c2" | "c3" | "c4", string> = { c1: "", c2: "", c3: "", c4: "" }
  const trees: Record<string, string> = {}
  const repo = (path = "") => `/projects/${p.projectId}/repository${path}`
  const get = (path: string, query?: Record<string, string | number>) =>
    t.api(owner).get(repo(path), query ? { query } : {})
  const local = async (...args: Array<string>) => (await gitOk(work, args)).trim()

  beforeAll(async () => {
    t = await startTestServer(dialect)
    scratch = scratchDir()
    p = await projectWithRoles(t, "Gadget")
    owner = p.callers.owner.token!
    const url = cloneUrl(`${t.url}/${p.path}.git`, p.callers.owner.user!.username, owner)
    work = await workingCopy(scratch.dir, "gadget", url)

    c.c1 = await commitFiles(
      work,
      { "README.md": "# Gadget\n", "lib/gadget.rb": "class Gadget\nend\n" },
      "Initial commit",
      { date: "2012-05-28T04:42:42-07:00", author: JOHN },
    )
    await gitOk(work, ["branch", "stable"])
    symlinkSync("README.md", join(work, "link"))
    mkdirSync(join(work, "bin"))
    writeFileSync(join(work, "bin/run"), "#!/bin/sh\necho run\n", { mode: 0o755 })
    c.c2 = await commitFiles(
      work,
      { "lib/sub/deep.txt": "deep\n", "logo.png": LOGO },
      "Add deep file\n\nAnd a script.",
      {
        date: "2012-06-27T05:51:39-07:00",
        committerDate: "2012-06-28T03:44:20-07:00",
        author: JOHN,
      },
    )
    await gitOk(work, ["tag", "v1.0"])
    await gitOk(work, ["branch", "feature/x"])
    rmSync(join(work, "lib/gadget.rb"))
    c.c3 = await commitFiles(
      work,
      { "README.md": "# Gadget\n\nA gadget.\n", "docs/a b.txt": "spaced\n" },
      "Update readme\n\nWith details.",
      { date: "2012-09-20T11:50:22+03:00", author: JANE },
    )
    await gitOk(work, ["tag", "-a", "v1.1", "-m", "Release 1.1"])
    await gitOk(work, ["checkout", "-q", "feature/x"])
    c.c4 = await commitFiles(work, { "feature.txt": "feature\n" }, "Feature work", {
      date: "2013-01-01T00:00:00+00:00",
      author: JOHN,
    })
    await gitOk(work, ["tag", "v2.0"])
    await gitOk(work, ["checkout", "-q", "master"])
    await gitOk(work, ["push", "-q", "origin", "master", "stable", "feature/x", "--tags"])
    for (const name of ["c1", "c2", "c3", "c4"] as const) trees[name] = await local("rev-parse", `${c[name]}^{tree}`)
  })
  afterAll(async () => {
    await t.close()
    scratch.dispose()
  })

  const gritCommit = (name: "c1" | "c2" | "c3" | "c4") => {
    const parents = { c1: [], c2: [c.c1], c3: [c.c2], c4: [c.c2] }[name]
    const fields = {
      c1: {
        message: "Initial commit",
        author: { name: "John Smith", email: "john@example.com" },
        authored_date: "2012-05-28T04:42:42-07:00",
        committed_date: "2012-05-28T04:42:42-07:00",
      },
      c2: {
        message: "Add deep file\n\nAnd a script.",
        author: { name: "John Smith", email: "john@example.com" },
        authored_date: "2012-06-27T05:51:39-07:00",
        committed_date: "2012-06-28T03:44:20-07:00",
      },
      c3: {
        message: "Update readme\n\nWith details.",
        author: { name: "Jane Doe", email: "jane@example.com" },
        authored_date: "2012-09-20T11:50:22+03:00",
        committed_date: "2012-09-20T11:50:22+03:00",
      },
      c4: {
        message: "Feature work",
        author: { name: "John Smith", email: "john@example.com" },
        authored_date: "2013-01-01T00:00:00+00:00",
        committed_date: "2013-01-01T00:00:00+00:00",
      },
    }[name]
    return {
      id: c[name],
      parents: parents.map((id) => ({ id })),
      tree: trees[name],
      message: fields.message,
      author: fields.author,
      committer: { name: "Test Pusher", email: "pusher@example.com" },
      authored_date: fields.authored_date,
      committed_date: fields.committed_date,
    }
  }
  const repoCommit = (name: "c1" | "c2" | "c3" | "c4") => {
    const grit = gritCommit(name)
    return {
      id: grit.id,
      short_id: grit.id.slice(0, 11),
      title: grit.message.split("\n")[0],
      author_name: grit.author.name,
      author_email: grit.author.email,
      created_at: grit.committed_date,
    }
  }

  /** One request per kind of caller; `expected` gives each caller's status. */
  const matrix = async (
    request: (token: string | undefined, role: string) => Promise<{ status: number }>,
    expected: Outcomes,
  ) => {
    const got: Record<string, number> = {}
    for (const role of ROLES) got[role] = (await request(p.callers[role].token, role)).status
    expect(got).toEqual(expected)
  }

  describe("GET /projects/:id/repository/branches", () => {
    it("200: every branch by name, each with its head as Grit's commit hash and protected false", async () => {
      const res = await get("/branches")
      expect(res.status).toBe(200)
      expect(res.body.map((b: { name: string }) => b.name)).toEqual(["feature/x", "master", "stable"])
      expect(res.body[1]).toEqual({ name: "master", commit: gritCommit("c3"), protected: false })
      expect(Object.keys(res.body[1].commit)).toEqual(GRIT_KEYS)
      expect(res.body[2].commit).toEqual(gritCommit("c1"))
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/branches")), atLeast("reporter", 200)))

    it("the project may be named by its namespace/path", async () => {
      const res = await t.api(owner).get(`/projects/${encodeURIComponent(p.path)}/repository/branches`)
      expect([res.status, res.body.length]).toEqual([200, 3])
    })
  })

  describe("GET /projects/:id/repository/branches/:branch", () => {
    it("200 RepoBranch; a name with a slash is sent as %2F", async () => {
      expect((await get("/branches/master")).body).toEqual({
        name: "master",
        commit: gritCommit("c3"),
        protected: false,
      })
      expect((await get("/branches/feature%2Fx")).body).toEqual({
        name: "feature/x",
        commit: gritCommit("c4"),
        protected: false,
      })
    })

    it("404 for an unknown branch, and for a tag", async () => {
      for (const name of ["nope", "v1.0"]) {
        const res = await get(`/branches/${name}`)
        expect(res.status).toBe(404)
        expect(res.body.message).toMatch(NOT_FOUND)
      }
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/branches/master")), atLeast("reporter", 200)))
  })

  describe("PUT /projects/:id/repository/branches/:branch/protect and /unprotect", () => {
    it("protect: 200 with protected true, again 200 unchanged; the list and the branch show it", async () => {
      const res = await t.api(owner).put(repo("/branches/stable/protect"))
      expect([res.status, res.body]).toEqual([200, { name: "stable", commit: gritCommit("c1"), protected: true }])
      expect((await t.api(owner).put(repo("/branches/stable/protect"))).body.protected).toBe(true)
      expect((await get("/branches/stable")).body.protected).toBe(true)
      expect((await get("/branches")).body.map((b: { protected: boolean }) => b.protected)).toEqual([
        false,
        false,
        true,
      ])
    })

    it("unprotect: 200 with protected false, again 200", async () => {
      const res = await t.api(owner).put(repo("/branches/stable/unprotect"))
      expect([res.status, res.body]).toEqual([200, { name: "stable", commit: gritCommit("c1"), protected: false }])
      expect((await t.api(owner).put(repo("/branches/stable/unprotect"))).body.protected).toBe(false)
      expect((await get("/branches/stable")).body.protected).toBe(false)
    })

    it("404 for an unknown branch; a name with a slash works", async () => {
      expect((await t.api(owner).put(repo("/branches/nope/protect"))).body.message).toMatch(NOT_FOUND)
      expect((await t.api(owner).put(repo("/branches/nope/unprotect"))).status).toBe(404)
      expect((await t.api(owner).put(repo("/branches/feature%2Fx/protect"))).body).toMatchObject({
        name: "feature/x",
        protected: true,
      })
      expect((await t.api(owner).put(repo("/branches/feature%2Fx/unprotect"))).body).toMatchObject({
        name: "feature/x",
        protected: false,
      })
    })

    it("masters, the owner and admins; developers and below 403; non-member 404; anonymous 401", async () => {
      await matrix((token) => t.api(token).put(repo("/branches/stable/protect")), atLeast("master", 200))
      await matrix((token) => t.api(token).put(repo("/branches/stable/unprotect")), atLeast("master", 200))
      expect((await t.api(p.callers.developer.token).put(repo("/branches/nope/protect"))).status).toBe(403)
      expect((await get("/branches/stable")).body.protected).toBe(false)
    })
  })

  describe("GET /projects/:id/repository/tags", () => {
    it("200: names in reverse byte order, annotated tags peeled to their commit, protected null", async () => {
      const res = await get("/tags")
      expect(res.status).toBe(200)
      expect(res.body).toEqual([
        { name: "v2.0", commit: gritCommit("c4"), protected: null },
        { name: "v1.1", commit: gritCommit("c3"), protected: null },
        { name: "v1.0", commit: gritCommit("c2"), protected: null },
      ])
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/tags")), atLeast("reporter", 200)))
  })

  describe("POST /projects/:id/repository/tags", () => {
    it("201 RepoTag at the ref (a branch, tag or sha); the tag is there for git too", async () => {
      const res = await t.api(p.callers.developer.token).post(repo("/tags"), { tag_name: "v0.9", ref: "stable" })
      expect([res.status, res.body]).toEqual([201, { name: "v0.9", commit: gritCommit("c1"), protected: null }])
      expect(
        (await t.api(owner).post(repo("/tags"), { tag_name: "rel/1", ref: c.c2.slice(0, 8) }, { form: true })).body
          .commit.id,
      ).toBe(c.c2)
      expect((await gitOk(work, ["ls-remote", "--tags", "origin", "v0.9"])).trim()).toBe(`${c.c1}\trefs/tags/v0.9`)
    })

    it("409 when the tag exists; nothing changes", async () => {
      const res = await t.api(owner).post(repo("/tags"), { tag_name: "v1.0", ref: "master" })
      expect(res.status).toBe(409)
      expect(res.body).toHaveProperty("message")
      expect((await get("/tags")).body.find((tag: { name: string }) => tag.name === "v1.0").commit.id).toBe(c.c2)
    })

    it("400 for a missing tag_name or ref, an invalid name, a ref that names no commit", async () => {
      expect((await t.api(owner).post(repo("/tags"), { ref: "master" })).body).toEqual({
        message: '400 (Bad request) "tag_name" not given',
      })
      expect((await t.api(owner).post(repo("/tags"), { tag_name: "x" })).body).toEqual({
        message: '400 (Bad request) "ref" not given',
      })
      for (const tag_name of ["bad..name", "-x", "a b", "end.lock", "with~tilde"]) {
        const res = await t.api(owner).post(repo("/tags"), { tag_name, ref: "master" })
        expect([res.status, res.body]).toEqual([400, { message: { tag_name: ["is invalid"] } }])
      }
      expect((await t.api(owner).post(repo("/tags"), { tag_name: "ghost", ref: "no-such-ref" })).body).toEqual({
        message: { ref: ["is invalid"] },
      })
      expect((await get("/tags")).body.map((tag: { name: string }) => tag.name)).toEqual([
        "v2.0",
        "v1.1",
        "v1.0",
        "v0.9",
        "rel/1",
      ])
    })

    it("developers and up; reporters and guests 403; non-member 404; anonymous 401", () =>
      matrix(
        (token, role) => t.api(token).post(repo("/tags"), { tag_name: `by-${role}`, ref: "master" }),
        atLeast("developer", 201),
      ))
  })

  describe("GET /projects/:id/repository/commits", () => {
    it("200: the default branch's history newest first, as RepoCommit (created_at is the committer date)", async () => {
      const res = await get("/commits")
      expect(res.status).toBe(200)
      expect(res.body).toEqual([repoCommit("c3"), repoCommit("c2"), repoCommit("c1")])
      expect(Object.keys(res.body[0])).toEqual(COMMIT_KEYS)
      expect(res.body[1].created_at).toBe("2012-06-28T03:44:20-07:00")
    })

    it("ref_name: a branch, a tag, a full or abbreviated sha", async () => {
      const ids = async (ref_name: string) =>
        (await get("/commits", { ref_name })).body.map((x: { id: string }) => x.id)
      expect(await ids("feature/x")).toEqual([c.c4, c.c2, c.c1])
      expect(await ids("v1.0")).toEqual([c.c2, c.c1])
      expect(await ids(c.c2)).toEqual([c.c2, c.c1])
      expect(await ids(c.c2.slice(0, 7))).toEqual([c.c2, c.c1])
      expect(await ids("stable")).toEqual([c.c1])
    })

    it("pages are zero-based: page=0 (or none) is the first, page=1 the second", async () => {
      const ids = async (query: Record<string, number>) =>
        (await get("/commits", query)).body.map((x: { id: string }) => x.id)
      expect(await ids({ per_page: 2 })).toEqual([c.c3, c.c2])
      expect(await ids({ page: 0, per_page: 2 })).toEqual([c.c3, c.c2])
      expect(await ids({ page: 1, per_page: 2 })).toEqual([c.c1])
      expect(await ids({ page: 1, per_page: 1 })).toEqual([c.c2])
      expect(await ids({ page: 5, per_page: 2 })).toEqual([])
    })

    it("page and per_page read as the other lists read them: past the history, however large, is [], never the first page", async () => {
      const ids = async (query: Record<string, string | number>) =>
        (await get("/commits", query)).body.map((x: { id: string }) => x.id)
      // git counts --skip in an int: 2^32 wraps to 0, 2^31 + 2 to a negative count.
      for (const [page, per_page] of [
        ["2147483647", 20],
        ["4294967296", 1],
        ["2147483650", 1],
        ["9007199254740993", 1],
        ["99999999999999999999999", 100],
      ] as const)
        expect(await ids({ page, per_page })).toEqual([])
      // Ruby's to_i, as GitLab read them: leading digits count, nonsense and negatives are the first page.
      expect(await ids({ page: "1abc", per_page: 2 })).toEqual([c.c1])
      expect(await ids({ page: "-1", per_page: 2 })).toEqual([c.c3, c.c2])
      expect(await ids({ page: "abc", per_page: "2abc" })).toEqual([c.c3, c.c2])
      expect(await ids({ per_page: "0" })).toEqual([c.c3, c.c2, c.c1])
    })

    it("an unknown ref is an empty list", async () => {
      expect([
        (await get("/commits", { ref_name: "nope" })).status,
        (await get("/commits", { ref_name: "nope" })).body,
      ]).toEqual([200, []])
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/commits")), atLeast("reporter", 200)))
  })

  describe("GET /projects/:id/repository/commits/:sha", () => {
    it("200 RepoCommitDetail by full or abbreviated sha, branch or tag", async () => {
      const detail = {
        ...repoCommit("c2"),
        committed_date: "2012-06-28T03:44:20-07:00",
        authored_date: "2012-06-27T05:51:39-07:00",
        parent_ids: [c.c1],
      }
      for (const sha of [c.c2, c.c2.slice(0, 10), "v1.0"]) expect((await get(`/commits/${sha}`)).body).toEqual(detail)
      expect((await get("/commits/stable")).body.parent_ids).toEqual([])
      expect((await get("/commits/master")).body.id).toBe(c.c3)
    })

    it("404 Commit Not Found for what names no commit", async () => {
      for (const sha of ["nope", "0123456789abcdef0123456789abcdef01234567", trees.c1!]) {
        const res = await get(`/commits/${sha}`)
        expect([res.status, res.body]).toEqual([404, { message: "404 Commit Not Found" }])
      }
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo(`/commits/${c.c1}`)), atLeast("reporter", 200)))
  })

  describe("GET /projects/:id/repository/commits/:sha/diff", () => {
    it("200: one RepoDiff per changed file against the first parent, in path order (git's own text: a tab ends a name with a space)", async () => {
      const res = await get(`/commits/${c.c3}/diff`)
      expect(res.status).toBe(200)
      expect(res.body).toEqual([
        {
          diff: "--- a/README.md\n+++ b/README.md\n@@ -1 +1,3 @@\n # Gadget\n+\n+A gadget.\n",
          new_path: "README.md",
          old_path: "README.md",
          a_mode: "100644",
          b_mode: "100644",
          new_file: false,
          renamed_file: false,
          deleted_file: false,
        },
        {
          diff: "--- /dev/null\n+++ b/docs/a b.txt\t\n@@ -0,0 +1 @@\n+spaced\n",
          new_path: "docs/a b.txt",
          old_path: "docs/a b.txt",
          a_mode: null,
          b_mode: "100644",
          new_file: true,
          renamed_file: false,
          deleted_file: false,
        },
        {
          diff: "--- a/lib/gadget.rb\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-class Gadget\n-end\n",
          new_path: "lib/gadget.rb",
          old_path: "lib/gadget.rb",
          a_mode: "100644",
          b_mode: null,
          new_file: false,
          renamed_file: false,
          deleted_file: true,
        },
      ])
    })

    it("a root commit against the empty tree; binary files say they differ", async () => {
      expect(
        (await get(`/commits/${c.c1}/diff`)).body.map((d: { new_path: string; new_file: boolean }) => [
          d.new_path,
          d.new_file,
        ]),
      ).toEqual([
        ["README.md", true],
        ["lib/gadget.rb", true],
      ])
      const logo = (await get(`/commits/${c.c2}/diff`)).body.find(
        (d: { new_path: string }) => d.new_path === "logo.png",
      )
      expect(logo.diff).toMatch(/^Binary files \/dev\/null and b\/logo.png differ/)
      const run = (await get(`/commits/${c.c2}/diff`)).body.find((d: { new_path: string }) => d.new_path === "bin/run")
      expect(run.b_mode).toBe("100755")
    })

    it("404 Commit Not Found for an unknown sha", async () => {
      expect((await get("/commits/nope/diff")).body).toEqual({ message: "404 Commit Not Found" })
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo(`/commits/${c.c3}/diff`)), atLeast("reporter", 200)))
  })

  describe("GET /projects/:id/repository/tree", () => {
    it("200: the root of the default branch, directories first, then files, each in git's order", async () => {
      const res = await get("/tree")
      expect(res.status).toBe(200)
      const ids = Object.fromEntries(
        (await local("ls-tree", c.c3)).split("\n").map((line) => {
          const [meta, name] = line.split("\t") as [string, string]
          return [name, meta.split(" ")[2]]
        }),
      )
      expect(res.body).toEqual([
        { name: "bin", type: "tree", mode: "040000", id: ids.bin },
        { name: "docs", type: "tree", mode: "040000", id: ids.docs },
        { name: "lib", type: "tree", mode: "040000", id: ids.lib },
        { name: "README.md", type: "blob", mode: "100644", id: ids["README.md"] },
        { name: "link", type: "blob", mode: "120000", id: ids.link },
        { name: "logo.png", type: "blob", mode: "100644", id: ids["logo.png"] },
      ])
      expect(Object.keys(res.body[0])).toEqual(["name", "type", "mode", "id"])
    })

    it("path and ref_name: a subdirectory (slashes around it tolerated), at any ref", async () => {
      const names = async (query: Record<string, string>) =>
        (await get("/tree", query)).body.map((e: { name: string; mode: string }) => `${e.name}:${e.mode}`)
      expect(await names({ path: "lib/sub" })).toEqual(["deep.txt:100644"])
      expect(await names({ path: "/lib/sub/" })).toEqual(["deep.txt:100644"])
      expect(await names({ path: "bin" })).toEqual(["run:100755"])
      expect(await names({ ref_name: "stable" })).toEqual(["lib:040000", "README.md:100644"])
      expect(await names({ ref_name: "stable", path: "lib" })).toEqual(["gadget.rb:100644"])
      expect(await names({ ref_name: c.c4, path: "" })).toContain("feature.txt:100644")
    })

    it("404 Tree Not Found for an unknown ref, a missing path, a file, or a path that climbs", async () => {
      const queries: Array<Record<string, string>> = [
        { ref_name: "nope" },
        { path: "nope" },
        { path: "README.md" },
        { path: "lib/../lib" },
        { ref_name: "stable", path: "docs" },
      ]
      for (const query of queries) {
        const res = await get("/tree", query)
        expect([res.status, res.body]).toEqual([404, { message: "404 Tree Not Found" }])
      }
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/tree")), atLeast("reporter", 200)))
  })

  describe("GET /projects/:id/repository/blobs/:sha?filepath= (and commits/:sha/blob)", () => {
    it("200: the raw bytes of the file at that commit, text as text/plain", async () => {
      const res = await get("/blobs/master", { filepath: "README.md" })
      expect([res.status, res.text]).toEqual([200, "# Gadget\n\nA gadget.\n"])
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/)
      expect((await get("/blobs/v1.0", { filepath: "README.md" })).text).toBe("# Gadget\n")
      expect((await get(`/blobs/${c.c1}`, { filepath: "lib/gadget.rb" })).text).toBe("class Gadget\nend\n")
      expect((await get("/commits/stable/blob", { filepath: "/README.md" })).text).toBe("# Gadget\n")
      expect((await get("/blobs/feature%2Fx", { filepath: "lib/sub/deep.txt" })).text).toBe("deep\n")
    })

    it("binary files come back byte for byte", async () => {
      const res = await t.request("GET", repo("/blobs/master"), { token: owner, query: { filepath: "logo.png" } })
      expect(res.headers.get("content-type")).toBe("application/octet-stream")
      const bytes = await fetch(new URL(`/api/v3${repo("/blobs/master")}?filepath=logo.png`, t.url), {
        headers: { "PRIVATE-TOKEN": owner },
      }).then((r) => r.arrayBuffer())
      expect(Buffer.from(bytes)).toEqual(LOGO)
    })

    it("400 without filepath; 404 Commit Not Found for an unknown sha; 404 File Not Found for a missing file or a directory", async () => {
      expect((await get("/blobs/master")).body).toEqual({ message: '400 (Bad request) "filepath" not given' })
      expect((await get("/blobs/master", { filepath: " " })).status).toBe(400)
      expect((await get("/blobs/nope", { filepath: "README.md" })).body).toEqual({ message: "404 Commit Not Found" })
      for (const filepath of ["nope.txt", "lib", "lib/gadget.rb"])
        expect((await get("/blobs/master", { filepath })).body).toEqual({ message: "404 File Not Found" })
      expect((await get("/commits/master/blob", { filepath: "nope" })).status).toBe(404)
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401 (401 and 403 before the filepath check)", async () => {
      await matrix(
        (token) => t.api(token).get(repo("/blobs/master"), { query: { filepath: "README.md" } }),
        atLeast("reporter", 200),
      )
      await matrix((token) => t.api(token).get(repo("/blobs/master")), atLeast("reporter", 400))
    })
  })

  describe("GET /projects/:id/repository/raw_blobs/:sha", () => {
    it("200: the blob with that id (full or abbreviated)", async () => {
      const id = await local("rev-parse", `${c.c3}:README.md`)
      expect((await get(`/raw_blobs/${id}`)).text).toBe("# Gadget\n\nA gadget.\n")
      expect((await get(`/raw_blobs/${id.slice(0, 8)}`)).text).toBe("# Gadget\n\nA gadget.\n")
      const logo = await local("rev-parse", `${c.c3}:logo.png`)
      expect((await get(`/raw_blobs/${logo}`)).headers.get("content-type")).toBe("application/octet-stream")
    })

    it("404 Blob Not Found for an unknown id, a tree or a commit id, or a name", async () => {
      for (const sha of ["0123456789abcdef0123456789abcdef01234567", trees.c3!, c.c3, "master"])
        expect((await get(`/raw_blobs/${sha}`)).body).toEqual({ message: "404 Blob Not Found" })
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", async () => {
      const id = await local("rev-parse", `${c.c3}:README.md`)
      await matrix((token) => t.api(token).get(repo(`/raw_blobs/${id}`)), atLeast("reporter", 200))
    })
  })

  describe("GET /projects/:id/repository/archive", () => {
    const download = (path: string, query: Record<string, string> = {}) => {
      const url = new URL(`/api/v3${repo(path)}`, t.url)
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
      return fetch(url, { headers: { "PRIVATE-TOKEN": owner } })
    }

    it("200 tar.gz of the default branch tip under '<path>-<ref>/', as an attachment", async () => {
      for (const path of ["/archive", "/archive.tar.gz"]) {
        const res = await download(path)
        expect(res.status).toBe(200)
        expect(res.headers.get("content-type")).toBe("application/x-gzip")
        expect(res.headers.get("content-disposition")).toBe('attachment; filename="gadget-master.tar.gz"')
        const names = tarNames(gunzipSync(Buffer.from(await res.arrayBuffer())))
        expect(names).toContain("gadget-master/README.md")
        expect(names).toContain("gadget-master/lib/sub/deep.txt")
        expect(names).not.toContain("gadget-master/lib/gadget.rb")
      }
    })

    it("sha picks the tree; .tar and .zip formats", async () => {
      const tar = await download("/archive.tar", { sha: "stable" })
      expect([tar.headers.get("content-type"), tar.headers.get("content-disposition")]).toEqual([
        "application/x-tar",
        'attachment; filename="gadget-stable.tar"',
      ])
      expect(tarNames(Buffer.from(await tar.arrayBuffer()))).toEqual([
        "gadget-stable/",
        "gadget-stable/README.md",
        "gadget-stable/lib/",
        "gadget-stable/lib/gadget.rb",
      ])
      const zip = await download("/archive.zip", { sha: "feature/x" })
      expect([zip.headers.get("content-type"), zip.headers.get("content-disposition")]).toEqual([
        "application/zip",
        'attachment; filename="gadget-feature-x.zip"',
      ])
      const bytes = Buffer.from(await zip.arrayBuffer())
      expect(bytes.subarray(0, 2).toString()).toBe("PK")
      expect(bytes.includes(Buffer.from("gadget-feature-x/feature.txt"))).toBe(true)
    })

    it("404 for a sha that names nothing", async () => {
      const res = await get("/archive", { sha: "nope" })
      expect([res.status, res.body]).toEqual([404, { message: "404 Not Found" }])
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/archive")), atLeast("reporter", 200)))
  })

  describe("GET /projects/:id/repository/compare", () => {
    it("200: from..to commits oldest first, the 'to' commit, the diff from the merge base", async () => {
      const res = await get("/compare", { from: "stable", to: "master" })
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual(["commit", "commits", "diffs", "compare_timeout", "compare_same_ref"])
      expect(res.body).toMatchObject({
        commit: repoCommit("c3"),
        commits: [repoCommit("c2"), repoCommit("c3")],
        compare_timeout: false,
        compare_same_ref: false,
      })
      expect(res.body.diffs.map((d: { new_path: string }) => d.new_path)).toEqual([
        "README.md",
        "bin/run",
        "docs/a b.txt",
        "lib/gadget.rb",
        "lib/sub/deep.txt",
        "link",
        "logo.png",
      ])
    })

    it("three dots: from a branch that moved on, only what 'to' adds since they parted", async () => {
      const res = await get("/compare", { from: "feature/x", to: "master" })
      expect(res.body.commits).toEqual([repoCommit("c3")])
      expect(res.body.diffs.map((d: { new_path: string }) => d.new_path)).toEqual([
        "README.md",
        "docs/a b.txt",
        "lib/gadget.rb",
      ])
    })

    it("the same commit twice: compare_same_ref true, commit null, nothing listed", async () => {
      expect((await get("/compare", { from: "v1.1", to: "master" })).body).toEqual({
        commit: null,
        commits: [],
        diffs: [],
        compare_timeout: false,
        compare_same_ref: true,
      })
    })

    it("an unknown ref: commit null and nothing listed", async () => {
      expect((await get("/compare", { from: "nope", to: "master" })).body).toEqual({
        commit: null,
        commits: [],
        diffs: [],
        compare_timeout: false,
        compare_same_ref: false,
      })
    })

    it("400 when from or to is missing", async () => {
      expect((await get("/compare", { to: "master" })).body).toEqual({ message: '400 (Bad request) "from" not given' })
      expect((await get("/compare", { from: "master" })).body).toEqual({ message: '400 (Bad request) "to" not given' })
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix(
        (token) => t.api(token).get(repo("/compare"), { query: { from: "stable", to: "master" } }),
        atLeast("reporter", 200),
      ))
  })

  describe("GET /projects/:id/repository/contributors", () => {
    it("200: one per author e-mail over the default branch, most recent first", async () => {
      expect((await get("/contributors")).body).toEqual([
        { name: "Jane Doe", email: "jane@example.com", commits: 1, additions: 0, deletions: 0 },
        { name: "John Smith", email: "john@example.com", commits: 2, additions: 0, deletions: 0 },
      ])
    })

    it("reporter and up; guest 403; non-member 404; anonymous 401", () =>
      matrix((token) => t.api(token).get(repo("/contributors")), atLeast("reporter", 200)))
  })

  describe("an empty repository", () => {
    let empty: number
    beforeAll(async () => {
      empty = (await t.api(owner).post("/projects", { name: "Hollow" })).body.id
    })
    const at = (path: string, query?: Record<string, string>) =>
      t.api(owner).get(`/projects/${empty}/repository${path}`, query ? { query } : {})

    it("lists nothing: branches, tags, commits and contributors are []", async () => {
      for (const path of ["/branches", "/tags", "/commits", "/contributors"])
        expect([(await at(path)).status, (await at(path)).body]).toEqual([200, []])
    })

    it("names nothing: a branch, a commit, the tree, a file, a blob and the archive are 404; compare finds no commit", async () => {
      expect((await at("/branches/master")).status).toBe(404)
      expect((await at("/commits/master")).body).toEqual({ message: "404 Commit Not Found" })
      expect((await at("/commits/master/diff")).status).toBe(404)
      expect((await at("/tree")).body).toEqual({ message: "404 Tree Not Found" })
      expect((await at("/blobs/master", { filepath: "README.md" })).body).toEqual({ message: "404 Commit Not Found" })
      expect((await at(`/raw_blobs/${"a".repeat(40)}`)).status).toBe(404)
      expect((await at("/archive")).status).toBe(404)
      expect((await t.api(owner).put(`/projects/${empty}/repository/branches/master/protect`)).status).toBe(404)
      expect((await at("/compare", { from: "master", to: "master" })).body).toEqual({
        commit: null,
        commits: [],
        diffs: [],
        compare_timeout: false,
        compare_same_ref: false,
      })
    })
  })

  it("unknown project: 404 on every route", async () => {
    for (const path of ["/branches", "/tags", "/commits", "/tree", "/contributors", "/archive"]) {
      const res = await t.api(owner).get(`/projects/999999/repository${path}`)
      expect([res.status, res.body.message]).toEqual([404, expect.stringMatching(NOT_FOUND)])
    }
  })
})

// The working copy helpers shell out; make sure the CLI is there before anything else fails obscurely.
execFileSync("git", ["--version"])
