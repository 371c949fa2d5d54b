import { execFileSync, spawn } from "node:child_process"
import { request } from "node:http"
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { scratchPostgres } from "@labrador/persistence/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const SERVER_DIR = join(import.meta.dirname, "..")
/** apps/server's `start` script: what `pnpm start` runs (the bundle is built once, in beforeAll). */
const START = (JSON.parse(readFileSync(join(SERVER_DIR, "package.json"), "utf8")) as { scripts: { start: string } })
  .scripts.start
beforeAll(
  () => void execFileSync(process.execPath, ["build.ts"], { cwd: SERVER_DIR, stdio: "inherit", timeout: 120_000 }),
  120_000,
)
const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "labrador-proc-"))
  dirs.push(d)
  return d
}

interface Started {
  readonly url: string
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<number | null>
  readonly kill: (signal: NodeJS.Signals) => void
}

/** `pnpm start` as a user runs it: the start script, with this node first on the PATH. */
const start = (env: Record<string, string>): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", START], {
      cwd: SERVER_DIR,
      env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, LABRADOR_PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)))
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out)
      if (match) resolve({ url: match[1]!, stdout: () => out, stderr: () => err, exited, kill: (s) => child.kill(s) })
    })
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
    void exited.then((code) => reject(Object.assign(new Error(`exited ${code}`), { stdout: out, stderr: err, code })))
  })

