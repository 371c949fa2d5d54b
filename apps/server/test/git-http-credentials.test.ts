import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { cloneUrl, commitFiles, gitCli, scratchDir, workingCopy } from "./support/git-cli.ts"
import { dialects, startTestServer, type TestServer } from "./support/server.ts"

// Every password hash or check the server makes is one scrypt call: count them.
const hashes = vi.hoisted(() => ({ scrypt: 0 }))
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>()
  const scrypt = (...args: Array<unknown>) => {
    hashes.scrypt += 1
    return (crypto.scrypt as (...all: Array<unknown>) => void)(...args)
  }
  return { ...crypto, scrypt, default: { ...crypto, scrypt } }
})

type User = Awaited<ReturnType<TestServer["createUser"]>>
const basic = (login: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${login}:${secret}`).toString("base64")}`,
})

describe.each(dialects)("git over HTTP with a password on %s", (dialect) => {
  let t: TestServer
  let scratch: ReturnType<typeof scratchDir>
  let owner: User
  let url: string
  /** scrypt calls made while `run` ran. */
  const hashesDuring = async (run: () => Promise<unknown>): Promise<number> => {
    const before = hashes.scrypt
    await run()
    return hashes.scrypt - before
  }

  /** A private project of `user` with one commit (pushed with his token): git sends the password to read it. */
  const privateRepo = async (user: User): Promise<string> => {
    const project = (await t.api(user.token).post("/projects", { name: "mine" })).body
    const repo = `${t.url}/${project.path_with_namespace}.git`
    const seed = await workingCopy(scratch.dir, `${user.username}-seed`, cloneUrl(repo, user.username, user.token))
    await commitFiles(seed, { README: "mine\n" }, "Mine")
    expect((await gitCli(seed, ["push", "origin", "master"])).code).toBe(0)
    return repo
  }

  beforeAll(async () => {
    t = await startTestServer(dialect)
    scratch = scratchDir()
    owner = await t.createUser({ username: "owner" })
    const project = (await t.api(owner.token).post("/projects", { name: "Open", public: true })).body
    url = `${t.url}/${project.path_with_namespace}.git`
    const seed = await workingCopy(scratch.dir, "seed", cloneUrl(url, owner.username, owner.token))
    await commitFiles(seed, { README: "open\n" }, "Open")
    expect((await gitCli(seed, ["push", "origin", "master"])).code).toBe(0)
  })
  afterAll(async () => {
    await t.close()
    scratch.dispose()
  })

  it("a clone and a fetch with a password cost one hash, though git sends the password with each request", async () => {
    const jo = await t.createUser({ username: "jo" })
    const repo = await privateRepo(jo)
    const spent = await hashesDuring(async () => {
      expect(
        (await gitCli(scratch.dir, ["clone", "-q", cloneUrl(repo, jo.username, jo.password), "jo-clone"])).code,
      ).toBe(0)
      expect((await gitCli(`${scratch.dir}/jo-clone`, ["fetch", "-q", "origin"])).code).toBe(0)
    })
    expect(spent).toBe(1)
    // POST /session still checks the password itself.
    expect(
      await hashesDuring(async () =>
        expect((await t.api().post("/session", { login: "jo", password: jo.password })).status).toBe(201),
      ),
    ).toBe(1)
  })

  it("after the password is changed through the API the old one is refused at once and the new one works", async () => {
    const al = await t.createUser({ username: "al" })
    const repo = await privateRepo(al)
    expect((await gitCli(scratch.dir, ["ls-remote", cloneUrl(repo, al.username, al.password)])).code).toBe(0)
    expect((await t.api(t.rootToken).put(`/users/${al.id}`, { password: "a-new-password" })).status).toBe(200)
    const old = await gitCli(scratch.dir, ["ls-remote", cloneUrl(repo, al.username, al.password)])
    expect([old.code === 0, old.stderr]).toEqual([false, expect.stringContaining("Authentication failed")])
    expect((await gitCli(scratch.dir, ["ls-remote", cloneUrl(repo, al.username, "a-new-password")])).code).toBe(0)
  })

  it("a deleted user's password, checked a moment before, no longer signs in", async () => {
    const bo = await t.createUser({ username: "bo" })
    expect(
      (await fetch(`${url}/info/refs?service=git-upload-pack`, { headers: basic(bo.username, bo.password) })).status,
    ).toBe(200)
    expect((await t.api(t.rootToken).delete(`/users/${bo.id}`)).status).toBe(200)
    expect(
      (await fetch(`${url}/info/refs?service=git-upload-pack`, { headers: basic(bo.username, bo.password) })).status,
    ).toBe(401)
  })

  // Last: it bans this test's address on this server.
  it("10 failed sign-ins from an address within 60 s: 403 for an hour, the right password included, with no hash made", async () => {
    const cy = await t.createUser({ username: "cy" })
    const repo = await privateRepo(cy)
    // A success forgets the address's earlier failures (the deleted user's above).
    expect(
      (await fetch(`${url}/info/refs?service=git-upload-pack`, { headers: basic(cy.username, cy.token) })).status,
    ).toBe(200)
    for (let i = 0; i < 10; i++)
      expect(
        (await fetch(`${url}/info/refs?service=git-upload-pack`, { headers: basic(cy.username, `guess-${i}`) })).status,
      ).toBe(401)
    const spent = await hashesDuring(async () => {
      const banned = await fetch(`${url}/info/refs?service=git-upload-pack`, {
        headers: basic(cy.username, cy.password),
      })
      expect([banned.status, await banned.text()]).toEqual([
        403,
        "Too many failed authentication attempts from this address; try again later.\n",
      ])
      const clone = await gitCli(scratch.dir, ["clone", "-q", cloneUrl(repo, cy.username, cy.password), "cy-clone"])
      expect([clone.code === 0, clone.stderr]).toEqual([false, expect.stringContaining("403")])
    })
    expect(spent).toBe(0)
    // Without credentials nothing is checked, so nothing is refused: anonymous clones of public projects go on.
    expect((await fetch(`${url}/info/refs?service=git-upload-pack`)).status).toBe(200)
  })
})
