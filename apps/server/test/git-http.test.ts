import { execFileSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { inspectDatabase } from "./support/database.ts"
import { startReceiver } from "./support/receiver.ts"
import { cloneUrl, commitFiles, gitCli, gitOk, scratchDir, workingCopy } from "./support/git-cli.ts"
import { bodilessRequest, dialects, startTestServer, type TestServer } from "./support/server.ts"

type User = Awaited<ReturnType<TestServer["createUser"]>>
const ZERO = "0000000000000000000000000000000000000000"
const CHALLENGE = 'Basic realm="GitLab"'

/** One pkt-line: four hex digits of length (themselves included), then the payload. */
const pkt = (payload: string) => (Buffer.byteLength(payload) + 4).toString(16).padStart(4, "0") + payload
/** The pack of what `include` has and `exclude` has not, built in a working copy. */
const packOf = (dir: string, include: string, exclude: string) =>
  execFileSync("git", ["-C", dir, "pack-objects", "--stdout", "--revs", "-q"], {
    input: `${include}\n^${exclude}\n`,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  })

describe.each(dialects)("git smart HTTP on %s", (dialect) => {
  let t: TestServer
  let scratch: ReturnType<typeof scratchDir>
  let owner: User
  let guest: User
  let reporter: User
  let developer: User
  let master: User
  let stranger: User
  let project: { id: number; path: string }
  let repoUrl: string
  const as = (user: User, secret: string = user.password) => cloneUrl(repoUrl, user.username, secret)
  const api = (user?: User) => t.api(user?.token)
  const events = async () =>
    (await api(owner).get(`/projects/${project.id}/events`)).body as Array<{
      action_name: string
      author_id: number
      data: any
    }>
  const pushEvents = async () => (await events()).filter((e) => e.data !== null)

  beforeAll(async () => {
    t = await startTestServer(dialect, { LABRADOR_EXTERNAL_URL: "http://git.example.com" })
    scratch = scratchDir()
    owner = await t.createUser({ username: "owner", name: "Owner Person" })
    guest = await t.createUser({ username: "guest" })
    reporter = await t.createUser({ username: "reporter" })
    developer = await t.createUser({ username: "developer" })
    master = await t.createUser({ username: "master" })
    stranger = await t.createUser({ username: "stranger" })
    const created = await api(owner).post("/projects", { name: "Widget", description: "A widget" })
    project = { id: created.body.id, path: created.body.path_with_namespace }
    repoUrl = `${t.url}/${project.path}.git`
    for (const [user, level] of [
      [guest, 10],
      [reporter, 20],
      [developer, 30],
      [master, 40],
    ] as const)
      expect(
        (await api(owner).post(`/projects/${project.id}/members`, { user_id: user.id, access_level: level })).status,
      ).toBe(201)
  })
  afterAll(async () => {
    await t.close()
    scratch.dispose()
  })

  describe("clone and push", () => {
    let work: string
    let first: string

    it("clones a fresh project: an empty repository, with git's warning", async () => {
      const result = await gitCli(scratch.dir, ["clone", as(owner, owner.token), "empty"])
      expect(result.code).toBe(0)
      expect(result.stderr).toContain("You appear to have cloned an empty repository")
    })

    it("the first push creates master, names it the default branch and is in the events feed when git push returns", async () => {
      const before = (await api(owner).get(`/projects/${project.id}`)).body
      expect(before.default_branch).toBeNull()
      work = await workingCopy(scratch.dir, "work", as(owner))
      first = await commitFiles(work, { "README.md": "# Widget\n" }, "Add readme\n\nWith a body line.", {
        date: "2012-06-27T05:51:39-07:00",
      })
      const result = await gitCli(work, ["push", "origin", "master"])
      expect(result.code).toBe(0)
      expect(result.stderr).toContain("* [new branch]      master -> master")

      const after = (await api(owner).get(`/projects/${project.id}`)).body
      expect(after.default_branch).toBe("master")
      expect(Date.parse(after.last_activity_at)).toBeGreaterThanOrEqual(Date.parse(before.last_activity_at))
      const [latest] = await events()
      expect(latest).toMatchObject({ action_name: "opened", author_id: owner.id, target_id: null, target_type: null })
      expect(latest!.data).toEqual({
        before: ZERO,
        after: first,
        ref: "refs/heads/master",
        user_id: owner.id,
        user_name: "Owner Person",
        project_id: project.id,
        repository: {
          name: "Widget",
          url: `git@git.example.com:${project.path}.git`,
          description: "A widget",
          homepage: `http://git.example.com/${project.path}`,
        },
        commits: [
          {
            id: first,
            message: "Add readme\n\nWith a body line.",
            timestamp: "2012-06-27T05:51:39-07:00",
            url: `http://git.example.com/${project.path}/commit/${first}`,
            author: { name: "Test Pusher", email: "pusher@example.com" },
          },
        ],
        total_commits_count: 1,
      })
      expect((await gitOk(scratch.dir, ["ls-remote", as(owner), "HEAD"])).trim()).toBe(`${first}\tHEAD`)
    })

    it("queues the push payload for the project hooks in the same transaction", async () => {
      const db = await inspectDatabase(t, dialect)
      try {
        const pushes = (await db.rows("outbox_events", { project_id: project.id })).filter((row) => row.name === "push")
        const payloads = pushes.map((row) => (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload))
        expect(payloads.map((p) => [p.ref, p.after])).toEqual([["refs/heads/master", first]])
        expect(payloads[0]).toEqual((await pushEvents())[0]!.data)
      } finally {
        await db.close()
      }
    })

    it("a reporter clones with his password and gets the pushed history; fetch after a push brings the new commit", async () => {
      const clone = await gitCli(scratch.dir, ["clone", as(reporter), "reporter-clone"])
      expect(clone.code).toBe(0)
      const dir = `${scratch.dir}/reporter-clone`
      expect((await gitOk(dir, ["rev-parse", "HEAD"])).trim()).toBe(first)

      const dev = await workingCopy(scratch.dir, "dev", as(developer, developer.token))
      await gitOk(dev, ["pull", "-q", "origin", "master"])
      const second = await commitFiles(dev, { "lib/widget.rb": "class Widget; end\n" }, "Add widget class")
      expect((await gitCli(dev, ["push", "origin", "master"])).code).toBe(0)

      expect((await gitCli(dir, ["fetch", "origin"])).code).toBe(0)
      expect((await gitOk(dir, ["rev-parse", "origin/master"])).trim()).toBe(second)
      const [latest] = await pushEvents()
      expect(latest!.data).toMatchObject({
        before: first,
        after: second,
        ref: "refs/heads/master",
        user_id: developer.id,
        total_commits_count: 1,
      })
      expect(latest!.data.commits.map((c: { id: string }) => c.id)).toEqual([second])
    })

    it("clones over protocol v0 as well as v2", async () => {
      const v0 = await gitCli(scratch.dir, ["-c", "protocol.version=0", "clone", "-q", as(master), "v0-clone"])
      expect(v0.code).toBe(0)
      expect((await gitOk(`${scratch.dir}/v0-clone`, ["log", "--format=%s"])).trim().split("\n")).toEqual([
        "Add widget class",
        "Add readme",
      ])
    })
  })

  describe("credentials", () => {
    it("a wrong password is refused with 401: git fails with 'Authentication failed' and nothing is pushed", async () => {
      const before = (await pushEvents()).length
      const result = await gitCli(scratch.dir, ["clone", as(developer, "not-the-password"), "wrong"])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain("Authentication failed")
      const push = await gitCli(scratch.dir, ["push", as(developer, "wrong"), "HEAD:refs/heads/nope"])
      expect(push.code).not.toBe(0)
      expect((await pushEvents()).length).toBe(before)
    })

    it("the private token works as the password, for the token's owner only", async () => {
      expect((await gitCli(scratch.dir, ["ls-remote", as(developer, developer.token)])).code).toBe(0)
      const someoneElse = await gitCli(scratch.dir, [
        "ls-remote",
        cloneUrl(repoUrl, reporter.username, developer.token),
      ])
      expect(someoneElse.stderr).toContain("Authentication failed")
      expect(
        (await gitCli(scratch.dir, ["ls-remote", cloneUrl(repoUrl, developer.email, developer.password)])).code,
      ).toBe(0)
    })

    it("anonymous: 401 with a Basic challenge (git asks for credentials, and fails without a terminal)", async () => {
      const res = await fetch(`${repoUrl}/info/refs?service=git-upload-pack`)
      expect([res.status, res.headers.get("www-authenticate")]).toEqual([401, CHALLENGE])
      const result = await gitCli(scratch.dir, ["clone", repoUrl, "anonymous"])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toMatch(/could not read Username|Authentication failed/)
    })
  })

  describe("who may fetch and push", () => {
    const advertise = (service: string, user?: User) =>
      fetch(
        `${repoUrl}/info/refs?service=${service}`,
        user
          ? { headers: { authorization: `Basic ${Buffer.from(`${user.username}:${user.token}`).toString("base64")}` } }
          : {},
      )

    it("upload-pack: reporter and up 200; guest and non-member 404 (nothing revealed); anonymous 401", async () => {
      for (const user of [reporter, developer, master, owner])
        expect((await advertise("git-upload-pack", user)).status).toBe(200)
      expect((await advertise("git-upload-pack", guest)).status).toBe(404)
      expect((await advertise("git-upload-pack", stranger)).status).toBe(404)
      expect((await advertise("git-upload-pack")).status).toBe(401)
      const guestClone = await gitCli(scratch.dir, ["clone", as(guest), "guest"])
      expect(guestClone.stderr).toMatch(/not found|404/i)
    })

    it("receive-pack: developer and up 200; reporter 403 with the reason in git's output; non-member 404; anonymous 401", async () => {
      for (const user of [developer, master, owner])
        expect((await advertise("git-receive-pack", user)).status).toBe(200)
      expect((await advertise("git-receive-pack", guest)).status).toBe(403)
      expect((await advertise("git-receive-pack", stranger)).status).toBe(404)
      const anonymous = await advertise("git-receive-pack")
      expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, CHALLENGE])
      const reporterPush = await gitCli(`${scratch.dir}/reporter-clone`, [
        "push",
        as(reporter),
        "HEAD:refs/heads/from-reporter",
      ])
      expect(reporterPush.code).not.toBe(0)
      expect(reporterPush.stderr).toContain("You are not allowed to push code to this project.")
      expect((await api(owner).get(`/projects/${project.id}/repository/branches/from-reporter`)).status).toBe(404)
    })

    it("the advertisement is git's, with the service announcement and no caching", async () => {
      const res = await advertise("git-upload-pack", reporter)
      expect(res.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement")
      expect(res.headers.get("cache-control")).toContain("no-cache")
      const body = await res.text()
      expect(body.startsWith("001e# service=git-upload-pack\n0000")).toBe(true)
      expect(body).toContain("refs/heads/master")
    })

    it("an unknown project is 404 for everyone, anonymous included", async () => {
      const res = await fetch(`${t.url}/${owner.username}/nothing-here.git/info/refs?service=git-upload-pack`)
      expect(res.status).toBe(404)
      const clone = await gitCli(scratch.dir, [
        "clone",
        cloneUrl(`${t.url}/${owner.username}/nothing-here.git`, owner.username, owner.token),
        "nothing",
      ])
      expect(clone.code).not.toBe(0)
    })

    it("a public project: anyone clones, anonymous included; anonymous push still 401, a signed-in stranger 403", async () => {
      const pub = (await api(owner).post("/projects", { name: "Open", public: true })).body
      const url = `${t.url}/${pub.path_with_namespace}.git`
      const seed = await workingCopy(scratch.dir, "open-seed", cloneUrl(url, owner.username, owner.token))
      await commitFiles(seed, { LICENSE: "MIT\n" }, "License")
      expect((await gitCli(seed, ["push", "origin", "master"])).code).toBe(0)
      expect((await gitCli(scratch.dir, ["clone", url, "open-anonymous"])).code).toBe(0)
      expect(
        (await gitCli(scratch.dir, ["clone", cloneUrl(url, stranger.username, stranger.token), "open-stranger"])).code,
      ).toBe(0)
      const anonymousPush = await fetch(`${url}/info/refs?service=git-receive-pack`)
      expect([anonymousPush.status, anonymousPush.headers.get("www-authenticate")]).toEqual([401, CHALLENGE])
      const strangerPush = await fetch(`${url}/info/refs?service=git-receive-pack`, {
        headers: { authorization: `Basic ${Buffer.from(`${stranger.username}:${stranger.token}`).toString("base64")}` },
      })
      expect(strangerPush.status).toBe(403)
    })

    it("dumb HTTP is refused", async () => {
      const auth = { authorization: `Basic ${Buffer.from(`${owner.username}:${owner.token}`).toString("base64")}` }
      for (const path of ["info/refs", "HEAD", "objects/info/packs"])
        expect((await fetch(`${repoUrl}/${path}`, { headers: auth })).status).toBe(403)
      const dumb = await gitCli(scratch.dir, ["clone", as(owner), "dumb"], { GIT_SMART_HTTP: "0" })
      expect(dumb.code).not.toBe(0)
    })
  })

  describe("protected branches", () => {
    let work: string

    beforeAll(async () => {
      work = `${scratch.dir}/reporter-clone`
      await gitOk(work, ["pull", "-q", "origin", "master"])
      expect((await api(owner).put(`/projects/${project.id}/repository/branches/master/protect`)).body.protected).toBe(
        true,
      )
    })

    it("a developer's push to a protected branch is refused with the reason in git's stderr; the branch and the feed stay as they were", async () => {
      const head = (await api(owner).get(`/projects/${project.id}/repository/branches/master`)).body.commit.id
      const feed = (await pushEvents()).length
      await commitFiles(work, { CHANGELOG: "v1\n" }, "Changelog")
      const result = await gitCli(work, ["push", as(developer), "HEAD:master"])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain(
        "remote: GitLab: You are not allowed to push code to protected branches on this project.",
      )
      expect(result.stderr).toContain("! [remote rejected] HEAD -> master (hook declined)")
      expect((await api(owner).get(`/projects/${project.id}/repository/branches/master`)).body.commit.id).toBe(head)
      expect((await pushEvents()).length).toBe(feed)
    })

    it("the other refs of the same push are applied; only they reach the feed", async () => {
      const result = await gitCli(work, ["push", as(developer), "HEAD:master", "HEAD:refs/heads/changelog"])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain("* [new branch]      HEAD -> changelog")
      const [latest] = await pushEvents()
      expect(latest!.data).toMatchObject({
        ref: "refs/heads/changelog",
        before: ZERO,
        user_id: developer.id,
        total_commits_count: 1,
      })
    })

    it("a master fast-forwards it; a force push and a deletion are refused even for him", async () => {
      expect((await gitCli(work, ["push", as(master), "HEAD:master"])).code).toBe(0)
      const forced = await gitCli(work, ["push", "--force", as(master), "HEAD~1:master"])
      expect(forced.code).not.toBe(0)
      expect(forced.stderr).toContain("You are not allowed to force push code to a protected branch on this project.")
      await gitOk(work, ["push", "-q", as(master), "HEAD:refs/heads/release"])
      await api(master).put(`/projects/${project.id}/repository/branches/release/protect`)
      const deleted = await gitCli(work, ["push", as(master), ":release"])
      expect(deleted.stderr).toContain("You are not allowed to delete protected branches from this project.")
      expect((await api(owner).get(`/projects/${project.id}/repository/branches/release`)).status).toBe(200)
    })

    // release, protected above, is not HEAD: git itself would refuse deleting the current branch.
    it("one receive-pack naming a protected branch several times (same, delete, recreate) is refused whole: each command ng, the branch stays", async () => {
      const cur = (await api(owner).get(`/projects/${project.id}/repository/branches/release`)).body.commit.id as string
      // An unrelated root commit: what the attacker wants release to become.
      const evil = (await gitOk(work, ["commit-tree", "HEAD^{tree}", "-m", "Evil"])).trim()
      const feed = (await pushEvents()).length
      const receivePack = (commands: ReadonlyArray<string>) =>
        fetch(`${repoUrl}/git-receive-pack`, {
          method: "POST",
          headers: {
            authorization: `Basic ${Buffer.from(`${master.username}:${master.token}`).toString("base64")}`,
            "content-type": "application/x-git-receive-pack-request",
          },
          body: Buffer.concat([
            Buffer.from(
              commands
                .map((command, i) =>
                  pkt(i === 0 ? `${command}\0 report-status side-band-64k agent=test\n` : `${command}\n`),
                )
                .join("") + "0000",
            ),
            packOf(work, evil, cur),
          ]),
        })

      const res = await receivePack([
        `${cur} ${cur} refs/heads/release`,
        `${cur} ${ZERO} refs/heads/release`,
        `${ZERO} ${evil} refs/heads/release`,
      ])
      expect(res.status).toBe(200)
      const report = Buffer.from(await res.arrayBuffer()).toString("latin1")
      expect(report.match(/ng refs\/heads\/release hook declined/g)?.length).toBe(3)
      expect(report).not.toMatch(/ok refs\/heads\/release/)
      expect(report).toContain(
        "GitLab: duplicate ref: this push updates the same ref more than once, so none of it is applied.",
      )
      expect((await api(owner).get(`/projects/${project.id}/repository/branches/release`)).body.commit.id).toBe(cur)
      expect((await pushEvents()).length).toBe(feed)

      // Each command alone is checked against its own rule: the force push and the deletion are refused.
      const forced = Buffer.from(
        await (await receivePack([`${cur} ${evil} refs/heads/release`])).arrayBuffer(),
      ).toString("latin1")
      expect(forced).toContain("ng refs/heads/release hook declined")
      expect(forced).toContain("You are not allowed to force push code to a protected branch on this project.")
      const deleted = Buffer.from(
        await (await receivePack([`${cur} ${ZERO} refs/heads/release`])).arrayBuffer(),
      ).toString("latin1")
      expect(deleted).toContain("You are not allowed to delete protected branches from this project.")
      expect((await api(owner).get(`/projects/${project.id}/repository/branches/release`)).body.commit.id).toBe(cur)
    })

    it("after unprotect a developer pushes again", async () => {
      await api(master).put(`/projects/${project.id}/repository/branches/master/unprotect`)
      await commitFiles(work, { CHANGELOG: "v2\n" }, "Changelog v2")
      expect((await gitCli(work, ["push", as(developer), "HEAD:master"])).code).toBe(0)
    })

    it("only branches and tags may be pushed", async () => {
      const result = await gitCli(work, ["push", as(master), "HEAD:refs/notes/commits"])
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain("You can only push branches and tags to this project.")
    })
  })

  describe("the push payload", () => {
    let work: string

    beforeAll(async () => {
      work = `${scratch.dir}/reporter-clone`
      await gitOk(work, ["pull", "-q", "origin", "master"])
    })

    it("lists at most the last 20 commits, oldest first, and counts them all", async () => {
      const base = (await gitOk(work, ["rev-parse", "HEAD"])).trim()
      const ids: Array<string> = []
      for (let i = 1; i <= 25; i++) ids.push(await commitFiles(work, { "counter.txt": `${i}\n` }, `Count ${i}`))
      expect((await gitCli(work, ["push", as(developer), "HEAD:master"])).code).toBe(0)
      const [latest] = await pushEvents()
      expect(latest!.data).toMatchObject({ before: base, after: ids[24], total_commits_count: 25 })
      expect(latest!.data.commits.map((c: { id: string }) => c.id)).toEqual(ids.slice(5))
      expect(latest!.data.commits[0].message).toBe("Count 6")
    })

    it("a new branch lists the commits no other branch has; a deletion has after = zeros and no commits", async () => {
      const extra = await commitFiles(work, { "topic.txt": "topic\n" }, "Topic work")
      expect((await gitCli(work, ["push", as(developer), "HEAD:refs/heads/topic"])).code).toBe(0)
      let [latest] = await pushEvents()
      expect(latest!.data).toMatchObject({
        before: ZERO,
        after: extra,
        ref: "refs/heads/topic",
        total_commits_count: 1,
      })
      expect(latest!.data.commits.map((c: { id: string }) => c.id)).toEqual([extra])

      expect((await gitCli(work, ["push", as(developer), ":topic"])).code).toBe(0)
      ;[latest] = await pushEvents()
      expect(latest!.data).toMatchObject({
        before: extra,
        after: ZERO,
        ref: "refs/heads/topic",
        commits: [],
        total_commits_count: 0,
      })
    })

    it("several refs in one push give one event each, in git's order; a tag push is in the feed but queues no hook payload", async () => {
      const feed = (await pushEvents()).length
      expect(
        (await gitCli(work, ["push", as(developer), "HEAD:refs/heads/one", "HEAD:refs/heads/two", "HEAD:refs/tags/v9"]))
          .code,
      ).toBe(0)
      const pushes = await pushEvents()
      expect(pushes.length).toBe(feed + 3)
      expect(
        pushes
          .slice(0, 3)
          .map((e) => e.data.ref)
          .toSorted(),
      ).toEqual(["refs/heads/one", "refs/heads/two", "refs/tags/v9"])
      const db = await inspectDatabase(t, dialect)
      try {
        const queued = (await db.rows("outbox_events", { project_id: project.id })).filter((row) => row.name === "push")
        const refs = queued.map((row) => (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload).ref)
        expect(refs).toContain("refs/heads/one")
        expect(refs).not.toContain("refs/tags/v9")
      } finally {
        await db.close()
      }
    })
  })

  describe("project hooks", () => {
    it("a hook with push_events receives the push payload of each branch; a hook without, and tag pushes, get nothing", async () => {
      const hooked = await startTestServer(dialect, { LABRADOR_WORKER: "embedded", LABRADOR_HOOKS_ALLOW_LOCAL: "true" })
      const receiver = await startReceiver()
      try {
        const pusher = await hooked.createUser({ username: "hooked" })
        const created = (await hooked.api(pusher.token).post("/projects", { name: "hooked" })).body
        await hooked
          .api(pusher.token)
          .post(`/projects/${created.id}/hooks`, { url: receiver.url("/push"), push_events: true })
        await hooked.api(pusher.token).post(`/projects/${created.id}/hooks`, {
          url: receiver.url("/issues-only"),
          push_events: false,
          issues_events: true,
        })
        const dir = await workingCopy(
          scratch.dir,
          "hooked",
          cloneUrl(`${hooked.url}/${created.path_with_namespace}.git`, pusher.username, pusher.token),
        )
        const id = await commitFiles(dir, { "hook.txt": "hi\n" }, "Hook me")
        expect((await gitCli(dir, ["push", "origin", "master", "HEAD:refs/tags/v1"])).code).toBe(0)
        for (let i = 0; i < 20 && receiver.received.length < 1; i++) await hooked.server.worker!.nextRound()
        for (let i = 0; i < 3; i++) await hooked.server.worker!.nextRound()
        expect(receiver.received.map((r) => [r.path, r.contentType, r.body.ref, r.body.after])).toEqual([
          ["/push", "application/json", "refs/heads/master", id],
        ])
        const [event] = (await hooked.api(pusher.token).get(`/projects/${created.id}/events`)).body.filter(
          (e: { data: unknown }) => e.data !== null && (e.data as { ref: string }).ref === "refs/heads/master",
        )
        expect(receiver.received[0]!.body).toEqual(event.data)
      } finally {
        await hooked.close()
        await receiver.close()
      }
    })
  })

  describe("ref names that look like options", () => {
    let tip: string
    let names: ReadonlyArray<string>
    const repository = () => `/projects/${project.id}/repository`
    const get = (path: string) => api(reporter).get(`${repository()}${path}`)
    const q = encodeURIComponent
    /** Files a name read as an option (`--output=<file>`, `--upload-pack=touch <file>`) would have made. */
    const planted = () => readdirSync(scratch.dir).filter((name) => name.startsWith("pwned"))

    beforeAll(async () => {
      names = ["-x", `--output=${scratch.dir}/pwned-branch`]
      const dir = await workingCopy(scratch.dir, "dashes", as(developer))
      await gitOk(dir, ["pull", "-q", "origin", "master"])
      tip = await commitFiles(dir, { "dash.txt": "dash\n" }, "On a dashed branch")
      // A full refspec: git's own branch commands would not take these names, a push does (git check-ref-format allows them).
      const pushed = await gitCli(dir, [
        "push",
        "origin",
        ...names.map((name) => `HEAD:refs/heads/${name}`),
        "HEAD:refs/tags/-t",
      ])
      expect(pushed.code).toBe(0)
    })

    it("a branch named -x or --output=<file> is read by every endpoint: commits, commit, diff, tree, blob, branch, archive, compare, tag creation", async () => {
      for (const name of names) {
        expect((await get(`/commits?ref_name=${q(name)}`)).body.map((c: { id: string }) => c.id)[0]).toBe(tip)
        expect((await get(`/commits/${q(name)}`)).body.id).toBe(tip)
        expect((await get(`/commits/${q(name)}/diff`)).body.map((d: { new_path: string }) => d.new_path)).toEqual([
          "dash.txt",
        ])
        expect((await get(`/tree?ref_name=${q(name)}`)).body.map((e: { name: string }) => e.name)).toContain("dash.txt")
        expect((await get(`/blobs/${q(name)}?filepath=dash.txt`)).text).toBe("dash\n")
        expect((await get(`/branches/${q(name)}`)).body).toMatchObject({ name, commit: { id: tip } })
        const archive = await fetch(`${t.url}/api/v3${repository()}/archive.tar?sha=${q(name)}`, {
          headers: { "PRIVATE-TOKEN": reporter.token },
        })
        expect(archive.status).toBe(200)
        expect(Buffer.from(await archive.arrayBuffer()).includes(Buffer.from("dash.txt"))).toBe(true)
        expect((await get(`/compare?from=master&to=${q(name)}`)).body.commits.map((c: { id: string }) => c.id)).toEqual(
          [tip],
        )
        expect((await get(`/compare?from=${q(name)}&to=master`)).body.commits).toEqual([])
      }
      expect((await get("/commits?ref_name=-t")).body[0].id).toBe(tip)
      const tag = await api(developer).post(`${repository()}/tags`, { tag_name: "from-dash", ref: "-x" })
      expect([tag.status, tag.body.commit?.id]).toEqual([201, tip])
      expect(planted()).toEqual([])
    })

    it("names of nothing that look like options find nothing, and git never takes them as options (no file is written)", async () => {
      for (const name of [
        `--output=${scratch.dir}/pwned-read`,
        `--upload-pack=touch ${scratch.dir}/pwned-upload`,
        "--all",
        "-h",
      ]) {
        expect((await get(`/commits?ref_name=${q(name)}`)).body).toEqual([])
        for (const path of [
          `/commits/${q(name)}`,
          `/commits/${q(name)}/diff`,
          `/tree?ref_name=${q(name)}`,
          `/blobs/${q(name)}?filepath=dash.txt`,
          `/branches/${q(name)}`,
        ])
          expect([path, (await get(path)).status]).toEqual([path, 404])
        const archive = await fetch(`${t.url}/api/v3${repository()}/archive.tar?sha=${q(name)}`, {
          headers: { "PRIVATE-TOKEN": reporter.token },
        })
        expect(archive.status).toBe(404)
        expect((await get(`/compare?from=${q(name)}&to=master`)).body).toMatchObject({ commit: null, commits: [] })
        expect((await get(`/compare?from=master&to=${q(name)}`)).body).toMatchObject({ commit: null, commits: [] })
      }
      expect(planted()).toEqual([])
      expect(existsSync(join(scratch.dir, "pwned-read"))).toBe(false)
    })
  })

  describe("transport", () => {
    it("accepts gzip request bodies", async () => {
      const head = (await api(owner).get(`/projects/${project.id}/repository/branches/master`)).body.commit.id as string
      const want = `want ${head} side-band-64k\n`
      const request = `${(want.length + 4).toString(16).padStart(4, "0")}${want}00000009done\n`
      const res = await fetch(`${repoUrl}/git-upload-pack`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${reporter.username}:${reporter.token}`).toString("base64")}`,
          "content-type": "application/x-git-upload-pack-request",
          "content-encoding": "gzip",
        },
        body: gzipSync(request),
      })
      expect([res.status, res.headers.get("content-type")]).toEqual([200, "application/x-git-upload-pack-result"])
      const body = Buffer.from(await res.arrayBuffer())
      expect(body.subarray(0, 8).toString()).toBe("0008NAK\n")
      expect(body.includes(Buffer.from("PACK"))).toBe(true)
    })

    it("refuses a request without git's content type, and a malformed command list", async () => {
      const auth = {
        authorization: `Basic ${Buffer.from(`${developer.username}:${developer.token}`).toString("base64")}`,
      }
      expect((await fetch(`${repoUrl}/git-upload-pack`, { method: "POST", headers: auth, body: "0000" })).status).toBe(
        415,
      )
      const malformed = await fetch(`${repoUrl}/git-receive-pack`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/x-git-receive-pack-request" },
        body: "zzzz",
      })
      expect(malformed.status).toBe(400)
      // No body at all (no Content-Length, no Transfer-Encoding): an empty command list, not a wait.
      const bodiless = await bodilessRequest(t.url, "POST", `${new URL(repoUrl).pathname}/git-receive-pack`, {
        ...auth,
        "content-type": "application/x-git-receive-pack-request",
      })
      expect(bodiless.statusLine).toBe("HTTP/1.1 400 Bad Request")
    })

    it("pushes and clones a repository of several megabytes", async () => {
      const big = await workingCopy(scratch.dir, "big", as(owner))
      const noise = Buffer.alloc(6 * 1024 * 1024)
      for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i)
      const id = await commitFiles(big, { "noise.bin": noise }, "Noise")
      expect((await gitCli(big, ["push", "origin", "master:refs/heads/big"])).code).toBe(0)
      const clone = await gitCli(scratch.dir, ["clone", "-q", "--branch", "big", as(reporter), "big-clone"])
      expect(clone.code).toBe(0)
      expect((await gitOk(`${scratch.dir}/big-clone`, ["rev-parse", "HEAD"])).trim()).toBe(id)
    })
  })
})
