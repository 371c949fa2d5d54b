import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"
import { PROJECT_KEYS } from "../support/entities.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>

const TEAM_KEYS = ["id", "name", "path", "owner_id"]
const MEMBER_KEYS = ["id", "username", "email", "name", "state", "created_at", "access_level"]
const TEAM_PROJECT_KEYS = [...PROJECT_KEYS, "greatest_access_level"]
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const NOT_FOUND = { message: "404 Not Found" }
const FORBIDDEN = { message: "403 Forbidden" }
const UNAUTHORIZED = { message: "401 Unauthorized" }

describe.each(dialects)("user teams API on %s", (dialect) => {
  let t: TestServer
  let rootId: number
  let outsider: User
  let counter = 0
  const root = () => t.api(t.rootToken)
  const unique = (prefix: string) => `${prefix}${++counter}`

  const newTeam = async () => {
    const path = unique("team")
    const res = await root().post("/user_teams", { name: `Team ${path}`, path })
    expect(res.status).toBe(201)
    return res.body as { id: number; name: string; path: string; owner_id: number }
  }
  const newProject = async (token: string) => {
    const res = await t.api(token).post("/projects", { name: unique("proj") })
    expect(res.status).toBe(201)
    return res.body as { id: number; name: string; path: string; path_with_namespace: string }
  }
  const addMember = async (teamId: number, userId: number, level: number) => {
    const res = await root().post(`/user_teams/${teamId}/members`, { user_id: userId, access_level: level })
    expect(res.status).toBe(201)
  }
  const assign = async (teamId: number, projectId: number, level: number) => {
    const res = await root().post(`/user_teams/${teamId}/projects`, {
      project_id: projectId,
      greatest_access_level: level,
    })
    expect(res.status).toBe(201)
  }
  const allTeamPaths = async () =>
    (await root().get("/user_teams", { query: { per_page: 100 } })).body.map((team: { path: string }) => team.path)
  const memberIds = async (teamId: number) =>
    (await root().get(`/user_teams/${teamId}/members`)).body.map((m: { id: number }) => m.id)
  const projectIds = async (teamId: number) =>
    (await root().get(`/user_teams/${teamId}/projects`)).body.map((p: { id: number }) => p.id)

  beforeAll(async () => {
    t = await startTestServer(dialect)
    rootId = (await root().get("/user")).body.id
    outsider = await t.createUser({ username: "outsider" })
  })
  afterAll(() => t.close())

  describe("GET /user_teams", () => {
    it("401 without a token or with a wrong one", async () => {
      const res = await t.api().get("/user_teams")
      expect([res.status, res.body]).toEqual([401, UNAUTHORIZED])
      expect((await t.api("nope").get("/user_teams")).status).toBe(401)
    })

    it("gives an admin every team as UserTeam entities, ascending ids, with pagination headers", async () => {
      const first = await newTeam()
      const second = await newTeam()
      const res = await root().get("/user_teams", { query: { per_page: 100 } })
      expect(res.status).toBe(200)
      const ids = res.body.map((team: { id: number }) => team.id)
      expect(ids).toEqual(ids.toSorted((a: number, b: number) => a - b))
      expect(res.body).toContainEqual({ id: first.id, name: first.name, path: first.path, owner_id: rootId })
      expect(res.body).toContainEqual({ id: second.id, name: second.name, path: second.path, owner_id: rootId })
      for (const team of res.body) expect(Object.keys(team)).toEqual(TEAM_KEYS)
      const paged = await root().get("/user_teams", { query: { per_page: 1, page: 2 } })
      expect(paged.body).toEqual([res.body[1]])
      expect(paged.headers.get("x-total")).toBe(String(res.body.length))
    })

    it("gives a fresh user [] and a member the teams he belongs to, until he is removed", async () => {
      const team = await newTeam()
      await newTeam()
      const member = await t.createUser()
      expect((await t.api(member.token).get("/user_teams")).body).toEqual([])
      await addMember(team.id, member.id, 20)
      expect((await t.api(member.token).get("/user_teams")).body).toEqual([
        { id: team.id, name: team.name, path: team.path, owner_id: rootId },
      ])
      await root().delete(`/user_teams/${team.id}/members/${member.id}`)
      expect((await t.api(member.token).get("/user_teams")).body).toEqual([])
    })

    it("gives nothing to an owner who is not a member", async () => {
      const formerAdmin = await t.createUser({ admin: true })
      const created = await t
        .api(formerAdmin.token)
        .post("/user_teams", { name: unique("Owned "), path: unique("owned") })
      expect(created.body.owner_id).toBe(formerAdmin.id)
      await root().put(`/users/${formerAdmin.id}`, { admin: false })
      expect((await t.api(formerAdmin.token).get("/user_teams")).body).toEqual([])
      expect((await t.api(formerAdmin.token).get(`/user_teams/${created.body.id}`)).status).toBe(404)
    })
  })

  describe("POST /user_teams", () => {
    it("401 anonymous; 403 for a non-admin before any attribute check; nothing created", async () => {
      expect((await t.api().post("/user_teams", { name: "Anon", path: "anon" })).status).toBe(401)
      const empty = await t.api(outsider.token).post("/user_teams", {})
      expect([empty.status, empty.body]).toEqual([403, FORBIDDEN])
      const valid = await t.api(outsider.token).post("/user_teams", { name: "Sneaky", path: "sneaky" })
      expect([valid.status, valid.body]).toEqual([403, FORBIDDEN])
      expect(await allTeamPaths()).not.toContain("sneaky")
      expect(await allTeamPaths()).not.toContain("anon")
    })

    it("400 naming the first missing attribute, name then path; blank counts as missing", async () => {
      for (const [body, missing] of [
        [{}, "name"],
        [{ path: "only-path" }, "name"],
        [{ name: " ", path: "blank-name" }, "name"],
        [{ name: "Only Name" }, "path"],
        [{ name: "Only Name", path: "  " }, "path"],
      ] as const) {
        const res = await root().post("/user_teams", body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
      expect(await allTeamPaths()).not.toContain("only-path")
    })

    it("400 on a path with '..', '/', a bad first character or too long, and on an overlong name; nothing created", async () => {
      const pathMessage = "can contain only letters, digits, '_', '-' and '.'. It should start with letter."
      for (const [path, message] of [
        ["a..b", pathMessage],
        ["a/b", pathMessage],
        ["../etc", pathMessage],
        ["_under", pathMessage],
        ["sp ace", pathMessage],
        ["p".repeat(256), "is too long (maximum is 255 characters)"],
      ] as const) {
        const res = await root().post("/user_teams", { name: unique("Fine "), path })
        expect([path, res.status, res.body]).toEqual([path, 400, { message: { path: [message] } }])
      }
      const long = await root().post("/user_teams", { name: "n".repeat(256), path: "long-name" })
      expect([long.status, long.body]).toEqual([
        400,
        { message: { name: ["is too long (maximum is 255 characters)"] } },
      ])
      const paths = await allTeamPaths()
      for (const path of ["a..b", "a/b", "_under", "long-name"]) expect(paths).not.toContain(path)
    })

    it("400 for values of the wrong type", async () => {
      const res = await root().post("/user_teams", { name: { a: 1 }, path: ["x"] })
      expect([res.status, res.body]).toEqual([400, { message: { name: ["is invalid"], path: ["is invalid"] } }])
    })

    it("201 with the UserTeam owned by the calling admin, who is not made a member; JSON or form", async () => {
      const res = await root().post("/user_teams", { name: "User team 1", path: "user_team1" })
      expect([res.status, res.body]).toEqual([
        201,
        { id: res.body.id, name: "User team 1", path: "user_team1", owner_id: rootId },
      ])
      expect(Object.keys(res.body)).toEqual(TEAM_KEYS)
      expect((await root().get(`/user_teams/${res.body.id}`)).body).toEqual(res.body)
      expect(await memberIds(res.body.id)).toEqual([])
      const form = await root().post("/user_teams", { name: "Form Team", path: "form-team" }, { form: true })
      expect([form.status, form.body.path]).toEqual([201, "form-team"])
    })

    it("409 when another team has the name or the path (any case); nothing created", async () => {
      const team = await newTeam()
      const before = await allTeamPaths()
      const byPath = await root().post("/user_teams", { name: "Different", path: team.path.toUpperCase() })
      expect([byPath.status, byPath.body]).toEqual([409, { message: { path: ["has already been taken"] } }])
      const byName = await root().post("/user_teams", { name: team.name.toUpperCase(), path: unique("fresh") })
      expect([byName.status, byName.body]).toEqual([409, { message: { name: ["has already been taken"] } }])
      expect(await allTeamPaths()).toEqual(before)
    })

    it("lets a team take a username or group path: teams have their own space", async () => {
      const res = await root().post("/user_teams", { name: "outsider", path: "outsider" })
      expect(res.status).toBe(201)
    })
  })

  describe("GET /user_teams/:id", () => {
    it("401 without a token; 404 for an unknown or non-numeric id and for a non-member", async () => {
      const team = await newTeam()
      expect((await t.api().get(`/user_teams/${team.id}`)).status).toBe(401)
      expect([(await root().get("/user_teams/999999")).status, (await root().get("/user_teams/999999")).body]).toEqual([
        404,
        NOT_FOUND,
      ])
      expect((await root().get("/user_teams/abc")).status).toBe(404)
      const res = await t.api(outsider.token).get(`/user_teams/${team.id}`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
    })

    it("200 with the UserTeam for the admin and for a member", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 10)
      const expected = { id: team.id, name: team.name, path: team.path, owner_id: rootId }
      expect([
        (await root().get(`/user_teams/${team.id}`)).status,
        (await root().get(`/user_teams/${team.id}`)).body,
      ]).toEqual([200, expected])
      expect((await t.api(member.token).get(`/user_teams/${team.id}`)).body).toEqual(expected)
    })
  })

  describe("GET /user_teams/:id/members", () => {
    it("401 without a token; 404 for an unknown team and for a non-member", async () => {
      const team = await newTeam()
      expect((await t.api().get(`/user_teams/${team.id}/members`)).status).toBe(401)
      expect((await root().get("/user_teams/999999/members")).status).toBe(404)
      const res = await t.api(outsider.token).get(`/user_teams/${team.id}/members`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
    })

    it("200 with TeamMember entities in ascending user id, paginated, for the admin and for members", async () => {
      const team = await newTeam()
      const first = await t.createUser({ name: "First Member" })
      const second = await t.createUser()
      await addMember(team.id, second.id, 40)
      await addMember(team.id, first.id, 30)
      const res = await t.api(second.token).get(`/user_teams/${team.id}/members`)
      expect(res.status).toBe(200)
      expect(res.body.map((m: { id: number; access_level: number }) => [m.id, m.access_level])).toEqual([
        [first.id, 30],
        [second.id, 40],
      ])
      expect(Object.keys(res.body[0])).toEqual(MEMBER_KEYS)
      expect(res.body[0]).toMatchObject({
        id: first.id,
        username: first.username,
        email: first.email,
        name: "First Member",
        state: "active",
        access_level: 30,
      })
      expect(res.body[0].created_at).toMatch(TIME)
      const paged = await root().get(`/user_teams/${team.id}/members`, { query: { per_page: 1, page: 2 } })
      expect(paged.body).toEqual([res.body[1]])
      expect(paged.headers.get("x-total")).toBe("2")
    })
  })

  describe("POST /user_teams/:id/members", () => {
    it("401 without a token; 403 for a non-admin, a team member included, before any attribute check", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 40)
      expect(
        (await t.api().post(`/user_teams/${team.id}/members`, { user_id: outsider.id, access_level: 10 })).status,
      ).toBe(401)
      for (const token of [outsider.token, member.token]) {
        expect([(await t.api(token).post(`/user_teams/${team.id}/members`, {})).status]).toEqual([403])
        const res = await t
          .api(token)
          .post(`/user_teams/${team.id}/members`, { user_id: outsider.id, access_level: 10 })
        expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      }
      expect(await memberIds(team.id)).toEqual([member.id])
    })

    it("400 for a missing user_id or access_level, before the team is looked up", async () => {
      for (const [body, missing] of [
        [{}, "user_id"],
        [{ access_level: 10 }, "user_id"],
        [{ user_id: outsider.id }, "access_level"],
        [{ user_id: outsider.id, access_level: "" }, "access_level"],
      ] as const) {
        const res = await root().post("/user_teams/999999/members", body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
    })

    it("400 for an access level outside 10..40 or values of the wrong type; nothing written", async () => {
      const team = await newTeam()
      for (const level of [0, 15, 50, 100]) {
        const res = await root().post(`/user_teams/${team.id}/members`, { user_id: outsider.id, access_level: level })
        expect([level, res.status, res.body]).toEqual([
          level,
          400,
          { message: { access_level: ["Wrong access level"] } },
        ])
      }
      const typed = await root().post(`/user_teams/${team.id}/members`, { user_id: "x", access_level: 1.5 })
      expect([typed.status, typed.body]).toEqual([
        400,
        { message: { user_id: ["is invalid"], access_level: ["is invalid"] } },
      ])
      expect(await memberIds(team.id)).toEqual([])
    })

    it("404 for an unknown team or an unknown user; nothing written", async () => {
      const team = await newTeam()
      const noTeam = await root().post("/user_teams/999999/members", { user_id: outsider.id, access_level: 10 })
      expect([noTeam.status, noTeam.body]).toEqual([404, NOT_FOUND])
      const noUser = await root().post(`/user_teams/${team.id}/members`, { user_id: 999999, access_level: 10 })
      expect(noUser.status).toBe(404)
      expect(noUser.body.message).toMatch(/404.*not found/i)
      expect(await memberIds(team.id)).toEqual([])
    })

    it("201 with the TeamMember for each level 10..40, from JSON or a form", async () => {
      const team = await newTeam()
      for (const level of [10, 20, 30, 40]) {
        const user = await t.createUser()
        const res = await root().post(
          `/user_teams/${team.id}/members`,
          { user_id: user.id, access_level: level },
          { form: level === 20 },
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
        (await root().get(`/user_teams/${team.id}/members`)).body.map((m: { access_level: number }) => m.access_level),
      ).toEqual([10, 20, 30, 40])
    })

    it("409 when the user is already a member, leaving the membership unchanged", async () => {
      const team = await newTeam()
      const user = await t.createUser()
      await addMember(team.id, user.id, 20)
      const res = await root().post(`/user_teams/${team.id}/members`, { user_id: user.id, access_level: 40 })
      expect([res.status, res.body]).toEqual([409, { message: "409 Already exists" }])
      expect((await root().get(`/user_teams/${team.id}/members/${user.id}`)).body.access_level).toBe(20)
    })
  })

  describe("GET /user_teams/:id/members/:user_id", () => {
    it("401 without a token; 404 for an unknown team, a non-member caller, a user who is not a member, a non-numeric id", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 30)
      expect((await t.api().get(`/user_teams/${team.id}/members/${member.id}`)).status).toBe(401)
      expect((await root().get(`/user_teams/999999/members/${member.id}`)).status).toBe(404)
      expect([(await t.api(outsider.token).get(`/user_teams/${team.id}/members/${member.id}`)).status]).toEqual([404])
      const res = await root().get(`/user_teams/${team.id}/members/${outsider.id}`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
      expect((await root().get(`/user_teams/${team.id}/members/999999`)).status).toBe(404)
      expect((await root().get(`/user_teams/${team.id}/members/abc`)).status).toBe(404)
    })

    it("200 with the TeamMember for the admin and for a member", async () => {
      const team = await newTeam()
      const member = await t.createUser({ name: "Jose Jose" })
      const other = await t.createUser()
      await addMember(team.id, member.id, 30)
      await addMember(team.id, other.id, 10)
      const res = await t.api(other.token).get(`/user_teams/${team.id}/members/${member.id}`)
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual(MEMBER_KEYS)
      expect(res.body).toMatchObject({
        id: member.id,
        username: member.username,
        email: member.email,
        name: "Jose Jose",
        state: "active",
        access_level: 30,
      })
      expect((await root().get(`/user_teams/${team.id}/members/${member.id}`)).body).toEqual(res.body)
    })
  })

  describe("DELETE /user_teams/:id/members/:user_id", () => {
    it("401 without a token; 403 for a non-admin, a member included; 404 for an unknown team; nothing removed", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 40)
      expect((await t.api().delete(`/user_teams/${team.id}/members/${member.id}`)).status).toBe(401)
      for (const token of [outsider.token, member.token]) {
        const res = await t.api(token).delete(`/user_teams/${team.id}/members/${member.id}`)
        expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      }
      expect((await t.api(outsider.token).delete(`/user_teams/999999/members/${member.id}`)).status).toBe(403)
      expect([
        (await root().delete(`/user_teams/999999/members/${member.id}`)).status,
        (await root().delete(`/user_teams/999999/members/${member.id}`)).body,
      ]).toEqual([404, NOT_FOUND])
      expect(await memberIds(team.id)).toEqual([member.id])
    })

    it("200 with the removed membership row, then 200 on repeat, for a non-member and an unknown user", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 30)
      const res = await root().delete(`/user_teams/${team.id}/members/${member.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ user_id: member.id, user_team_id: team.id, permission: 30, group_admin: false })
      expect(await memberIds(team.id)).toEqual([])
      expect((await root().delete(`/user_teams/${team.id}/members/${member.id}`)).status).toBe(200)
      expect((await root().delete(`/user_teams/${team.id}/members/${outsider.id}`)).status).toBe(200)
      expect((await root().delete(`/user_teams/${team.id}/members/999999`)).status).toBe(200)
    })
  })

  describe("GET /user_teams/:id/projects", () => {
    it("401 without a token; 404 for an unknown team and for a non-member", async () => {
      const team = await newTeam()
      expect((await t.api().get(`/user_teams/${team.id}/projects`)).status).toBe(401)
      expect((await root().get("/user_teams/999999/projects")).status).toBe(404)
      const res = await t.api(outsider.token).get(`/user_teams/${team.id}/projects`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
    })

    it("200 with TeamProject entities in ascending project id, paginated, for the admin and for members", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 10)
      expect((await t.api(member.token).get(`/user_teams/${team.id}/projects`)).body).toEqual([])
      const first = await newProject(outsider.token)
      const second = await newProject(t.rootToken)
      await assign(team.id, second.id, 40)
      await assign(team.id, first.id, 20)
      const res = await t.api(member.token).get(`/user_teams/${team.id}/projects`)
      expect(res.status).toBe(200)
      expect(
        res.body.map((p: { id: number; greatest_access_level: number }) => [p.id, p.greatest_access_level]),
      ).toEqual([
        [first.id, 20],
        [second.id, 40],
      ])
      expect(Object.keys(res.body[0])).toEqual(TEAM_PROJECT_KEYS)
      expect(res.body[0]).toMatchObject({
        id: first.id,
        name: first.name,
        path: first.path,
        path_with_namespace: first.path_with_namespace,
        owner: { id: outsider.id, username: "outsider" },
        namespace: { path: "outsider", owner_id: outsider.id },
        greatest_access_level: 20,
      })
      expect(res.body[0].created_at).toMatch(TIME)
      const paged = await root().get(`/user_teams/${team.id}/projects`, { query: { per_page: 1, page: 2 } })
      expect(paged.body).toEqual([res.body[1]])
      expect(paged.headers.get("x-total")).toBe("2")
    })
  })

  describe("POST /user_teams/:id/projects", () => {
    it("401 without a token; 403 for a non-admin, a member or the project's owner included; nothing written", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 40)
      const project = await newProject(member.token)
      expect(
        (await t.api().post(`/user_teams/${team.id}/projects`, { project_id: project.id, greatest_access_level: 10 }))
          .status,
      ).toBe(401)
      for (const token of [outsider.token, member.token]) {
        const res = await t
          .api(token)
          .post(`/user_teams/${team.id}/projects`, { project_id: project.id, greatest_access_level: 10 })
        expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      }
      expect(await projectIds(team.id)).toEqual([])
    })

    it("400 for a missing project_id or greatest_access_level, before the team is looked up", async () => {
      for (const [body, missing] of [
        [{}, "project_id"],
        [{ greatest_access_level: 10 }, "project_id"],
        [{ project_id: 1 }, "greatest_access_level"],
      ] as const) {
        const res = await root().post("/user_teams/999999/projects", body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
    })

    it("400 for a level outside 10..40 or values of the wrong type; nothing written", async () => {
      const team = await newTeam()
      const project = await newProject(t.rootToken)
      for (const level of [0, 25, 50]) {
        const res = await root().post(`/user_teams/${team.id}/projects`, {
          project_id: project.id,
          greatest_access_level: level,
        })
        expect([level, res.status, res.body]).toEqual([
          level,
          400,
          { message: { greatest_access_level: ["Wrong greatest_access_level"] } },
        ])
      }
      const typed = await root().post(`/user_teams/${team.id}/projects`, {
        project_id: "root/x",
        greatest_access_level: "max",
      })
      expect([typed.status, typed.body]).toEqual([
        400,
        { message: { project_id: ["is invalid"], greatest_access_level: ["is invalid"] } },
      ])
      expect(await projectIds(team.id)).toEqual([])
    })

    it("404 for an unknown team or an unknown project; nothing written", async () => {
      const team = await newTeam()
      const project = await newProject(t.rootToken)
      const noTeam = await root().post("/user_teams/999999/projects", {
        project_id: project.id,
        greatest_access_level: 10,
      })
      expect([noTeam.status, noTeam.body]).toEqual([404, NOT_FOUND])
      const noProject = await root().post(`/user_teams/${team.id}/projects`, {
        project_id: 999999,
        greatest_access_level: 10,
      })
      expect([noProject.status, noProject.body]).toEqual([404, NOT_FOUND])
      expect(await projectIds(team.id)).toEqual([])
    })

    it("201 with the TeamProject, from JSON or a form", async () => {
      const team = await newTeam()
      const project = await newProject(outsider.token)
      const res = await root().post(
        `/user_teams/${team.id}/projects`,
        { project_id: project.id, greatest_access_level: 30 },
        { form: true },
      )
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(TEAM_PROJECT_KEYS)
      expect(res.body).toMatchObject({
        id: project.id,
        name: project.name,
        path_with_namespace: project.path_with_namespace,
        greatest_access_level: 30,
      })
      expect(await projectIds(team.id)).toEqual([project.id])
    })

    it("409 when the project is already assigned, leaving the assignment unchanged", async () => {
      const team = await newTeam()
      const project = await newProject(t.rootToken)
      await assign(team.id, project.id, 20)
      const res = await root().post(`/user_teams/${team.id}/projects`, {
        project_id: project.id,
        greatest_access_level: 40,
      })
      expect([res.status, res.body]).toEqual([409, { message: "409 Already exists" }])
      expect((await root().get(`/user_teams/${team.id}/projects/${project.id}`)).body.greatest_access_level).toBe(20)
    })
  })

  describe("GET /user_teams/:id/projects/:project_id", () => {
    it("401 without a token; 404 for an unknown team, a non-member caller, an unassigned or unknown project, a non-numeric id", async () => {
      const team = await newTeam()
      const project = await newProject(t.rootToken)
      const unassigned = await newProject(t.rootToken)
      await assign(team.id, project.id, 30)
      expect((await t.api().get(`/user_teams/${team.id}/projects/${project.id}`)).status).toBe(401)
      expect((await root().get(`/user_teams/999999/projects/${project.id}`)).status).toBe(404)
      expect((await t.api(outsider.token).get(`/user_teams/${team.id}/projects/${project.id}`)).status).toBe(404)
      const res = await root().get(`/user_teams/${team.id}/projects/${unassigned.id}`)
      expect([res.status, res.body]).toEqual([404, NOT_FOUND])
      expect((await root().get(`/user_teams/${team.id}/projects/999999`)).status).toBe(404)
      expect((await root().get(`/user_teams/${team.id}/projects/abc`)).status).toBe(404)
    })

    it("200 with the TeamProject for the admin and for a member", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 10)
      const project = await newProject(t.rootToken)
      await assign(team.id, project.id, 30)
      const res = await t.api(member.token).get(`/user_teams/${team.id}/projects/${project.id}`)
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual(TEAM_PROJECT_KEYS)
      expect(res.body).toMatchObject({
        id: project.id,
        path_with_namespace: `root/${project.path}`,
        owner: { id: rootId },
        greatest_access_level: 30,
      })
      expect((await root().get(`/user_teams/${team.id}/projects/${project.id}`)).body).toEqual(res.body)
    })
  })

  describe("DELETE /user_teams/:id/projects/:project_id", () => {
    it("401 without a token; 403 for a non-admin, a member included; 404 for an unknown team; nothing removed", async () => {
      const team = await newTeam()
      const member = await t.createUser()
      await addMember(team.id, member.id, 40)
      const project = await newProject(t.rootToken)
      await assign(team.id, project.id, 40)
      expect((await t.api().delete(`/user_teams/${team.id}/projects/${project.id}`)).status).toBe(401)
      for (const token of [outsider.token, member.token]) {
        const res = await t.api(token).delete(`/user_teams/${team.id}/projects/${project.id}`)
        expect([res.status, res.body]).toEqual([403, FORBIDDEN])
      }
      expect([(await root().delete(`/user_teams/999999/projects/${project.id}`)).status]).toEqual([404])
      expect(await projectIds(team.id)).toEqual([project.id])
    })

    it("200 with the removed assignment row, then 200 on repeat and for unassigned or unknown projects", async () => {
      const team = await newTeam()
      const project = await newProject(t.rootToken)
      const unassigned = await newProject(t.rootToken)
      await assign(team.id, project.id, 20)
      const res = await root().delete(`/user_teams/${team.id}/projects/${project.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ project_id: project.id, user_team_id: team.id, greatest_access: 20 })
      expect(await projectIds(team.id)).toEqual([])
      expect((await root().delete(`/user_teams/${team.id}/projects/${project.id}`)).status).toBe(200)
      expect((await root().delete(`/user_teams/${team.id}/projects/${unassigned.id}`)).status).toBe(200)
      expect((await root().delete(`/user_teams/${team.id}/projects/999999`)).status).toBe(200)
      // The project itself is untouched.
      expect((await root().get(`/projects/${project.id}`)).status).toBe(200)
    })
  })

  describe("access a team grants on its projects", () => {
    /** A project of `owner`, a team holding it with `cap`, and `member` in the team at `level`. */
    const setup = async (level: number, cap: number) => {
      const owner = await t.createUser()
      const member = await t.createUser()
      const project = await newProject(owner.token)
      const team = await newTeam()
      await addMember(team.id, member.id, level)
      await assign(team.id, project.id, cap)
      return { owner, member, project, team, api: t.api(member.token) }
    }

    it("assigning a project makes every team member a project member (listed, 'joined'), and removal keeps it as 5.x did", async () => {
      const { member, project, team, api } = await setup(30, 40)
      expect((await api.get(`/projects/${project.id}`)).status).toBe(200)
      expect((await api.get("/projects")).body.map((p: { id: number }) => p.id)).toEqual([project.id])
      expect((await api.get(`/projects/${project.id}/members/${member.id}`)).body).toMatchObject({
        id: member.id,
        access_level: 30,
      })
      const [latest] = (await api.get(`/projects/${project.id}/events`)).body
      expect(latest).toMatchObject({ action_name: "joined", author_id: member.id })
      await root().delete(`/user_teams/${team.id}/members/${member.id}`)
      await root().delete(`/user_teams/${team.id}/projects/${project.id}`)
      expect((await api.get(`/projects/${project.id}`)).status).toBe(200)
    })

    it("a user joining a team that already has projects becomes a member of each of them", async () => {
      const owner = await t.createUser()
      const member = await t.createUser()
      const first = await newProject(owner.token)
      const second = await newProject(owner.token)
      const team = await newTeam()
      const api = t.api(member.token)
      await assign(team.id, first.id, 20)
      await assign(team.id, second.id, 40)
      expect((await api.get(`/projects/${first.id}`)).status).toBe(404)
      await addMember(team.id, member.id, 30)
      expect((await api.get(`/projects/${first.id}/members/${member.id}`)).body.access_level).toBe(20)
      expect((await api.get(`/projects/${second.id}/members/${member.id}`)).body.access_level).toBe(30)
    })

    it("grants the lower of the member's level and the project's greatest_access_level", async () => {
      // Hooks need master (40): only a master member on a project capped at master gets them.
      for (const [level, cap, hooks] of [
        [40, 40, 200],
        [40, 30, 403],
        [30, 40, 403],
        [10, 10, 403],
      ] as const) {
        const { project, api } = await setup(level, cap)
        expect([level, cap, (await api.get(`/projects/${project.id}`)).status]).toEqual([level, cap, 200])
        expect([level, cap, (await api.get(`/projects/${project.id}/hooks`)).status]).toEqual([level, cap, hooks])
      }
    })

    it("keeps a higher direct membership over what the team grants", async () => {
      const owner = await t.createUser()
      const member = await t.createUser()
      const project = await newProject(owner.token)
      await t.api(owner.token).post(`/projects/${project.id}/members`, { user_id: member.id, access_level: 40 })
      const team = await newTeam()
      await addMember(team.id, member.id, 40)
      await assign(team.id, project.id, 20)
      expect((await t.api(member.token).get(`/projects/${project.id}/hooks`)).status).toBe(200)
      expect((await t.api(member.token).get(`/projects/${project.id}/members/${member.id}`)).body.access_level).toBe(40)
    })
  })
})