describe("the server process", () => {
  it("stops on a bad value with one clear line and no stack trace", async () => {
    const file = join(tempDir(), "a-file")
    writeFileSync(file, "")
    for (const env of [
      { LABRADOR_PORT: "99999" },
      { LABRADOR_DATABASE_URL: "mysql://x/y" },
      { LABRADOR_DATA_DIR: join(file, "data") },
    ] as Array<Record<string, string>>) {
      const failure = await start({ LABRADOR_DATA_DIR: tempDir(), ...env }).then(
        () => expect.fail("started"),
        (e: { stderr: string; code: number }) => e,
      )
      expect(failure.code).toBe(1)
      expect(failure.stderr.trim().split("\n")).toHaveLength(1)
      expect(failure.stderr).toMatch(/^labrador: /)
      expect(failure.stderr).not.toMatch(/\bat .*\.ts:\d+/)
    }
  })

  it("on first start creates root with a generated password and token, printed once, and logs one JSON line per request with tokens redacted", async () => {
    const dataDir = tempDir()
    const server = await start({ LABRADOR_DATA_DIR: dataDir })
    await new Promise((r) => setTimeout(r, 50))
    const token = /private token: (\S+)/.exec(server.stdout())?.[1]
    const password = /password: (\S+)/.exec(server.stdout())?.[1]
    expect(token).toBeDefined()
    const res = await fetch(`${server.url}/api/v3/user?private_token=${token}`)
    expect(((await res.json()) as { username: string }).username).toBe("root")
    const login = await fetch(`${server.url}/api/v3/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "root", password }),
    })
    expect(login.status).toBe(201)
    await new Promise((r) => setTimeout(r, 50))
    const lines = server
      .stdout()
      .split("\n")
      .filter((l) => l.includes('"msg":"request"'))
    const line = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(line).toMatchObject({ method: "GET", path: "/api/v3/user?private_token=[FILTERED]", status: 200 })
    expect(typeof line.duration_ms).toBe("number")
    expect(line.request_id).toBe(res.headers.get("x-request-id"))
    expect(server.stdout()).not.toContain(`private_token=${token}`)
    server.kill("SIGTERM")
    expect(await server.exited).toBe(0)

    // Second start on the same data dir: root exists, nothing is printed again.
    const again = await start({ LABRADOR_DATA_DIR: dataDir })
    expect(again.stdout()).not.toContain("private token:")
    again.kill("SIGTERM")
    await again.exited
  })

  it("never logs a credential: every spelling of a token or password parameter, accepted or refused, userinfo and auth headers", async () => {
    const token = "never-logged-token-0123"
    const password = "never-logged-pass-4567"
    const server = await start({
      LABRADOR_DATA_DIR: tempDir(),
      LABRADOR_ROOT_TOKEN: token,
      LABRADOR_ROOT_PASSWORD: password,
    })
    const status = async (path: string, init?: RequestInit) => (await fetch(`${server.url}${path}`, init)).status
    // What the server decodes to private_token authenticates; the near-misses are refused.
    const taken = ["private_token", "private%5Ftoken", "private%5ftoken", "%70rivate_token", "%5Bprivate_token%5D"]
    const refused = [
      "private-token",
      "PRIVATE_TOKEN",
      "Private_Token",
      "private_token[]",
      "private_token%5B%5D",
      "access_token",
      "private+token",
    ]
    for (const name of taken) expect([name, await status(`/api/v3/user?${name}=${token}`)]).toEqual([name, 200])
    for (const name of refused) expect([name, await status(`/api/v3/user?${name}=${token}`)]).toEqual([name, 401])
    expect(await status(`/api/v3/session?login=root&password=${password}`, { method: "POST" })).toBe(201)
    expect(await status(`/api/v3/session?login=root&pass%77ord=${password}`, { method: "POST" })).toBe(201)
    expect(await status("/api/v3/user", { headers: { "PRIVATE-TOKEN": token } })).toBe(200)
    expect(await status("/api/v3/user", { headers: { Authorization: `Bearer ${token}` } })).toBe(200)
    await fetch(`${server.url}/api/v3/projects`, {
      method: "POST",
      headers: { "PRIVATE-TOKEN": token, "content-type": "application/json" },
      body: JSON.stringify({ name: "logged" }),
    })
    const basic = `Basic ${Buffer.from(`root:${token}`).toString("base64")}`
    expect(
      await status("/root/logged.git/info/refs?service=git-upload-pack", { headers: { Authorization: basic } }),
    ).toBe(200)
    expect(await status(`/root/logged.git/info/refs?service=git-upload-pack&private_token=${token}`)).toBe(401)
    // An absolute-form target, as a client speaking to a proxy sends it, with the userinfo in it.
    const { port } = new URL(server.url)
    const absolute = await new Promise<number>((resolve, reject) =>
      request({ host: "127.0.0.1", port, path: `http://root:${token}@127.0.0.1:${port}/api/v3/user` }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
        .on("error", reject)
        .end(),
    )
    expect(absolute).toBe(401)
    await new Promise((r) => setTimeout(r, 50))
    server.kill("SIGTERM")
    await server.exited
    const lines = server
      .stdout()
      .split("\n")
      .filter((l) => l.includes('"msg":"request'))
      .map((l) => JSON.parse(l) as { path: string; status: number })
    expect(lines).toHaveLength(taken.length + refused.length + 8)
    expect(server.stdout()).not.toContain(token)
    expect(server.stdout()).not.toContain(password)
    expect(server.stdout()).not.toContain(Buffer.from(`root:${token}`).toString("base64"))
    expect(lines.map((l) => l.path)).toEqual(
      expect.arrayContaining([
        ...[...taken, ...refused].map((name) => `/api/v3/user?${name}=[FILTERED]`),
        "/api/v3/session?login=root&password=[FILTERED]",
        "/root/logged.git/info/refs?service=git-upload-pack&private_token=[FILTERED]",
        `http://[FILTERED]@127.0.0.1:${port}/api/v3/user`,
      ]),
    )
  })

  it("finishes in-flight requests on SIGTERM before exiting", async () => {
    const server = await start({
      LABRADOR_DATA_DIR: tempDir(),
      LABRADOR_ROOT_TOKEN: "graceful-token",
      LABRADOR_ROOT_PASSWORD: "graceful-pass",
    })
    // Five logins whose bodies arrive in two halves: the server holds each one (in flight) until
    // the test sends the second half, which it does only after the signal.
    const body = JSON.stringify({ login: "root", password: "graceful-pass" })
    const { port } = new URL(server.url)
    const logins = Array.from({ length: 5 }, () => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v3/session",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      })
      const answer = new Promise<number>((resolve, reject) => {
        req.on("response", (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.on("error", reject)
      })
      req.write(body.slice(0, 10))
      return { finish: () => req.end(body.slice(10)), answer }
    })
    for (let polls = 0; ; polls++) {
      if (polls > 2000) throw new Error("the logins never were in flight together")
      const metrics = await (await fetch(`${server.url}/-/metrics`)).text()
      if (Number(/^http_requests_in_flight (\d+)/m.exec(metrics)?.[1] ?? 0) >= 6) break
    }
    server.kill("SIGTERM")
    await new Promise((r) => setTimeout(r, 100))
    for (const login of logins) login.finish()
    expect(await Promise.all(logins.map((l) => l.answer))).toEqual([201, 201, 201, 201, 201])
    expect(await server.exited).toBe(0)
    await expect(fetch(`${server.url}/-/health`)).rejects.toThrow()
  })

  it("a copy of the database under another secret gives no working credential", async () => {
    const dataDir = tempDir()
    const server = await start({
      LABRADOR_DATA_DIR: dataDir,
      LABRADOR_ROOT_TOKEN: "the-real-root-token",
      LABRADOR_ROOT_PASSWORD: "rootpass1",
    })
    expect(
      (await fetch(`${server.url}/api/v3/user`, { headers: { "PRIVATE-TOKEN": "the-real-root-token" } })).status,
    ).toBe(200)
    server.kill("SIGTERM")
    await server.exited
    const stolen = tempDir()
    cpSync(join(dataDir, "labrador.sqlite"), join(stolen, "labrador.sqlite"))
    const thief = await start({ LABRADOR_DATA_DIR: stolen })
    expect(
      (await fetch(`${thief.url}/api/v3/user`, { headers: { "PRIVATE-TOKEN": "the-real-root-token" } })).status,
    ).toBe(401)
    thief.kill("SIGTERM")
    await thief.exited
  })

  it.runIf(process.env.LABRADOR_TEST_PG_URL)(
    "runs on PostgreSQL: migrations, a git push through the hooks, its push event",
    async () => {
      const pg = await scratchPostgres("labrador_proc")
      try {
        const dataDir = tempDir()
        const server = await start({
          LABRADOR_DATA_DIR: dataDir,
          LABRADOR_DATABASE_URL: pg.url,
          LABRADOR_ROOT_TOKEN: "pg-root-token",
          LABRADOR_ROOT_PASSWORD: "pg-root-pass",
        })
        const headers = { "PRIVATE-TOKEN": "pg-root-token", "content-type": "application/json" }
        const created = await fetch(`${server.url}/api/v3/projects`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: "bundled" }),
        })
        expect(created.status).toBe(201)
        const project = (await created.json()) as { id: number }
        const work = join(tempDir(), "work")
        const git = (...args: Array<string>) =>
          execFileSync("git", args, { cwd: work, stdio: "pipe", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } })
        execFileSync("git", ["init", "-q", "-b", "master", work])
        writeFileSync(join(work, "README"), "bundled\n")
        git("add", "README")
        git("-c", "user.name=Root", "-c", "user.email=root@example.com", "commit", "-q", "-m", "first")
        const { host } = new URL(server.url)
        git("push", "-q", `http://root:pg-root-token@${host}/root/bundled.git`, "master")
        // Protected branches are refused by the update hook the server installed.
        expect(
          (
            await fetch(`${server.url}/api/v3/projects/${project.id}/repository/branches/master/protect`, {
              method: "PUT",
              headers,
            })
          ).status,
        ).toBe(200)
        git("commit", "-q", "--amend", "-m", "rewritten")
        expect(() =>
          git("push", "-q", "--force", `http://root:pg-root-token@${host}/root/bundled.git`, "master"),
        ).toThrow(/GitLab: /)
        const events = (await (
          await fetch(`${server.url}/api/v3/projects/${project.id}/events`, { headers })
        ).json()) as Array<{ data: { ref: string } | null }>
        expect(events.some((event) => event.data?.ref === "refs/heads/master")).toBe(true)
        server.kill("SIGTERM")
        expect(await server.exited).toBe(0)
      } finally {
        await pg.drop()
      }
    },
  )
})
