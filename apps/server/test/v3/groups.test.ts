import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"
import { PROJECT_KEYS } from "../support/entities.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>

const GROUP_KEYS = ["id", "name", "path", "owner_id"]
const MEMBER_KEYS = ["id", "username", "email", "name", "state", "created_at", "access_level"]
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const NOT_FOUND = { message: "404 Not Found" }
const FORBIDDEN = { message: "403 Forbidden" }
const UNAUTHORIZED = { message: "401 Unauthorized" }

describe.each(dialects)("groups API on %s", (dialect) => {
  let t: TestServer
  let rootId: number
  let outsider: User
  let counter = 0
  const root = () => t.api(t.rootToken)
  const unique = (prefix: string) => `${prefix}${++counter}`

  /** A group created by root: its id, name and path. */
  const newGroup = async () => {
    const path = unique("grp")
    const res = await root().post("/groups", { name: `Group ${path}`, path })
    expect(res.status).toBe(201)
    return res.body as { id: number; name: string; path: string; owner_id: number }
  }
  const newProject = async (token: string, name = unique("proj")) => {
    const res = await t.api(token).post("/projects", { name })
    expect(res.status).toBe(201)
    return res.body as { id: number; name: string; path: string; path_with_namespace: string }
  }
  const addMember = async (groupId: number, userId: number, level: number) => {
    const res = await root().post(`/groups/${groupId}/members`, { user_id: userId, access_level: level })
    expect(res.status).toBe(201)
  }
  const repository = (fullPath: string) => join(t.dataDir, "repositories", `${fullPath}.git`)
  const allGroupPaths = async () =>
    (await root().get("/groups", { query: { per_page: 100 } })).body.map((g: { path: string }) => g.path)

  beforeAll(async () => {
    t = await startTestServer(dialect)
    rootId = (await root().get("/user")).body.id
    outsider = await t.createUser({ username: "outsider" })
  })
  afterAll(() => t.close())

  describe("GET /groups", () => {
    it("401 without a token or with a wrong one", async () => {
      expect([(await t.api().get("/groups")).status, (await t.api().get("/groups")).body]).toEqual([401, UNAUTHORIZED])
      expect((await t.api("nope").get("/groups")).status).toBe(401)
    })

    it("gives an admin every group as Group entities, ascending ids, with pagination headers", async () => {
      const first = await newGroup()
      const second = await newGroup()
      const res = await root().get("/groups", { query: { per_page: 100 } })
      expect(res.status).toBe(200)
      const ids = res.body.map((g: { id: number }) => g.id)
      expect(ids).toEqual(ids.toSorted((a: number, b: number) => a - b))
      expect(res.body).toContainEqual({ id: first.id, name: first.name, path: first.path, owner_id: rootId })
      expect(res.body).toContainEqual({ id: second.id, name: second.name, path: second.path, owner_id: rootId })
      for (const group of res.body) expect(Object.keys(group)).toEqual(GROUP_KEYS)
      const paged = await root().get("/groups", { query: { per_page: 1, page: 2 } })
      expect(paged.body).toEqual([res.body[1]])
      expect(paged.headers.get("x-total")).toBe(String(res.body.length))
      expect(paged.headers.get("x-page")).toBe("2")
    })

    it("gives a fresh user []: personal namespaces are not groups", async () => {
      const fresh = await t.createUser()
      const res = await t.api(fresh.token).get("/groups")
      expect([res.status, res.body]).toEqual([200, []])
    })

    it("gives a member the groups he belongs to, and no longer after his removal", async () => {
      const group = await newGroup()
      await newGroup()
      const member = await t.createUser()
      await addMember(group.id, member.id, 10)
      expect((await t.api(member.token).get("/groups")).body).toEqual([
        { id: group.id, name: group.name, path: group.path, owner_id: rootId },
      ])
      expect((await root().delete(`/groups/${group.id}/members/${member.id}`)).status).toBe(200)
      expect((await t.api(member.token).get("/groups")).body).toEqual([])
    })

    it("gives a non-admin owner the groups he owns", async () => {
      const formerAdmin = await t.createUser({ admin: true })
      const created = await t.api(formerAdmin.token).post("/groups", { name: "Owned Group", path: "owned-group" })
      expect(created.body.owner_id).toBe(formerAdmin.id)
      await root().put(`/users/${formerAdmin.id}`, { admin: false })
      expect((await t.api(formerAdmin.token).get("/groups")).body).toEqual([created.body])
      expect((await t.api(formerAdmin.token).get(`/groups/${created.body.id}`)).status).toBe(200)
    })
  })

  describe("POST /groups", () => {
    it("401 anonymous; 403 for a non-admin before any attribute check; nothing created", async () => {
      expect([(await t.api().post("/groups", { name: "Anon", path: "anon" })).status]).toEqual([401])
      const res = await t.api(outsider.token).post("/groups", {})
      expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      const valid = await t.api(outsider.token).post("/groups", { name: "Sneaky", path: "sneaky" })
      expect([valid.status, valid.body]).toEqual([403, FORBIDDEN])
      expect(await allGroupPaths()).not.toContain("sneaky")
      expect(await allGroupPaths()).not.toContain("anon")
    })

    it("400 naming the first missing attribute, name then path; blank counts as missing", async () => {
      for (const [body, missing] of [
        [{}, "name"],
        [{ path: "only-path" }, "name"],
        [{ name: "   ", path: "blank-name" }, "name"],
        [{ name: "Only Name" }, "path"],
        [{ name: "Only Name", path: "" }, "path"],
      ] as const) {
        const res = await root().post("/groups", body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
      expect(await allGroupPaths()).not.toContain("only-path")
    })

    it("400 on a path with '..', '/', a bad first character, a reserved word, or too long", async () => {
      const pathMessage = "can contain only letters, digits, '_', '-' and '.'. It should start with letter."
      for (const [path, message] of [
        ["a..b", pathMessage],
        ["a/b", pathMessage],
        ["../etc", pathMessage],
        ["-dash", pathMessage],
        ["with space", pathMessage],
        ["x.git", pathMessage],
        ["admin", "is reserved"],
        ["Projects", "is reserved"],
        ["p".repeat(256), "is too long (maximum is 255 characters)"],
      ] as const) {
        const res = await root().post("/groups", { name: "Fine Name", path })
        expect([path, res.status, res.body]).toEqual([path, 400, { message: { path: [message] } }])
      }
      const paths = await allGroupPaths()
      for (const path of ["a..b", "a/b", "-dash", "x.git", "admin", "Projects"]) expect(paths).not.toContain(path)
    })

    it("400 on a bad or overlong name, naming every bad field", async () => {
      const bad = await root().post("/groups", { name: "slash/name", path: "slash-name" })
      expect([bad.status, bad.body]).toEqual([
        400,
        { message: { name: ["can contain only letters, digits, spaces, '_', '-' and '.'"] } },
      ])
      const long = await root().post("/groups", { name: "n".repeat(256), path: "long-name" })
      expect([long.status, long.body]).toEqual([
        400,
        { message: { name: ["is too long (maximum is 255 characters)"] } },
      ])
      const both = await root().post("/groups", { name: "a<b", path: "a..b" })
      expect(Object.keys(both.body.message).toSorted()).toEqual(["name", "path"])
      expect(await allGroupPaths()).not.toContain("slash-name")
      expect(await allGroupPaths()).not.toContain("long-name")
    })

    it("400 for values of the wrong type", async () => {
      const res = await root().post("/groups", { name: ["list"], path: { nested: true } })
      expect([res.status, res.body]).toEqual([400, { message: { name: ["is invalid"], path: ["is invalid"] } }])
    })

    it("201 with the Group entity owned by the calling admin, from JSON or a form", async () => {
      const res = await root().post("/groups", { name: "Gitlab-Group", path: "gitlab-group" })
      expect([res.status, res.body]).toEqual([
        201,
        { id: res.body.id, name: "Gitlab-Group", path: "gitlab-group", owner_id: rootId },
      ])
      expect(Object.keys(res.body)).toEqual(GROUP_KEYS)
      const form = await root().post("/groups", { name: "Form Group 1.0", path: "form_group.1" }, { form: true })
      expect([form.status, form.body.name, form.body.path]).toEqual([201, "Form Group 1.0", "form_group.1"])
      expect((await root().get(`/groups/${res.body.id}`)).body).toEqual({ ...res.body, projects: [] })
    })

    it("409 when the name or path is taken by a group, or the path by a user; nothing created", async () => {
      const group = await newGroup()
      const before = await allGroupPaths()
      const byPath = await root().post("/groups", { name: "Another Name", path: group.path.toUpperCase() })
      expect([byPath.status, byPath.body]).toEqual([409, { message: { path: ["has already been taken"] } }])
      const byName = await root().post("/groups", { name: group.name.toLowerCase(), path: unique("fresh") })
      expect([byName.status, byName.body]).toEqual([409, { message: { name: ["has already been taken"] } }])
      const byUser = await root().post("/groups", { name: "Shadow", path: outsider.username })
      expect([byUser.status, byUser.body]).toEqual([409, { message: { path: ["has already been taken"] } }])
      const byUserName = await root().post("/groups", { name: outsider.username, path: unique("fresh") })
      expect([byUserName.status, byUserName.body]).toEqual([409, { message: { name: ["has already been taken"] } }])
      expect(await allGroupPaths()).toEqual(before)
    })

    it("keeps usernames out of a group's path (one path space)", async () => {
      const group = await newGroup()
      const res = await root().post("/users", {
        email: "taken@example.com",
        password: "secret123",
        name: "Taken",
        username: group.path,
      })
      expect([res.status, res.body]).toEqual([409, { message: { username: ["has already been taken"] } }])
    })
  })

  describe("GET /groups/:id", () => {
    it("401 without a token", async () => {
      const group = await newGroup()
      expect([
        (await t.api().get(`/groups/${group.id}`)).status,
        (await t.api().get(`/groups/${group.id}`)).body,
      ]).toEqual([401, UNAUTHORIZED])
    })

    it("404 for an unknown or non-numeric id, a personal namespace's id, and a caller who is neither admin, owner nor member", async () => {
      const group = await newGroup()
      expect([(await root().get("/groups/999999")).status, (await root().get("/groups/999999")).body]).toEqual([
        404,
        NOT_FOUND,
      ])
      expect((await root().get("/groups/abc")).status).toBe(404)
      const project = await newProject(outsider.token)
      const personalNamespaceId = (await root().get(`/projects/${project.id}`)).body.namespace.id
      expect((await root().get(`/groups/${personalNamespaceId}`)).status).toBe(404)
      const res = await t.api(outsider.token).get(`/groups/${group.id}`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
    })

    it("200 with GroupDetail: the group and every project of it as Project entities", async () => {
      const group = await newGroup()
      const first = await newProject(t.rootToken)
      const second = await newProject(outsider.token)
      expect((await root().post(`/groups/${group.id}/projects/${first.id}`)).status).toBe(201)
      expect((await root().post(`/groups/${group.id}/projects/${second.id}`)).status).toBe(201)
      const res = await root().get(`/groups/${group.id}`)
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual([...GROUP_KEYS, "projects"])
      expect(res.body).toMatchObject({ id: group.id, name: group.name, path: group.path, owner_id: rootId })
      expect(res.body.projects.map((p: { id: number }) => p.id)).toEqual([first.id, second.id])
      const [shown] = res.body.projects
      expect(Object.keys(shown)).toEqual(PROJECT_KEYS)
      expect(shown).toMatchObject({
        id: first.id,
        name: first.name,
        path: first.path,
        path_with_namespace: `${group.path}/${first.path}`,
        name_with_namespace: `${group.name} / ${first.name}`,
        web_url: expect.stringMatching(new RegExp(`/${group.path}/${first.path}$`)),
        owner: { id: rootId, username: "root" },
        namespace: { id: group.id, name: group.name, path: group.path, owner_id: rootId, description: "" },
      })
      expect(shown.created_at).toMatch(TIME)
    })

    it("200 for a member of any level", async () => {
      const group = await newGroup()
      const guest = await t.createUser()
      await addMember(group.id, guest.id, 10)
      const res = await t.api(guest.token).get(`/groups/${group.id}`)
      expect([res.status, res.body.id, res.body.projects]).toEqual([200, group.id, []])
    })
  })

  describe("POST /groups/:id/projects/:project_id", () => {
    it("401 without a token; 403 for a non-admin, even the project's owner; nothing moves", async () => {
      const group = await newGroup()
      const project = await newProject(outsider.token)
      expect((await t.api().post(`/groups/${group.id}/projects/${project.id}`)).status).toBe(401)
      const res = await t.api(outsider.token).post(`/groups/${group.id}/projects/${project.id}`)
      expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      expect((await root().get(`/projects/${project.id}`)).body.path_with_namespace).toBe(project.path_with_namespace)
    })

    it("404 for an unknown group, an unknown project, or ids that are not numbers", async () => {
      const group = await newGroup()
      const project = await newProject(outsider.token)
      expect([
        (await root().post(`/groups/999999/projects/${project.id}`)).status,
        (await root().post(`/groups/999999/projects/${project.id}`)).body,
      ]).toEqual([404, NOT_FOUND])
      expect([
        (await root().post(`/groups/${group.id}/projects/999999`)).status,
        (await root().post(`/groups/${group.id}/projects/999999`)).body,
      ]).toEqual([404, NOT_FOUND])
      expect((await root().post(`/groups/${group.id}/projects/abc`)).status).toBe(404)
      expect((await root().post(`/groups/abc/projects/${project.id}`)).status).toBe(404)
      expect((await root().get(`/projects/${project.id}`)).body.path_with_namespace).toBe(project.path_with_namespace)
    })

    it("201 with the raw group row; the project and its repository move into the group; members keep their access", async () => {
      const group = await newGroup()
      const owner = await t.createUser()
      const developer = await t.createUser()
      const project = await newProject(owner.token)
      await t.api(owner.token).post(`/projects/${project.id}/members`, { user_id: developer.id, access_level: 30 })
      expect(existsSync(repository(project.path_with_namespace))).toBe(true)

      const res = await root().post(`/groups/${group.id}/projects/${project.id}`)
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        id: group.id,
        name: group.name,
        path: group.path,
        owner_id: rootId,
        type: "Group",
        description: "",
      })
      expect(res.body.created_at).toMatch(TIME)
      expect(res.body.updated_at).toMatch(TIME)

      const moved = (await root().get(`/projects/${project.id}`)).body
      expect(moved.path_with_namespace).toBe(`${group.path}/${project.path}`)
      expect(moved.namespace.id).toBe(group.id)
      expect(moved.owner.id).toBe(rootId)
      expect(existsSync(repository(`${group.path}/${project.path}`))).toBe(true)
      expect(existsSync(repository(project.path_with_namespace))).toBe(false)
      expect((await root().get(`/projects/${encodeURIComponent(`${group.path}/${project.path}`)}`)).body.id).toBe(
        project.id,
      )
      expect((await root().get(`/groups/${group.id}`)).body.projects.map((p: { id: number }) => p.id)).toEqual([
        project.id,
      ])
      // The creator's master membership and the developer's stay with the project.
      expect((await t.api(owner.token).get(`/projects/${project.id}`)).status).toBe(200)
      expect((await t.api(developer.token).get(`/projects/${project.id}`)).status).toBe(200)
    })

    it("201 and nothing changes when the project is already in the group", async () => {
      const group = await newGroup()
      const project = await newProject(t.rootToken)
      await root().post(`/groups/${group.id}/projects/${project.id}`)
      const again = await root().post(`/groups/${group.id}/projects/${project.id}`)
      expect([again.status, again.body.id]).toEqual([201, group.id])
      expect(existsSync(repository(`${group.path}/${project.path}`))).toBe(true)
    })

    it("409 when the group already has a project with that path or name; nothing moves", async () => {
      const group = await newGroup()
      const someone = await t.createUser()
      const inGroup = await newProject(t.rootToken, "clash")
      await root().post(`/groups/${group.id}/projects/${inGroup.id}`)
      const clashing = await newProject(someone.token, "clash")
      const res = await root().post(`/groups/${group.id}/projects/${clashing.id}`)
      expect([res.status, res.body]).toEqual([
        409,
        { message: { name: ["has already been taken"], path: ["has already been taken"] } },
      ])
      expect((await root().get(`/projects/${clashing.id}`)).body.path_with_namespace).toBe(clashing.path_with_namespace)
      expect(existsSync(repository(clashing.path_with_namespace))).toBe(true)
      expect((await root().get(`/groups/${group.id}`)).body.projects.map((p: { id: number }) => p.id)).toEqual([
        inGroup.id,
      ])
    })

    it("leaves the project where it was when the repository cannot move on disk", async () => {
      const group = await newGroup()
      const project = await newProject(outsider.token)
      // A stray directory where the repository would land makes the move on disk fail.
      mkdirSync(repository(`${group.path}/${project.path}`), { recursive: true })
      const res = await root().post(`/groups/${group.id}/projects/${project.id}`)
      expect([res.status, res.body]).toEqual([400, { message: { path: ["already exists on disk"] } }])
      expect((await root().get(`/projects/${project.id}`)).body.path_with_namespace).toBe(project.path_with_namespace)
      expect(existsSync(repository(project.path_with_namespace))).toBe(true)
      expect((await root().get(`/groups/${group.id}`)).body.projects).toEqual([])
    })
  })

  describe("GET /groups/:id/members", () => {
    it("401 without a token; 404 for an unknown group or one the caller cannot see", async () => {
      const group = await newGroup()
      expect((await t.api().get(`/groups/${group.id}/members`)).status).toBe(401)
      expect([
        (await root().get("/groups/999999/members")).status,
        (await root().get("/groups/999999/members")).body,
      ]).toEqual([404, NOT_FOUND])
      const res = await t.api(outsider.token).get(`/groups/${group.id}/members`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
    })

    it("200 with GroupMember entities in ascending user id, paginated, for the admin and for members", async () => {
      const group = await newGroup()
      expect((await root().get(`/groups/${group.id}/members`)).body).toEqual([])
      const first = await t.createUser({ name: "First Member" })
      const second = await t.createUser()
      await addMember(group.id, second.id, 50)
      await addMember(group.id, first.id, 20)
      const res = await t.api(first.token).get(`/groups/${group.id}/members`)
      expect(res.status).toBe(200)
      expect(res.body.map((m: { id: number; access_level: number }) => [m.id, m.access_level])).toEqual([
        [first.id, 20],
        [second.id, 50],
      ])
      expect(Object.keys(res.body[0])).toEqual(MEMBER_KEYS)
      expect(res.body[0]).toMatchObject({
        id: first.id,
        username: first.username,
        email: first.email,
        name: "First Member",
        state: "active",
        access_level: 20,
      })
      expect(res.body[0].created_at).toMatch(TIME)
      const paged = await root().get(`/groups/${group.id}/members`, { query: { per_page: 1, page: 2 } })
      expect(paged.body).toEqual([res.body[1]])
      expect(paged.headers.get("x-total")).toBe("2")
    })
  })

  describe("POST /groups/:id/members", () => {
    it("401 without a token", async () => {
      const group = await newGroup()
      expect(
        (await t.api().post(`/groups/${group.id}/members`, { user_id: outsider.id, access_level: 10 })).status,
      ).toBe(401)
    })

    it("400 for a missing user_id or access_level, before the group is looked up", async () => {
      for (const [path, body, missing] of [
        ["/groups/999999/members", {}, "user_id"],
        ["/groups/999999/members", { access_level: 10 }, "user_id"],
        ["/groups/999999/members", { user_id: outsider.id }, "access_level"],
      ] as const) {
        const res = await root().post(path, body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
    })

    it("400 for an access level outside 10..50 or values of the wrong type; nothing written", async () => {
      const group = await newGroup()
      for (const level of [0, 5, 15, 60, -10]) {
        const res = await root().post(`/groups/${group.id}/members`, { user_id: outsider.id, access_level: level })
        expect([level, res.status, res.body]).toEqual([
          level,
          400,
          { message: { access_level: ["Wrong access level"] } },
        ])
      }
      const typed = await root().post(`/groups/${group.id}/members`, { user_id: "someone", access_level: "high" })
      expect([typed.status, typed.body]).toEqual([
        400,
        { message: { user_id: ["is invalid"], access_level: ["is invalid"] } },
      ])
      expect((await root().get(`/groups/${group.id}/members`)).body).toEqual([])
    })

    it("404 for an unknown group or one the caller cannot see; nothing written", async () => {
      const group = await newGroup()
      expect([
        (await root().post("/groups/999999/members", { user_id: outsider.id, access_level: 10 })).status,
      ]).toEqual([404])
      const res = await t
        .api(outsider.token)
        .post(`/groups/${group.id}/members`, { user_id: outsider.id, access_level: 50 })
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
      expect((await root().get(`/groups/${group.id}/members`)).body).toEqual([])
    })

    it("404 for an unknown user", async () => {
      const group = await newGroup()
      const res = await root().post(`/groups/${group.id}/members`, { user_id: 999999, access_level: 10 })
      expect(res.status).toBe(404)
      expect(res.body.message).toMatch(/404.*not found/i)
    })

    it("201 with the GroupMember for each level 10..50, from JSON or a form", async () => {
      const group = await newGroup()
      for (const level of [10, 20, 30, 40, 50]) {
        const user = await t.createUser()
        const res = await root().post(
          `/groups/${group.id}/members`,
          { user_id: user.id, access_level: level },
          { form: level === 30 },
        )
        expect(res.status).toBe(201)
        expect(Object.keys(res.body)).toEqual(MEMBER_KEYS)
        expect(res.body).toMatchObject({
          id: user.id,
          username: user.username,
          email: user.email,
          state: "active",
          access_level: level,
        })
      }
      expect(
        (await root().get(`/groups/${group.id}/members`)).body.map((m: { access_level: number }) => m.access_level),
      ).toEqual([10, 20, 30, 40, 50])
    })

    it("409 when the user is already a member, leaving the membership unchanged", async () => {
      const group = await newGroup()
      const user = await t.createUser()
      await addMember(group.id, user.id, 20)
      const res = await root().post(`/groups/${group.id}/members`, { user_id: user.id, access_level: 40 })
      expect([res.status, res.body]).toEqual([409, { message: "409 Already exists" }])
      expect(
        (await root().get(`/groups/${group.id}/members`)).body.map((m: { access_level: number }) => m.access_level),
      ).toEqual([20])
    })

    it("lets a member add members (6.x)", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      const newcomer = await t.createUser()
      await addMember(group.id, member.id, 10)
      const res = await t
        .api(member.token)
        .post(`/groups/${group.id}/members`, { user_id: newcomer.id, access_level: 30 })
      expect([res.status, res.body.id]).toEqual([201, newcomer.id])
    })
  })

  describe("DELETE /groups/:id/members/:user_id", () => {
    it("401 without a token; 404 for an unknown group or one the caller cannot see; nothing removed", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      await addMember(group.id, member.id, 30)
      expect((await t.api().delete(`/groups/${group.id}/members/${member.id}`)).status).toBe(401)
      expect([
        (await root().delete(`/groups/999999/members/${member.id}`)).status,
        (await root().delete(`/groups/999999/members/${member.id}`)).body,
      ]).toEqual([404, NOT_FOUND])
      const res = await t.api(outsider.token).delete(`/groups/${group.id}/members/${member.id}`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
      expect((await root().get(`/groups/${group.id}/members`)).body.map((m: { id: number }) => m.id)).toEqual([
        member.id,
      ])
    })

    it("200 with the removed membership, then 200 again on repeat, for a non-member and for an unknown user", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      await addMember(group.id, member.id, 30)
      const res = await root().delete(`/groups/${group.id}/members/${member.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ user_id: member.id, group_id: group.id, group_access: 30 })
      expect((await root().get(`/groups/${group.id}/members`)).body).toEqual([])
      expect([(await root().delete(`/groups/${group.id}/members/${member.id}`)).status]).toEqual([200])
      expect((await root().delete(`/groups/${group.id}/members/${outsider.id}`)).status).toBe(200)
      expect((await root().delete(`/groups/${group.id}/members/999999`)).status).toBe(200)
    })

    it("lets a member remove another member (6.x) and himself", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      const other = await t.createUser()
      await addMember(group.id, member.id, 10)
      await addMember(group.id, other.id, 40)
      expect((await t.api(member.token).delete(`/groups/${group.id}/members/${other.id}`)).status).toBe(200)
      expect((await t.api(member.token).delete(`/groups/${group.id}/members/${member.id}`)).status).toBe(200)
      expect((await root().get(`/groups/${group.id}/members`)).body).toEqual([])
      expect((await t.api(member.token).get(`/groups/${group.id}`)).status).toBe(404)
    })
  })

  describe("access to the group's projects", () => {
    it("a member reaches the group's projects at his group level, and loses them when removed", async () => {
      const group = await newGroup()
      const project = await newProject(t.rootToken)
      await root().post(`/groups/${group.id}/projects/${project.id}`)
      const member = await t.createUser()
      const api = t.api(member.token)
      expect((await api.get(`/projects/${project.id}`)).status).toBe(404)
      expect((await api.get("/projects")).body).toEqual([])

      await addMember(group.id, member.id, 30)
      expect((await api.get(`/projects/${project.id}`)).status).toBe(200)
      expect((await api.get("/projects")).body.map((p: { id: number }) => p.id)).toEqual([project.id])
      // Developer (30): reads, but may not administer (hooks need master).
      expect((await api.get(`/projects/${project.id}/hooks`)).status).toBe(403)

      expect((await root().delete(`/groups/${group.id}/members/${member.id}`)).status).toBe(200)
      await addMember(group.id, member.id, 40)
      expect((await api.get(`/projects/${project.id}/hooks`)).status).toBe(200)

      expect((await root().delete(`/groups/${group.id}/members/${member.id}`)).status).toBe(200)
      expect((await api.get(`/projects/${project.id}`)).status).toBe(404)
      expect((await api.get("/projects")).body).toEqual([])
    })

    it("the group's owner owns its projects", async () => {
      const owner = await t.createUser({ admin: true })
      const group = (
        await t.api(owner.token).post("/groups", { name: unique("Owner Group "), path: unique("owner-group") })
      ).body
      const project = await newProject(t.rootToken)
      await root().post(`/groups/${group.id}/projects/${project.id}`)
      await root().put(`/users/${owner.id}`, { admin: false })
      const api = t.api(owner.token)
      expect((await api.get(`/projects/${project.id}`)).body.owner.id).toBe(owner.id)
      expect((await api.get("/projects/owned")).body.map((p: { id: number }) => p.id)).toEqual([project.id])
      expect((await api.get(`/projects/${project.id}/hooks`)).status).toBe(200)
    })
  })

  describe("DELETE /groups/:id", () => {
    it("401 without a token; 404 for an unknown group or one the caller cannot see; 403 for a member who is not the owner", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      await addMember(group.id, member.id, 50)
      expect((await t.api().delete(`/groups/${group.id}`)).status).toBe(401)
      expect([(await t.api(outsider.token).delete("/groups/999999")).status]).toEqual([404])
      expect([
        (await t.api(outsider.token).delete(`/groups/${group.id}`)).status,
        (await t.api(outsider.token).delete(`/groups/${group.id}`)).body,
      ]).toEqual([404, NOT_FOUND])
      const res = await t.api(member.token).delete(`/groups/${group.id}`)
      expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      expect((await root().get(`/groups/${group.id}`)).status).toBe(200)
    })

    it("200 with the removed group; its projects, repositories and memberships go with it; 200 again for the admin", async () => {
      const group = await newGroup()
      const member = await t.createUser()
      await addMember(group.id, member.id, 30)
      const project = await newProject(t.rootToken)
      await root().post(`/groups/${group.id}/projects/${project.id}`)
      const res = await root().delete(`/groups/${group.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        id: group.id,
        name: group.name,
        path: group.path,
        owner_id: rootId,
        type: "Group",
      })
      expect((await root().get(`/groups/${group.id}`)).status).toBe(404)
      expect((await root().get(`/projects/${project.id}`)).status).toBe(404)
      expect(existsSync(repository(`${group.path}/${project.path}`))).toBe(false)
      expect((await t.api(member.token).get("/groups")).body).toEqual([])
      expect((await root().delete(`/groups/${group.id}`)).status).toBe(200)
      // The path is free again.
      expect((await root().post("/groups", { name: group.name, path: group.path })).status).toBe(201)
    })
  })
})
