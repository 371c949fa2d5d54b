import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const USER_KEYS = [
  "id",
  "username",
  "email",
  "name",
  "bio",
  "skype",
  "linkedin",
  "twitter",
  "theme_id",
  "color_scheme_id",
  "state",
  "created_at",
  "extern_uid",
  "provider",
]
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

describe.each(dialects)("users API on %s", (dialect) => {
  let t: TestServer
  let jo: Awaited<ReturnType<TestServer["createUser"]>>
  beforeAll(async () => {
    t = await startTestServer(dialect)
    jo = await t.createUser({ username: "jo", email: "jo@example.com", name: "Jo Smith" })
  })
  afterAll(() => t.close())

  describe("GET /users", () => {
    it("401 without a token, and with a wrong one", async () => {
      expect([(await t.api().get("/users")).status, (await t.api().get("/users")).body]).toEqual([
        401,
        { message: "401 Unauthorized" },
      ])
      expect((await t.api("nope").get("/users")).status).toBe(401)
    })

    it("gives any user the full User entity of everyone, ascending ids, with pagination headers", async () => {
      const res = await t.api(jo.token).get("/users", { query: { per_page: 1, page: 2 } })
      expect(res.status).toBe(200)
      expect(res.body).toHaveLength(1)
      expect(Object.keys(res.body[0])).toEqual(USER_KEYS)
      expect(res.body[0]).toMatchObject({
        id: jo.id,
        username: "jo",
        email: "jo@example.com",
        name: "Jo Smith",
        bio: null,
        skype: "",
        linkedin: "",
        twitter: "",
        theme_id: 1,
        color_scheme_id: 1,
        state: "active",
        extern_uid: null,
        provider: null,
      })
      expect(res.body[0].created_at).toMatch(TIME)
      expect(res.headers.get("x-total")).toBe("2")
      expect(res.headers.get("x-total-pages")).toBe("2")
      expect(res.headers.get("x-page")).toBe("2")
      expect(res.headers.get("x-per-page")).toBe("1")
      expect(res.headers.get("x-prev-page")).toBe("1")
      expect(res.headers.get("x-next-page")).toBe("")
      expect(res.headers.get("link")).toContain('per_page=1&page=1>; rel="prev"')
      expect(res.headers.get("link")).not.toContain("private_token")
    })

    it("caps per_page at 100, falls back to 20 for nonsense, and answers [] past the last page", async () => {
      expect((await t.api(jo.token).get("/users", { query: { per_page: 1000 } })).headers.get("x-per-page")).toBe("100")
      expect(
        (await t.api(jo.token).get("/users", { query: { per_page: "abc", page: -3 } })).headers.get("x-per-page"),
      ).toBe("20")
      const past = await t.api(jo.token).get("/users", { query: { page: 99 } })
      expect([past.status, past.body]).toEqual([200, []])
    })

    it("searches name, email and username", async () => {
      const res = await t.api(jo.token).get("/users", { query: { search: "SMITH" } })
      expect(res.body.map((u: { username: string }) => u.username)).toEqual(["jo"])
    })
  })

  describe("GET /users/:id", () => {
    it("200 with the User entity", async () => {
      const res = await t.api(jo.token).get(`/users/${jo.id}`)
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual(USER_KEYS)
    })
    it("404 for an unknown id or a non-numeric one, 401 without token", async () => {
      const res = await t.api(jo.token).get("/users/999999")
      expect(res.status).toBe(404)
      expect(res.body.message).toMatch(/404.*not found/i)
      expect((await t.api(jo.token).get("/users/abc")).status).toBe(404)
      expect((await t.api().get(`/users/${jo.id}`)).status).toBe(401)
    })
  })

  describe("POST /users", () => {
    const attrs = { email: "new@example.com", password: "secret123", name: "New Person", username: "new.person" }

    it("401 anonymous, 403 for a non-admin (before any attribute check), nothing created", async () => {
      expect((await t.api().post("/users", attrs)).status).toBe(401)
      const res = await t.api(jo.token).post("/users", {})
      expect([res.status, res.body]).toEqual([403, { message: "403 Forbidden" }])
      expect((await t.api(jo.token).get("/users", { query: { search: "new.person" } })).body).toEqual([])
    })

    it("400 naming the first missing attribute in GitLab's order; blank counts as missing", async () => {
      for (const [body, missing] of [
        [{}, "email"],
        [{ email: "x@y.zz" }, "password"],
        [{ email: "x@y.zz", password: "secret123", name: "   " }, "name"],
        [{ email: "x@y.zz", password: "secret123", name: "X", username: null }, "username"],
      ] as const) {
        const res = await t.api(t.rootToken).post("/users", body)
        expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${missing}" not given` }])
      }
    })

    it("400 with every invalid field named, nothing created", async () => {
      const res = await t
        .api(t.rootToken)
        .post("/users", { email: "not-an-email", password: "123", name: "N", username: "-bad", projects_limit: -1 })
      expect(res.status).toBe(400)
      expect(Object.keys(res.body.message).toSorted()).toEqual(["email", "password", "projects_limit", "username"])
      expect(res.body.message.email).toEqual(["is invalid"])
      const typed = await t.api(t.rootToken).post("/users", { ...attrs, projects_limit: "ten" })
      expect([typed.status, typed.body]).toEqual([400, { message: { projects_limit: ["is invalid"] } }])
      expect((await t.api(t.rootToken).get("/users", { query: { search: "new" } })).body).toEqual([])
    })

    it("201 with the User entity as a form body too; the new user logs in at once", async () => {
      const res = await t.api(t.rootToken).post("/users", { ...attrs, bio: "hi", projects_limit: "3" }, { form: true })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(USER_KEYS)
      expect(res.body).toMatchObject({ username: "new.person", email: "new@example.com", bio: "hi", state: "active" })
      const session = await t.api().post("/session", { login: "new.person", password: "secret123" })
      expect(session.status).toBe(201)
      expect(session.body.can_create_project).toBe(true)
    })

    it("409 for a taken email (any case) or username, nothing created", async () => {
      const email = await t.api(t.rootToken).post("/users", { ...attrs, email: "JO@EXAMPLE.COM", username: "other" })
      expect([email.status, email.body]).toEqual([409, { message: { email: ["has already been taken"] } }])
      const username = await t.api(t.rootToken).post("/users", { ...attrs, email: "other@example.com", username: "JO" })
      expect([username.status, username.body]).toEqual([409, { message: { username: ["has already been taken"] } }])
      expect((await t.api(t.rootToken).get("/users", { query: { search: "other" } })).body).toEqual([])
    })

    it("ignores attributes that cannot be set (state, private_token) and unknown ones", async () => {
      const res = await t.api(t.rootToken).post("/users", {
        email: "s@example.com",
        password: "secret123",
        name: "S",
        username: "s",
        state: "blocked",
        private_token: t.rootToken,
        whatever: 1,
      })
      expect([res.status, res.body.state]).toEqual([201, "active"])
    })
  })

  describe("PUT /users/:id", () => {
    it("401, 403 (also for a user editing himself), 404", async () => {
      expect((await t.api().put(`/users/${jo.id}`, { name: "x" })).status).toBe(401)
      expect((await t.api(jo.token).put(`/users/${jo.id}`, { name: "x" })).status).toBe(403)
      expect((await t.api(t.rootToken).put("/users/999999", { name: "x" })).status).toBe(404)
    })

    it("applies present attributes, ignores blank ones, applies false; no attributes is a no-op", async () => {
      const victim = await t.createUser()
      const res = await t
        .api(t.rootToken)
        .put(`/users/${victim.id}`, { name: "Renamed", skype: "sk", email: "", admin: false })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ name: "Renamed", skype: "sk", email: victim.email })
      const noop = await t.api(t.rootToken).put(`/users/${victim.id}`, {})
      expect([noop.status, noop.body]).toEqual([200, res.body])
    })

    it("400 on invalid values and 409 on taken ones, leaving the record unchanged", async () => {
      const victim = await t.createUser()
      const before = (await t.api(t.rootToken).get(`/users/${victim.id}`)).body
      const bad = await t.api(t.rootToken).put(`/users/${victim.id}`, { email: "broken", name: "Changed" })
      expect([bad.status, bad.body]).toEqual([400, { message: { email: ["is invalid"] } }])
      const taken = await t.api(t.rootToken).put(`/users/${victim.id}`, { username: "jo", name: "Changed" })
      expect([taken.status, taken.body]).toEqual([409, { message: { username: ["has already been taken"] } }])
      expect((await t.api(t.rootToken).get(`/users/${victim.id}`)).body).toEqual(before)
    })

    it("a new password replaces the old one; a new username renames the namespace", async () => {
      const victim = await t.createUser()
      await t
        .api(t.rootToken)
        .put(`/users/${victim.id}`, { password: "brandnew1", username: `${victim.username}-renamed` })
      expect((await t.api().post("/session", { login: victim.username, password: "brandnew1" })).status).toBe(401)
      expect(
        (await t.api().post("/session", { login: `${victim.username}-renamed`, password: victim.password })).status,
      ).toBe(401)
      expect(
        (await t.api().post("/session", { login: `${victim.username}-renamed`, password: "brandnew1" })).status,
      ).toBe(201)
      // The old username is free again, the new one is taken.
      expect(
        (
          await t
            .api(t.rootToken)
            .post("/users", { email: "reuse@example.com", password: "secret123", name: "R", username: victim.username })
        ).status,
      ).toBe(201)
    })
  })

  describe("DELETE /users/:id", () => {
    it("401 anonymous, 403 non-admin (the user survives)", async () => {
      const victim = await t.createUser()
      expect((await t.api().delete(`/users/${victim.id}`)).status).toBe(401)
      expect((await t.api(jo.token).delete(`/users/${victim.id}`)).status).toBe(403)
      expect((await t.api(jo.token).get(`/users/${victim.id}`)).status).toBe(200)
    })

    it("200 with the raw record and no secrets, the token dies, and a repeat is 200 too", async () => {
      const victim = await t.createUser()
      const res = await t.api(t.rootToken).delete(`/users/${victim.id}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        id: victim.id,
        email: victim.email,
        username: victim.username,
        admin: false,
        projects_limit: 10,
        state: "active",
      })
      expect(JSON.stringify(res.body)).not.toMatch(/password|token|digest/)
      expect((await t.api(victim.token).get("/user")).status).toBe(401)
      expect((await t.api(t.rootToken).get(`/users/${victim.id}`)).status).toBe(404)
      const again = await t.api(t.rootToken).delete(`/users/${victim.id}`)
      expect([again.status, again.body]).toEqual([200, null])
      expect((await t.api(t.rootToken).delete("/users/987654")).status).toBe(200)
    })
  })

  describe("GET /user", () => {
    it("200 UserLogin with the caller's own token; 401 without", async () => {
      const res = await t.api(jo.token).get("/user")
      expect(res.status).toBe(200)
      expect(Object.keys(res.body)).toEqual([
        ...USER_KEYS,
        "private_token",
        "is_admin",
        "can_create_group",
        "can_create_project",
        "can_create_team",
      ])
      expect(res.body).toMatchObject({
        id: jo.id,
        private_token: jo.token,
        is_admin: false,
        can_create_group: true,
        can_create_project: true,
        can_create_team: true,
      })
      expect((await t.api().get("/user")).status).toBe(401)
    })
  })
})
