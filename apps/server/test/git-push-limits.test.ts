import { execFileSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { COMMIT_READ_BYTES, MAX_REFS_PER_PUSH } from "@labrador/domain"
import { inspectDatabase } from "./support/database.ts"
import { startReceiver } from "./support/receiver.ts"
import { cloneUrl, commitFiles, gitCli, gitOk, scratchDir, workingCopy } from "./support/git-cli.ts"
import { dialects, startTestServer, type TestServer } from "./support/server.ts"

const NOTICE = "--commit message is too big"

/** Runs a git command of the working copy with `input` on stdin (fast-import, update-ref --stdin). */
const gitInput = (dir: string, args: ReadonlyArray<string>, input: string) =>
  execFileSync("git", args, {
    cwd: dir,
    input,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  })

/** `count` branches <prefix>0… made by fast-import, each with one commit of its own on top of `base`. */
const branchesWithOwnCommits = (dir: string, prefix: string, count: number, base: string) => {
  let stream = ""
  for (let i = 0; i < count; i++) {
    const message = `${prefix} commit ${i}`
    stream += `commit refs/heads/${prefix}${i}\ncommitter Test Pusher <pusher@example.com> 1700000000 +0000\ndata ${message.length}\n${message}\nfrom ${base}\n\n`
  }
  gitInput(dir, ["fast-import", "--quiet"], stream)
}

describe.each(dialects)("pushes without bounds on %s", (dialect) => {
  let t: TestServer
  let scratch: ReturnType<typeof scratchDir>
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let pusher: Awaited<ReturnType<TestServer["createUser"]>>
  let project: { id: number; path_with_namespace: string }
  let work: string
  let base: string
  const api = () => t.api(pusher.token)
  const feed = async () =>
    (await api().get(`/projects/${project.id}/events`, { query: { per_page: 100 } })).body as Array<{
      action_name: string
      data: any
    }>
  const queuedPushes = async () => {
    const db = await inspectDatabase(t, dialect)
    try {
      return (await db.rows("outbox_events", { project_id: project.id }))
        .filter((row) => row.name === "push")
        .map(
          (row) =>
            (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as {
              ref: string
              commits: Array<{ message: string }>
            },
        )
    } finally {
      await db.close()
    }
  }

  beforeAll(async () => {
    t = await startTestServer(dialect, { LABRADOR_WORKER: "embedded", LABRADOR_HOOKS_ALLOW_LOCAL: "true" })
    scratch = scratchDir()
    receiver = await startReceiver()
    pusher = await t.createUser({ username: "bulk" })
    project = (await api().post("/projects", { name: "bounds" })).body
    expect(
      (await api().post(`/projects/${project.id}/hooks`, { url: receiver.url("/push"), push_events: true })).status,
    ).toBe(201)
    work = await workingCopy(
      scratch.dir,
      "work",
      cloneUrl(`${t.url}/${project.path_with_namespace}.git`, pusher.username, pusher.token),
    )
    base = await commitFiles(work, { "README.md": "bounds\n" }, "Base")
    expect((await gitCli(work, ["push", "origin", "master"])).code).toBe(0)
  })
  afterAll(async () => {
    await t.close()
    await receiver.close()
    scratch.dispose()
  })

  it("a commit with a 5 MB message is accepted: its event and hook carry the head of the message, marked truncated; the repository API answers 200 with it bounded", async () => {
    const file = join(scratch.dir, "message.txt")
    writeFileSync(file, `Huge message\n\n${"All work and no play. ".repeat(250_000)}\n`)
    await gitOk(work, ["commit", "-q", "--allow-empty", "-F", file])
    const id = (await gitOk(work, ["rev-parse", "HEAD"])).trim()
    expect((await gitCli(work, ["push", "origin", "master"])).code).toBe(0)

    const [event] = await feed()
    expect(event!.data).toMatchObject({
      before: base,
      after: id,
      ref: "refs/heads/master",
      total_commits_count: 1,
      truncated: true,
    })
    const message = event!.data.commits[0].message as string
    expect(message.startsWith("Huge message\n\nAll work and no play.")).toBe(true)
    expect(message.endsWith(`\n\n${NOTICE}`)).toBe(true)
    expect(message.length).toBeLessThanOrEqual(COMMIT_READ_BYTES + NOTICE.length)

    for (let i = 0; i < 20 && !receiver.received.some((r) => r.body.after === id); i++)
      await t.server.worker!.nextRound()
    const delivered = receiver.received.find((r) => r.body.after === id)
    expect(delivered?.body).toEqual(event!.data)

    const commits = await api().get(`/projects/${project.id}/repository/commits`)
    expect(commits.status).toBe(200)
    expect(commits.body.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      [id, "Huge message"],
      [base, "Base"],
    ])
    const single = await api().get(`/projects/${project.id}/repository/commits/${id}`)
    expect([single.status, single.body.title]).toEqual([200, "Huge message"])
    const diff = await api().get(`/projects/${project.id}/repository/commits/${id}/diff`)
    expect([diff.status, diff.body]).toEqual([200, []])
    const branch = await api().get(`/projects/${project.id}/repository/branches/master`)
    expect(branch.status).toBe(200)
    expect(branch.body.commit.message.endsWith(NOTICE)).toBe(true)
    expect(branch.body.commit.message.length).toBeLessThanOrEqual(COMMIT_READ_BYTES + NOTICE.length)
  })

  it(`a push of more than ${MAX_REFS_PER_PUSH} refs is refused whole with the reason beside each ref; nothing of it is applied or recorded`, async () => {
    const tip = (await gitOk(work, ["rev-parse", "HEAD"])).trim()
    gitInput(
      work,
      ["update-ref", "--stdin"],
      Array.from({ length: MAX_REFS_PER_PUSH + 1 }, (_, i) => `create refs/heads/many${i} ${tip}\n`).join(""),
    )
    const events = (await feed()).length
    const result = await gitCli(work, ["push", "origin", "refs/heads/many*:refs/heads/many*"])
    expect(result.code).not.toBe(0)
    const reason = `this push updates ${MAX_REFS_PER_PUSH + 1} refs, at most ${MAX_REFS_PER_PUSH} may be pushed at once`
    expect(result.stderr).toContain(`remote unpack failed: ${reason}`)
    expect(result.stderr).toContain(` ! [remote rejected] many0 -> many0 (${reason})`)
    expect(result.stderr.split("\n").filter((line) => line.includes("[remote rejected]"))).toHaveLength(
      MAX_REFS_PER_PUSH + 1,
    )
    expect((await api().get(`/projects/${project.id}/repository/branches/many0`)).status).toBe(404)
    expect((await feed()).length).toBe(events)
    gitInput(
      work,
      ["update-ref", "--stdin"],
      Array.from({ length: MAX_REFS_PER_PUSH + 1 }, (_, i) => `delete refs/heads/many${i}\n`).join(""),
    )
  })

  it("300 new branches and two tags in one push: one bulk event for the branches, one event per tag, and every branch's own payload queued for the hooks", async () => {
    const tip = (await gitOk(work, ["rev-parse", "HEAD"])).trim()
    branchesWithOwnCommits(work, "bulk", 300, tip)
    await gitOk(work, ["tag", "v1", tip])
    await gitOk(work, ["tag", "v2", tip])
    const events = (await feed()).length
    const queued = (await queuedPushes()).length
    const result = await gitCli(work, [
      "push",
      "origin",
      "refs/heads/bulk*:refs/heads/bulk*",
      "refs/tags/v1",
      "refs/tags/v2",
    ])
    expect(result.code).toBe(0)

    const now = await feed()
    const added = now.slice(0, now.length - events)
    expect(added).toHaveLength(3)
    const bulk = added.find((e) => e.data.ref_count !== undefined)
    expect(bulk).toMatchObject({
      action_name: "opened",
      data: { user_id: pusher.id, project_id: project.id, action: "created", ref_type: "branch", ref_count: 300 },
    })
    expect(
      added
        .filter((e) => e !== bulk)
        .map((e) => [e.data.ref, e.data.total_commits_count])
        .toSorted(),
    ).toEqual([
      ["refs/tags/v1", 0],
      ["refs/tags/v2", 0],
    ])

    const payloads = (await queuedPushes()).slice(queued)
    expect(payloads).toHaveLength(300)
    const bulk7 = payloads.find((p) => p.ref === "refs/heads/bulk7")
    expect(bulk7).toMatchObject({ before: "0".repeat(40), total_commits_count: 1 })
    expect(bulk7!.commits.map((c) => c.message)).toEqual(["bulk commit 7"])
  })
})
