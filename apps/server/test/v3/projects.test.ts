import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"
import { PROJECT_KEYS } from "../support/entities.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>

describe.each(dialects)("projects API on %s", (dialect) => {
  let t: TestServer
  let jo: User
  let ann: User
  const repo = (fullPath: string) => join(t.dataDir, "repositories", `${fullPath}.git`)
  beforeAll(async () => {
    t = await startTestServer(dialect, { LABRADOR_EXTERNAL_URL: "http://git.example.com" })
    jo = await t.createUser({ username: "jo", name: "Jo Smith" })
    ann = await t.createUser({ username: "ann" })
  })
  afterAll(() => t.close())

  describe("POST /projects", () => {
    it("201 with the Project entity, the creator as master, a 'joined' event and an empty bare repository", async () => {
      const res = await t.api(jo.token).post("/projects", { name: "Foo Bar", description: "first" })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(PROJECT_KEYS)
      expect(res.body).toMatchObject({
        description: "first",
        default_branch: null,
        public: false,
        name: "Foo Bar",
        path: "foo-bar",
        path_with_namespace: "jo/foo-bar",
        name_with_namespace: "Jo Smith / Foo Bar",
        ssh_url_to_repo: "git@git.example.com:jo/foo-bar.git",
        http_url_to_repo: "http://git.example.com/jo/foo-bar.git",
        web_url: "http://git.example.com/jo/foo-bar",
        issues_enabled: true,
        merge_requests_enabled: true,
        wall_enabled: false,
        wiki_enabled: true,
        snippets_enabled: false,
        owner: { id: jo.id, username: "jo", email: jo.email, name: "Jo Smith", state: "active" },
      })
      expect(Object.keys(res.body.namespace)).toEqual([
        "created_at",
        "description",
        "id",
        "name",
        "owner_id",
        "path",
        "updated_at",
      ])
      expect(res.body.namespace).toMatchObject({ name: "jo", path: "jo", owner_id: jo.id, description: "" })
      expect(res.body.last_activity_at).toBe(res.body.created_at)
      expect(res.body).not.toHaveProperty("forked_from_project")
      expect(existsSync(join(repo("jo/foo-bar"), "HEAD"))).toBe(true)
      const members = await t.api(jo.token).get(`/projects/${res.body.id}/members`)
      expect(members.body).toEqual([expect.objectContaining({ id: jo.id, access_level: 40 })])
      const events = await t.api(jo.token).get(`/projects/${res.body.id}/events`)
      expect(events.body).toEqual([
        {
          title: null,
          project_id: res.body.id,
          action_name: "joined",
          target_id: null,
          target_type: null,
          author_id: jo.id,
          data: null,
          target_title: null,
        },
      ])
    })

    it("takes an explicit path and every feature flag, as JSON or form", async () => {
      const res = await t.api(jo.token).post(
        "/projects",
        {
          name: "flags",
          path: "my.flags_1",
          issues_enabled: "false",
          wall_enabled: "true",
          snippets_enabled: "1",
          public: "true",
          default_branch: "main",
        },
        { form: true },
      )
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        path: "my.flags_1",
        issues_enabled: false,
        wall_enabled: true,
        snippets_enabled: true,
        public: true,
        default_branch: "main",
      })
    })

    it("400 for a missing name, invalid name or path, a reserved path and a wrong type; nothing created", async () => {
      expect((await t.api(jo.token).post("/projects", { name: " " })).body).toEqual({
        message: '400 (Bad request) "name" not given',
      })
      for (const body of [
        { name: "-bad" },
        { name: "ok", path: "../escape" },
        { name: "ok", path: "a/b" },
        { name: "ok", path: "projects" },
        { name: "x".repeat(256) },
        { name: "ok", path: "x.git" },
      ]) {
        const res = await t.api(jo.token).post("/projects", body)
        expect(res.status).toBe(400)
        expect(typeof res.body.message).toBe("object")
      }
      expect((await t.api(jo.token).post("/projects", { name: "typed", issues_enabled: "perhaps" })).body).toEqual({
        message: { issues_enabled: ["is invalid"] },
      })
      expect((await t.api(jo.token).get("/projects/search/typed")).body).toEqual([])
      expect(existsSync(repo("jo/escape"))).toBe(false)
    })

    it("400 for a path whose directory would not fit the file system (251 characters with '.git'); a 255-character name, username or group path fits", async () => {
      const tooLong = { message: { path: ["is too long (maximum is 251 characters)"] } }
      for (const body of [
        { name: "a".repeat(252) },
        { name: "b".repeat(255) },
        { name: "ok", path: "c".repeat(252) },
      ]) {
        const res = await t.api(jo.token).post("/projects", body)
        expect([res.status, res.body]).toEqual([400, tooLong])
      }
      const longest = await t.api(jo.token).post("/projects", { name: "d".repeat(251) })
      expect([longest.status, longest.body.path]).toEqual([201, "d".repeat(251)])
      expect(existsSync(join(repo(`jo/${"d".repeat(251)}`), "HEAD"))).toBe(true)
      const named = await t.api(jo.token).post("/projects", { name: "e".repeat(255), path: "long-name" })
      expect([named.status, named.body.name]).toEqual([201, "e".repeat(255)])
      // A namespace is a directory with no suffix: GitLab's 255 fits.
      const wide = await t.createUser({ username: "u".repeat(255) })
      const inWide = await t.api(wide.token).post("/projects", { name: "f".repeat(251) })
      expect([inWide.status, inWide.body.path_with_namespace]).toEqual([201, `${"u".repeat(255)}/${"f".repeat(251)}`])
      const group = await t.api(t.rootToken).post("/groups", { name: "Wide", path: "g".repeat(255) })
      expect(group.status).toBe(201)
      const inGroup = await t.api(t.rootToken).post("/projects", { name: "h".repeat(251), namespace_id: group.body.id })
      expect([inGroup.status, inGroup.body.path_with_namespace]).toEqual([201, `${"g".repeat(255)}/${"h".repeat(251)}`])
      expect((await t.api(t.rootToken).post("/groups", { name: "Wider", path: "g".repeat(256) })).body).toEqual({
        message: { path: ["is too long (maximum is 255 characters)"] },
      })
      for (const id of [longest.body.id, named.body.id, inWide.body.id, inGroup.body.id])
        expect((await t.api(t.rootToken).delete(`/projects/${id}`)).status).toBe(200)
    })

    it("409 for a name or path already used in the namespace; the same name elsewhere is fine", async () => {
      const dup = await t.api(jo.token).post("/projects", { name: "Foo Bar" })
      expect([dup.status, dup.body]).toEqual([
        409,
        { message: { name: ["has already been taken"], path: ["has already been taken"] } },
      ])
      const path = await t.api(jo.token).post("/projects", { name: "Other", path: "FOO-BAR" })
      expect([path.status, path.body]).toEqual([409, { message: { path: ["has already been taken"] } }])
      expect((await t.api(ann.token).post("/projects", { name: "Foo Bar" })).status).toBe(201)
    })

    it("a repository that cannot be created leaves no project row behind", async () => {
      const lee = await t.createUser({ username: "lee" })
      mkdirSync(repo("lee/blocked"), { recursive: true })
      const res = await t.api(lee.token).post("/projects", { name: "blocked" })
      expect(res.status).toBe(400)
      expect((await t.api(lee.token).get("/projects")).body).toEqual([])
      expect((await t.api(lee.token).get("/projects/lee%2Fblocked")).status).toBe(404)
      rmSync(repo("lee/blocked"), { recursive: true })
      expect((await t.api(lee.token).post("/projects", { name: "blocked" })).status).toBe(201)
    })

    it("403 once the creator owns projects_limit personal projects; projects_limit 0 forbids any", async () => {
      const limited = await t.createUser({ projects_limit: 1 })
      expect((await t.api(limited.token).post("/projects", { name: "one" })).status).toBe(201)
      const res = await t.api(limited.token).post("/projects", { name: "two" })
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      expect((await t.api(limited.token).get("/user")).body.can_create_project).toBe(false)
      const none = await t.createUser({ projects_limit: 0 })
      expect((await t.api(none.token).post("/projects", { name: "zero" })).status).toBe(403)
    })

    it("404 for a namespace_id the caller may not use; 401 anonymous", async () => {
      const annNamespace = (await t.api(ann.token).get("/projects/owned")).body[0].namespace.id
      expect((await t.api(jo.token).post("/projects", { name: "intrude", namespace_id: annNamespace })).status).toBe(
        404,
      )
      expect((await t.api(jo.token).post("/projects", { name: "nowhere", namespace_id: 999999 })).status).toBe(404)
      const admin = await t.api(t.rootToken).post("/projects", { name: "for ann", namespace_id: annNamespace })
      expect([admin.status, admin.body.path_with_namespace]).toEqual([201, "ann/for-ann"])
      expect((await t.api().post("/projects", { name: "anon" })).status).toBe(401)
    })
  })

  describe("POST /projects/user/:user_id", () => {
    it("admin only; 400 name; 404 user; creates in the target's namespace with him as master", async () => {
      expect((await t.api(jo.token).post(`/projects/user/${ann.id}`, { name: "x" })).status).toBe(403)
      expect((await t.api(t.rootToken).post(`/projects/user/${ann.id}`, {})).body).toEqual({
        message: '400 (Bad request) "name" not given',
      })
      expect((await t.api(t.rootToken).post("/projects/user/999999", { name: "x" })).status).toBe(404)
      const res = await t.api(t.rootToken).post(`/projects/user/${ann.id}`, { name: "Given", path: "ignored" })
      expect([res.status, res.body.path_with_namespace, res.body.owner.id]).toEqual([201, "ann/given", ann.id])
      expect((await t.api(ann.token).get(`/projects/${res.body.id}/members/${ann.id}`)).body.access_level).toBe(40)
      expect((await t.api(t.rootToken).post(`/projects/user/${ann.id}`, { name: "Given" })).status).toBe(409)
    })
  })

  describe("GET /projects, /owned, /all, /search/:query", () => {
    it("lists the caller's own and member projects only, ascending, paginated", async () => {
      const mine = (await t.api(jo.token).get("/projects")).body.map(
        (p: { path_with_namespace: string }) => p.path_with_namespace,
      )
      expect(mine).toEqual(["jo/foo-bar", "jo/my.flags_1"])
      const annProject = (await t.api(ann.token).get("/projects/owned")).body[0]
      await t.api(ann.token).post(`/projects/${annProject.id}/members`, { user_id: jo.id, access_level: 20 })
      const res = await t.api(jo.token).get("/projects", { query: { per_page: 2, page: 2 } })
      expect(res.body.map((p: { path_with_namespace: string }) => p.path_with_namespace)).toEqual([
        annProject.path_with_namespace,
      ])
      expect(res.headers.get("x-total")).toBe("3")
      expect((await t.api(jo.token).get("/projects/owned")).body).toHaveLength(2)
    })

    it("/all is for admins; /search matches names among the caller's projects", async () => {
      expect((await t.api(jo.token).get("/projects/all")).status).toBe(403)
      const all = await t.api(t.rootToken).get("/projects/all", { query: { per_page: 100 } })
      expect(all.body.length).toBeGreaterThanOrEqual(5)
      expect(
        (await t.api(jo.token).get("/projects/search/FOO")).body.map(
          (p: { path_with_namespace: string }) => p.path_with_namespace,
        ),
      ).toEqual(["jo/foo-bar", "ann/foo-bar"])
      expect((await t.api(ann.token).get("/projects/search/flags")).body).toEqual([])
    })
  })

  describe("GET /projects/:id", () => {
    it("by id or by URL-encoded namespace/path (dots, dashes, underscores); 404 for strangers and unknowns", async () => {
      const byPath = await t.api(jo.token).get("/projects/jo%2Fmy.flags_1")
      expect([byPath.status, byPath.body.path]).toEqual([200, "my.flags_1"])
      expect((await t.api(jo.token).get(`/projects/${byPath.body.id}`)).body).toEqual(byPath.body)
      const hidden = await t.api(ann.token).get(`/projects/${byPath.body.id}`)
      expect([hidden.status, hidden.body]).toEqual([404, { message: "404 Project Not Found" }])
      expect((await t.api(ann.token).get("/projects/jo%2Fmy.flags_1")).status).toBe(404)
      expect((await t.api(jo.token).get("/projects/999999")).status).toBe(404)
      expect((await t.api(jo.token).get("/projects/jo%2Fnope")).status).toBe(404)
      expect((await t.api(jo.token).get("/projects/my.flags_1")).status).toBe(404)
    })
  })

  describe("fork link", () => {
    it("admin marks and unmarks a fork; 409 when already forked; idempotent delete", async () => {
      const [a, b] = (await t.api(jo.token).get("/projects/owned")).body
      expect((await t.api(jo.token).post(`/projects/${a.id}/fork/${b.id}`)).status).toBe(403)
      expect((await t.api(t.rootToken).post(`/projects/${a.id}/fork/999999`)).status).toBe(404)
      expect((await t.api(t.rootToken).post(`/projects/${a.id}/fork/${b.id}`)).status).toBe(201)
      expect((await t.api(jo.token).get(`/projects/${a.id}`)).body.forked_from_project).toEqual({
        id: b.id,
        name: b.name,
        name_with_namespace: b.name_with_namespace,
        path: b.path,
        path_with_namespace: b.path_with_namespace,
      })
      const again = await t.api(t.rootToken).post(`/projects/${a.id}/fork/${b.id}`)
      expect([again.status, again.body]).toEqual([409, { message: "Project already forked" }])
      expect((await t.api(t.rootToken).delete(`/projects/${a.id}/fork`)).status).toBe(200)
      expect((await t.api(t.rootToken).delete(`/projects/${a.id}/fork`)).status).toBe(200)
      expect((await t.api(jo.token).get(`/projects/${a.id}`)).body).not.toHaveProperty("forked_from_project")
    })
  })

  describe("DELETE /projects/:id", () => {
    it("the owner removes it with its repository; a repeat by him or an admin is 200, others 404", async () => {
      const created = (await t.api(jo.token).post("/projects", { name: "short lived" })).body
      await t.api(jo.token).post(`/projects/${created.id}/members`, { user_id: ann.id, access_level: 40 })
      expect((await t.api(ann.token).delete(`/projects/${created.id}`)).status).toBe(403)
      expect(existsSync(repo("jo/short-lived"))).toBe(true)
      expect((await t.api(jo.token).delete(`/projects/${created.id}`)).status).toBe(200)
      expect(existsSync(repo("jo/short-lived"))).toBe(false)
      expect((await t.api(jo.token).get(`/projects/${created.id}`)).status).toBe(404)
      expect((await t.api(jo.token).delete(`/projects/${created.id}`)).status).toBe(200)
      expect((await t.api(t.rootToken).delete(`/projects/${created.id}`)).status).toBe(200)
      expect((await t.api(ann.token).delete(`/projects/${created.id}`)).status).toBe(404)
      expect((await t.api(jo.token).delete("/projects/987654")).status).toBe(404)
      // The name is free again, and so is the repository path.
      expect((await t.api(jo.token).post("/projects", { name: "short lived" })).status).toBe(201)
    })
  })

  describe("a user's rename and deletion carry his projects along", () => {
    it("renaming the user moves the repositories; deleting him removes them", async () => {
      const kim = await t.createUser({ username: "kim" })
      const project = (await t.api(kim.token).post("/projects", { name: "carried" })).body
      await t.api(t.rootToken).put(`/users/${kim.id}`, { username: "kimberly" })
      expect((await t.api(kim.token).get(`/projects/${project.id}`)).body.path_with_namespace).toBe("kimberly/carried")
      expect(existsSync(repo("kimberly/carried"))).toBe(true)
      expect(existsSync(repo("kim/carried"))).toBe(false)
      await t.api(t.rootToken).delete(`/users/${kim.id}`)
      expect(existsSync(repo("kimberly/carried"))).toBe(false)
      expect((await t.api(t.rootToken).get(`/projects/${project.id}`)).status).toBe(404)
    })

    it("deleting the owner of a group removes the group's projects and their repositories too", async () => {
      const boss = await t.createUser({ username: "boss", admin: true })
      const group = (await t.api(boss.token).post("/groups", { name: "Crew", path: "crew" })).body
      const project = (await t.api(boss.token).post("/projects", { name: "shared", namespace_id: group.id })).body
      expect(project.path_with_namespace).toBe("crew/shared")
      expect(existsSync(repo("crew/shared"))).toBe(true)
      await t.api(t.rootToken).delete(`/users/${boss.id}`)
      expect(existsSync(repo("crew/shared"))).toBe(false)
      expect((await t.api(t.rootToken).get(`/projects/${project.id}`)).status).toBe(404)
    })
  })
})
