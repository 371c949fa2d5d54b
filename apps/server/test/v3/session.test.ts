import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

describe.each(dialects)("POST /session on %s", (dialect) => {
  let t: TestServer
  let jo: Awaited<ReturnType<TestServer["createUser"]>>
  beforeAll(async () => {
    t = await startTestServer(dialect)
    jo = await t.createUser({ username: "jo", email: "Jo@Example.com" })
  })
  afterAll(() => t.close())

  it("201 UserLogin by username, by email (any case) as login, or by email; the token is stable", async () => {
    const byLogin = await t.api().post("/session", { login: "jo", password: jo.password })
    expect(byLogin.status).toBe(201)
    expect(byLogin.body).toMatchObject({
      id: jo.id,
      username: "jo",
      email: "jo@example.com",
      private_token: jo.token,
      is_admin: false,
    })
    const byEmailAsLogin = await t.api().post("/session", { login: "JO@example.com", password: jo.password })
    const byEmail = await t.api().post("/session", { email: "jo@example.com", password: jo.password }, { form: true })
    expect([byEmailAsLogin.body.private_token, byEmail.body.private_token]).toEqual([jo.token, jo.token])
    expect((await t.api(jo.token).get("/user")).body.private_token).toBe(jo.token)
  })

  it("email wins over login when both are given", async () => {
    const res = await t.api().post("/session", { email: "jo", login: "nobody", password: jo.password })
    expect(res.status).toBe(201)
  })

  it("400 when login and email are missing or blank, or the password is", async () => {
    for (const [body, attr] of [
      [{ password: "x" }, "login"],
      [{ login: " ", email: "", password: "x" }, "login"],
      [{ login: "jo" }, "password"],
      [{ login: "jo", password: "" }, "password"],
    ] as const) {
      const res = await t.api().post("/session", body)
      expect([res.status, res.body]).toEqual([400, { message: `400 (Bad request) "${attr}" not given` }])
    }
  })

  it("401 with no user fields for a wrong password or an unknown login; a token sent along is ignored", async () => {
    for (const body of [
      { login: "jo", password: "wrong-one" },
      { login: "ghost", password: jo.password },
      { email: "ghost@example.com", password: "x" },
    ]) {
      const res = await t.api(t.rootToken).post("/session", body)
      expect([res.status, res.body]).toEqual([401, { message: "401 Unauthorized" }])
    }
  })

  it("root logs in with the configured password", async () => {
    const res = await t.api().post("/session", { login: "root", password: "root-password" })
    expect([res.status, res.body.is_admin, res.body.private_token]).toEqual([201, true, t.rootToken])
  })
})
