import { readdirSync, readFileSync, readlinkSync } from "node:fs"
import { connect, type Socket } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cloneUrl, commitFiles, gitCli, scratchDir, workingCopy } from "./support/git-cli.ts"
import { dialects, startTestServer, type TestServer } from "./support/server.ts"

/** git upload-pack / receive-pack processes whose parent is this process (the server runs in it). */
const transportChildren = (): number =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
        return ppid === process.pid && /(upload|receive)-pack/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))
      } catch {
        return false // gone while we looked
      }
    }).length

/** Pipes this process holds open: each git child takes three (stdin, stdout, stderr). */
const openPipes = (): number =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith("pipe:")
    } catch {
      return false
    }
  }).length

/** A POST announcing a 1000-byte body that sends only its start: the socket stays open until destroyed. */
const partialUploadPack = (url: string, path: string, authorization?: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const head = [
      `POST ${path}/git-upload-pack HTTP/1.1`,
      `Host: ${hostname}`,
      "Content-Type: application/x-git-upload-pack-request",
      "Content-Length: 1000",
      ...(authorization ? [`Authorization: ${authorization}`] : []),
    ]
    const socket = connect(Number(port), hostname, () =>
      socket.write(`${head.join("\r\n")}\r\n\r\n0032want `, () => resolve(socket)),
    )
    socket.on("error", reject)
  })

const CAP = 4

describe.each(dialects)("git transport processes on %s", (dialect) => {
  let t: TestServer
  let scratch: ReturnType<typeof scratchDir>
  let owner: Awaited<ReturnType<TestServer["createUser"]>>
  let path: string

  beforeAll(async () => {
    t = await startTestServer(dialect, { LABRADOR_GIT_MAX_PROCESSES: String(CAP) })
    scratch = scratchDir()
    owner = await t.createUser({ username: "keeper" })
    const project = (await t.api(owner.token).post("/projects", { name: "Open", public: true })).body
    path = `/${project.path_with_namespace}.git`
    const work = await workingCopy(scratch.dir, "seed", cloneUrl(`${t.url}${path}`, owner.username, owner.token))
    await commitFiles(work, { README: "open\n" }, "Open")
    expect((await gitCli(work, ["push", "origin", "master"])).code).toBe(0)
  })
  afterAll(async () => {
    await t.close()
    scratch.dispose()
  })

  it("requests abandoned with a partial body, during authorization or after, leave no git process and no pipe behind", async () => {
    await expect.poll(() => t.server.gitProcesses()).toBe(0)
    const pipes = openPipes()
    const password = `Basic ${Buffer.from(`${owner.username}:${owner.password}`).toString("base64")}`
    // Rounds of as many as the cap allows at once (beyond it they would only be refused). Anonymous
    // ones are authorised in a few ms; with a password the socket goes while the hash runs.
    for (let round = 0; round < 8; round++) {
      const sockets = await Promise.all(
        Array.from({ length: CAP }, (_, i) =>
          partialUploadPack(t.url, path, (round + i) % 2 === 0 ? password : undefined),
        ),
      )
      for (const socket of sockets) socket.destroy()
      await expect.poll(() => t.server.gitProcesses(), { timeout: 20_000 }).toBe(0)
    }
    await expect.poll(transportChildren, { timeout: 20_000 }).toBe(0)
    await expect.poll(openPipes, { timeout: 20_000 }).toBeLessThanOrEqual(pipes)
    // The transport still serves: a clone works afterwards.
    expect((await gitCli(scratch.dir, ["clone", "-q", `${t.url}${path}`, "after-abandon"])).code).toBe(0)
  })

  it("beyond LABRADOR_GIT_MAX_PROCESSES a request is answered 503 with Retry-After, and served again once a process ends", async () => {
    const held = await Promise.all(Array.from({ length: CAP }, () => partialUploadPack(t.url, path)))
    await expect.poll(() => t.server.gitProcesses()).toBe(CAP)
    const refused = await fetch(`${t.url}${path}/info/refs?service=git-upload-pack`)
    expect([refused.status, refused.headers.get("retry-after"), await refused.text()]).toEqual([
      503,
      "5",
      `The server is running as many git processes as it allows (${CAP}); try again in a few seconds.\n`,
    ])
    const clone = await gitCli(scratch.dir, ["clone", "-q", `${t.url}${path}`, "refused"])
    expect([clone.code === 0, clone.stderr]).toEqual([false, expect.stringContaining("503")])

    held[0]!.destroy()
    await expect.poll(() => t.server.gitProcesses()).toBe(CAP - 1)
    expect((await fetch(`${t.url}${path}/info/refs?service=git-upload-pack`)).status).toBe(200)
    for (const socket of held) socket.destroy()
    await expect.poll(() => t.server.gitProcesses()).toBe(0)
  })
})
