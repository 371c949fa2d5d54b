import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dialects, startTestServer, type TestServer } from "../support/server.ts"

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}.pub`, import.meta.url), "utf8").trim()
const RSA = fixture("rsa")
const ECDSA = fixture("ecdsa")
const ED25519 = fixture("ed25519")
const ED25519_OTHER = fixture("ed25519-other")
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/

describe.each(dialects)("SSH keys API on %s", (dialect) => {
  let t: TestServer
  let jo: Awaited<ReturnType<TestServer["createUser"]>>
  let ann: Awaited<ReturnType<TestServer["createUser"]>>
  beforeAll(async () => {
    t = await startTestServer(dialect)
    jo = await t.createUser()
    ann = await t.createUser()
  })
  afterAll(() => t.close())

  it("POST /user/keys: 201 SSHKey for rsa, ecdsa and ed25519, stored whitespace-stripped", async () => {
    for (const [title, key] of [
      ["rsa", RSA],
      ["ecdsa", ECDSA],
    ]) {
      const res = await t.api(jo.token).post("/user/keys", { title, key: `\n  ${key}  \n` })
      expect(res.status).toBe(201)
      expect(Object.keys(res.body)).toEqual(["id", "title", "key", "created_at"])
      expect(res.body).toMatchObject({ title, key })
      expect(res.body.created_at).toMatch(TIME)
    }
    const ed = await t.api(jo.token).post("/user/keys", { title: "ed", key: ED25519 }, { form: true })
    expect(ed.status).toBe(201)
  })

  it("GET /user/keys lists only the caller's keys; empty array when none; 401 anonymous", async () => {
    const mine = await t.api(jo.token).get("/user/keys")
    expect([mine.status, mine.body.map((k: { title: string }) => k.title)]).toEqual([200, ["rsa", "ecdsa", "ed"]])
    expect((await t.api(ann.token).get("/user/keys")).body).toEqual([])
    expect((await t.api().get("/user/keys")).status).toBe(401)
  })

  it("GET /user/keys/:id: 200 own key; 404 for someone else's, admins included; 404 unknown", async () => {
    const [first] = (await t.api(jo.token).get("/user/keys")).body
    expect((await t.api(jo.token).get(`/user/keys/${first.id}`)).body).toEqual(first)
    expect((await t.api(ann.token).get(`/user/keys/${first.id}`)).status).toBe(404)
    expect((await t.api(t.rootToken).get(`/user/keys/${first.id}`)).status).toBe(404)
    expect((await t.api(jo.token).get("/user/keys/999999")).status).toBe(404)
  })

  it("400 for missing title or key, malformed keys, wrong prefixes and overlong titles; nothing stored", async () => {
    expect((await t.api(ann.token).post("/user/keys", { key: ED25519_OTHER })).body).toEqual({
      message: '400 (Bad request) "title" not given',
    })
    expect((await t.api(ann.token).post("/user/keys", { title: "t" })).body).toEqual({
      message: '400 (Bad request) "key" not given',
    })
    for (const key of [
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCnotbase64!!",
      "not a key at all",
      ED25519_OTHER.replace("ssh-ed25519", "foo-ed25519"),
      `ssh-rsa ${"A".repeat(6000)}`,
    ]) {
      const res = await t.api(ann.token).post("/user/keys", { title: "bad", key })
      expect([res.status, res.body]).toEqual([400, { message: { key: ["is invalid"] } }])
    }
    const long = await t.api(ann.token).post("/user/keys", { title: "x".repeat(256), key: ED25519_OTHER })
    expect([long.status, Object.keys(long.body.message)]).toEqual([400, ["title"]])
    expect((await t.api(ann.token).get("/user/keys")).body).toEqual([])
  })

  it("409 when the key is already registered by anyone, whatever its comment", async () => {
    const res = await t
      .api(ann.token)
      .post("/user/keys", { title: "dup", key: ED25519.replace(/ \S+$/, " another-comment") })
    expect([res.status, res.body]).toEqual([409, { message: { key: ["has already been taken"] } }])
  })

  it("DELETE /user/keys/:id: 200 with the key, 200 again, and 200 without effect on someone else's key", async () => {
    const [first, second] = (await t.api(jo.token).get("/user/keys")).body
    const res = await t.api(jo.token).delete(`/user/keys/${first.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: first.id, title: first.title, key: first.key })
    expect((await t.api(jo.token).delete(`/user/keys/${first.id}`)).status).toBe(200)
    expect((await t.api(ann.token).delete(`/user/keys/${second.id}`)).status).toBe(200)
    expect((await t.api(jo.token).get(`/user/keys/${second.id}`)).status).toBe(200)
    expect((await t.api().delete(`/user/keys/${second.id}`)).status).toBe(401)
  })

  it("POST /users/:id/keys: admin only (403 before attribute checks), 404 unknown user, 201 onto the user's keys", async () => {
    expect((await t.api(jo.token).post(`/users/${ann.id}/keys`, {})).status).toBe(403)
    expect((await t.api(t.rootToken).post(`/users/${ann.id}/keys`, { key: ED25519_OTHER })).body).toEqual({
      message: '400 (Bad request) "title" not given',
    })
    expect((await t.api(t.rootToken).post("/users/999999/keys", { title: "t", key: ED25519_OTHER })).status).toBe(404)
    const res = await t.api(t.rootToken).post(`/users/${ann.id}/keys`, { title: "given", key: ED25519_OTHER })
    expect(res.status).toBe(201)
    expect((await t.api(ann.token).get("/user/keys")).body.map((k: { title: string }) => k.title)).toEqual(["given"])
    expect((await t.api(t.rootToken).post(`/users/${jo.id}/keys`, { title: "again", key: ED25519_OTHER })).status).toBe(
      409,
    )
  })

  it("GET and DELETE /users/:id/keys(/:key_id) for admins (6.x), idempotent", async () => {
    expect((await t.api(jo.token).get(`/users/${ann.id}/keys`)).status).toBe(403)
    const list = await t.api(t.rootToken).get(`/users/${ann.id}/keys`)
    expect(list.body).toHaveLength(1)
    expect((await t.api(t.rootToken).get("/users/999999/keys")).status).toBe(404)
    const id = list.body[0].id
    expect((await t.api(t.rootToken).delete(`/users/${ann.id}/keys/${id}`)).status).toBe(200)
    expect((await t.api(t.rootToken).delete(`/users/${ann.id}/keys/${id}`)).status).toBe(200)
    expect((await t.api(ann.token).get("/user/keys")).body).toEqual([])
  })

  it("a deleted user's keys go with him, freeing the key text", async () => {
    const victim = await t.createUser()
    await t.api(victim.token).post("/user/keys", { title: "v", key: ED25519_OTHER })
    await t.api(t.rootToken).delete(`/users/${victim.id}`)
    expect((await t.api(ann.token).post("/user/keys", { title: "mine now", key: ED25519_OTHER })).status).toBe(201)
  })
})
