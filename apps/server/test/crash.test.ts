// Crash consistency of project create, delete and transfer: the server process is killed with
// SIGKILL at each step that changes a repository directory (LABRADOR_TEST_CRASH_AT names the
// storage checkpoint), then started again on the same database and data dir. What a client sees
// afterwards must be whole: the project and its repository both there, or both gone.
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { dialects, freshDatabase } from "@labrador/persistence/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { gitCli, gitOk, scratchDir } from "./support/git-cli.ts"

const SERVER_DIR = join(import.meta.dirname, "..")
const TOKEN = "crash-root-token"

interface Started {
  readonly url: string
  /** The exit signal, once the process is gone. */
  readonly exited: Promise<NodeJS.Signals | null>
  stop(): Promise<void>
}

/** The server from its sources, as `node src/main.ts` runs it, with a crash point when given. */
const start = (dataDir: string, databaseUrl: string, crashAt?: string): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["src/main.ts"], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        NODE_ENV: "test",
        LABRADOR_PORT: "0",
        LABRADOR_DATA_DIR: dataDir,
        LABRADOR_DATABASE_URL: databaseUrl,
        LABRADOR_ROOT_TOKEN: TOKEN,
        LABRADOR_ROOT_PASSWORD: "crash-root-pass",
        LABRADOR_WORKER: "off",
        ...(crashAt === undefined ? {} : { LABRADOR_TEST_CRASH_AT: crashAt }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)))
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out)
      if (match) resolve({ url: match[1]!, exited, stop: () => (child.kill("SIGTERM"), exited.then(() => undefined)) })
    })
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
    void exited.then((signal) => reject(new Error(`exited (${signal}) before listening:\n${out}\n${err}`)))
  })

const api = async (url: string, method: string, path: string, body?: Record<string, unknown>) => {
  const res = await fetch(`${url}/api/v3${path}`, {
    method,
    headers: { "PRIVATE-TOKEN": TOKEN, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as any) }
}

describe.each(dialects)("a server killed half-way through a repository change, on %s", (dialect) => {
  let dataDir: string
  let databaseUrl: string
  let dispose: () => Promise<void>
  /** The project the steps below carry through their crashes. */
  let id: number
  const work = scratchDir()
  const repositories = () => join(dataDir, "repositories")
  /** Every entry in the namespaces under the repositories root (not the server's `.hooks`), as `namespace/entry`: no trash, no orphan may stay. */
  const onDisk = () =>
    readdirSync(repositories())
      .filter((namespace) => !namespace.startsWith("."))
      .flatMap((namespace) => readdirSync(join(repositories(), namespace)).map((entry) => `${namespace}/${entry}`))
      .toSorted()

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "labrador-crash-"))
    const db = await freshDatabase(dialect)
    databaseUrl = dialect === "sqlite" ? `sqlite:${db.target.location}` : db.target.location
    dispose = db.dispose
  })
  afterAll(async () => {
    await dispose()
    rmSync(dataDir, { recursive: true, force: true })
    work.dispose()
  })

  /** Runs `request` on a server that dies at `crashAt`, then starts a healthy one. */
  const crashDuring = async (crashAt: string, request: (url: string) => Promise<unknown>): Promise<Started> => {
    const doomed = await start(dataDir, databaseUrl, crashAt)
    await expect(request(doomed.url)).rejects.toThrow()
    expect(await doomed.exited).toBe("SIGKILL")
    return start(dataDir, databaseUrl)
  }

  const clone = async (url: string, fullPath: string) => {
    const { host } = new URL(url)
    const target = join(work.dir, `clone-${Math.random().toString(36).slice(2)}`)
    return gitCli(work.dir, ["clone", "-q", `http://root:${TOKEN}@${host}/${fullPath}.git`, target])
  }

  it("POST /projects killed after the repository was made: no project, no directory, the name free again", async () => {
    const server = await crashDuring("create:done", (url) => api(url, "POST", "/projects", { name: "alpha" }))
    expect((await api(server.url, "GET", "/projects/root%2Falpha")).status).toBe(404)
    expect(onDisk()).toEqual([])
    const created = await api(server.url, "POST", "/projects", { name: "alpha" })
    expect([created.status, created.body.path_with_namespace]).toEqual([201, "root/alpha"])
    id = created.body.id
    // Something to find again after the crashes below.
    const { host } = new URL(server.url)
    await gitOk(work.dir, ["init", "-q", "src"])
    await gitOk(join(work.dir, "src"), ["commit", "-q", "--allow-empty", "-m", "first"])
    await gitOk(join(work.dir, "src"), ["push", "-q", `http://root:${TOKEN}@${host}/root/alpha.git`, "master"])
    await server.stop()
  })

  it("DELETE /projects/:id killed with the repository in the trash, before the commit: the project is back whole", async () => {
    const server = await crashDuring("trash:done", (url) => api(url, "DELETE", `/projects/${id}`))
    expect((await api(server.url, "GET", `/projects/${id}`)).status).toBe(200)
    const branches = await api(server.url, "GET", `/projects/${id}/repository/branches`)
    expect([branches.status, branches.body.map((b: { name: string }) => b.name)]).toEqual([200, ["master"]])
    expect((await clone(server.url, "root/alpha")).code).toBe(0)
    expect(onDisk()).toEqual(["root/alpha.git"])
    await server.stop()
  })

  it("POST /groups/:id/projects/:project_id killed after the directory moved: the project and its repository stay where they were", async () => {
    let server = await start(dataDir, databaseUrl)
    const group = await api(server.url, "POST", "/groups", { name: "Crew", path: "crew" })
    expect(group.status).toBe(201)
    await server.stop()
    server = await crashDuring("move:done", (url) => api(url, "POST", `/groups/${group.body.id}/projects/${id}`))
    expect((await api(server.url, "GET", `/projects/${id}`)).body.path_with_namespace).toBe("root/alpha")
    expect((await clone(server.url, "root/alpha")).code).toBe(0)
    expect(onDisk()).toEqual(["root/alpha.git"])
    // And the transfer itself still works.
    expect((await api(server.url, "POST", `/groups/${group.body.id}/projects/${id}`)).status).toBe(201)
    expect(onDisk()).toEqual(["crew/alpha.git"])
    await server.stop()
  })

  it("DELETE /projects/:id killed after the commit, before the trash was emptied: the project is gone, and so is its repository", async () => {
    const server = await crashDuring("emptyTrash", (url) => api(url, "DELETE", `/projects/${id}`))
    expect((await api(server.url, "GET", `/projects/${id}`)).status).toBe(404)
    expect(existsSync(join(repositories(), "crew"))).toBe(false)
    expect(onDisk()).toEqual([])
    const again = await api(server.url, "POST", "/projects", { name: "alpha" })
    expect([again.status, again.body.path_with_namespace]).toEqual([201, "root/alpha"])
    expect((await clone(server.url, "root/alpha")).code).toBe(0)
    await server.stop()
  })
})
