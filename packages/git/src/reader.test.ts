import { execFileSync } from "node:child_process"
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect, Layer, ManagedRuntime } from "effect"
import { COMMIT_READ_BYTES, GitRepositories, RepositoryReader, type Blob } from "@labrador/domain"
import { repositoryReaderLayer } from "./reader.ts"
import { gitRepositoriesLayer } from "./storage.ts"

let root: string
let work: string
let runtime: ManagedRuntime.ManagedRuntime<RepositoryReader | GitRepositories, never>
const run = <A>(effect: Effect.Effect<A, unknown, RepositoryReader | GitRepositories>) =>
  runtime.runPromise(effect as Effect.Effect<A, never, RepositoryReader | GitRepositories>)
const reader = <A>(f: (r: RepositoryReader["Service"]) => Effect.Effect<A>) =>
  run(
    Effect.gen(function* () {
      return yield* f(yield* RepositoryReader)
    }),
  )
const storage = (f: (git: GitRepositories["Service"]) => Effect.Effect<unknown, unknown>) =>
  run(
    Effect.gen(function* () {
      yield* f(yield* GitRepositories)
    }),
  )

const sh = (cwd: string, ...args: Array<string>) =>
  execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_DATE: "2013-01-01T00:00:00+02:00",
      GIT_COMMITTER_DATE: "2013-01-01T00:00:00+02:00",
    },
  })
    .toString()
    .trim()

const bytesOf = async (blob: Blob | undefined): Promise<Buffer> => {
  if (blob === undefined) throw new Error("no blob")
  if (blob.content instanceof Uint8Array) return Buffer.from(blob.content)
  const chunks: Array<Uint8Array> = []
  for await (const chunk of blob.content()) chunks.push(chunk)
  return Buffer.concat(chunks)
}

const commitAll = async (files: Record<string, string | Buffer>, message: string) => {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(work, path, ".."), { recursive: true })
    await writeFile(join(work, path), content)
  }
  sh(work, "add", "-A")
  sh(work, "commit", "-q", "--allow-empty", "-m", message)
  return sh(work, "rev-parse", "HEAD")
}

const push = (...refspecs: Array<string>) => sh(work, "push", "-q", "--force", join(root, "ns/repo.git"), ...refspecs)

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "labrador-reader-"))
  work = await mkdtemp(join(tmpdir(), "labrador-reader-work-"))
  runtime = ManagedRuntime.make(Layer.mergeAll(repositoryReaderLayer(root), gitRepositoriesLayer(root)))
  await storage((git) => git.create("ns/repo"))
  sh(work, "init", "-q", "-b", "master")
})

afterAll(async () => {
  await runtime.dispose()
  await rm(root, { recursive: true, force: true })
  await rm(work, { recursive: true, force: true })
})

describe("RepositoryReader over a bare repository", () => {
  let first: string
  let second: string

  it("an empty repository has no branches, tags or commits", async () => {
    expect(await reader((r) => r.branches("ns/repo"))).toEqual([])
    expect(await reader((r) => r.tags("ns/repo"))).toEqual([])
    expect(await reader((r) => r.commit("ns/repo", "master"))).toBeUndefined()
  })

  it("sees what is pushed after its cat-file process started", async () => {
    first = await commitAll({ "a.txt": "one\n" }, "First\n\nbody")
    push("refs/heads/master")
    const commit = await reader((r) => r.commit("ns/repo", "master"))
    expect(commit).toMatchObject({
      id: first,
      parentIds: [],
      message: "First\n\nbody",
      author: { name: "T", email: "t@example.com" },
      authoredAt: { epochSeconds: 1356991200, offset: "+0200" },
    })
    second = await commitAll({ "a.txt": "two\n" }, "Second")
    push("refs/heads/master")
    expect((await reader((r) => r.commit("ns/repo", "master")))?.id).toBe(second)
    expect((await reader((r) => r.branches("ns/repo"))).map((b) => [b.name, b.commit.id])).toEqual([["master", second]])
    expect((await reader((r) => r.branch("ns/repo", "master")))?.commit.id).toBe(second)
    // Only a branch of that very name: revision expressions and other refs are no branch.
    for (const name of [
      "master~1",
      "master^",
      "master^{tree}",
      "HEAD",
      "nope",
      "a..b",
      "refs/heads/master",
      "master.lock",
      " master",
      "ma ster",
    ])
      expect(await reader((r) => r.branch("ns/repo", name))).toBeUndefined()
  })

  it("a branch wins over a tag of the same name; abbreviated ids and full ref names resolve", async () => {
    sh(work, "tag", "master", first)
    push("refs/tags/master")
    expect((await reader((r) => r.commit("ns/repo", "master")))?.id).toBe(second)
    expect((await reader((r) => r.commit("ns/repo", "refs/tags/master")))?.id).toBe(first)
    expect((await reader((r) => r.commit("ns/repo", first.slice(0, 7))))?.id).toBe(first)
    expect(await reader((r) => r.commit("ns/repo", "no-such"))).toBeUndefined()
    expect((await reader((r) => r.tags("ns/repo"))).map((t) => [t.name, t.commit.id])).toEqual([["master", first]])
  })

  it("log pages, commitsBetween counts and keeps the newest", async () => {
    const ids = [second]
    for (let i = 0; i < 5; i++) ids.push(await commitAll({ "n.txt": `${i}\n` }, `n${i}`))
    push("refs/heads/master")
    const tip = ids.at(-1)!
    expect((await reader((r) => r.log("ns/repo", tip, 0, 3))).map((c) => c.id)).toEqual(ids.toReversed().slice(0, 3))
    expect((await reader((r) => r.log("ns/repo", tip, 5, 3))).map((c) => c.id)).toEqual([second, first])
    // Past git's int: --skip=2^32 would wrap to 0 (the first page), 2^31 + 2 to a negative count.
    for (const skip of [2 ** 31, 2 ** 31 + 2, 2 ** 32, Number.MAX_SAFE_INTEGER])
      expect(await reader((r) => r.log("ns/repo", tip, skip, 3))).toEqual([])
    const between = await reader((r) => r.commitsBetween("ns/repo", tip, [second], 2))
    expect([between.total, between.newest.map((c) => c.id)]).toEqual([5, ids.toReversed().slice(0, 2)])
    expect(await reader((r) => r.mergeBase("ns/repo", first, tip))).toBe(first)
  })

  it("trees, files by path and blobs by id; a large blob streams", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, "x")
    const tip = await commitAll({ "dir/sub/f.txt": "deep\n", "big.bin": big, "with space.txt": "s\n" }, "Files")
    push("refs/heads/master")
    const top = await reader((r) => r.tree("ns/repo", tip, ""))
    expect(top?.map((e) => `${e.type}:${e.name}:${e.mode}`)).toEqual([
      "blob:a.txt:100644",
      "blob:big.bin:100644",
      "tree:dir:040000",
      "blob:n.txt:100644",
      "blob:with space.txt:100644",
    ])
    expect(await reader((r) => r.tree("ns/repo", tip, "dir/sub"))).toHaveLength(1)
    expect(await reader((r) => r.tree("ns/repo", tip, "a.txt"))).toBeUndefined()
    expect((await bytesOf(await reader((r) => r.blobAtPath("ns/repo", tip, "with space.txt")))).toString()).toBe("s\n")
    expect(await reader((r) => r.blobAtPath("ns/repo", tip, "dir"))).toBeUndefined()
    const large = await reader((r) => r.blobAtPath("ns/repo", tip, "big.bin"))
    expect(large?.content instanceof Uint8Array).toBe(false)
    expect((await bytesOf(large)).equals(big)).toBe(true)
    const id = top!.find((e) => e.name === "a.txt")!.id
    expect((await bytesOf(await reader((r) => r.blob("ns/repo", id.slice(0, 9))))).toString()).toBe("two\n")
    expect(await reader((r) => r.blob("ns/repo", top!.find((e) => e.name === "dir")!.id))).toBeUndefined()
  })

  it("diffs: modified, added, deleted and binary files, against the empty tree for a root", async () => {
    const before = sh(work, "rev-parse", "HEAD")
    await rm(join(work, "with space.txt"))
    const tip = await commitAll({ "a.txt": "three\n", "bin.dat": Buffer.from([0, 1, 2, 0]) }, "Change")
    push("refs/heads/master")
    const diffs = await reader((r) => r.diff("ns/repo", before, tip))
    expect(diffs?.map((d) => [d.newPath, d.newFile, d.deletedFile, d.aMode, d.bMode])).toEqual([
      ["a.txt", false, false, "100644", "100644"],
      ["bin.dat", true, false, null, "100644"],
      ["with space.txt", false, true, "100644", null],
    ])
    expect(diffs?.[0]?.diff).toBe("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-two\n+three\n")
    expect(diffs?.[1]?.diff).toBe("Binary files /dev/null and b/bin.dat differ\n")
    expect((await reader((r) => r.diff("ns/repo", null, first)))?.map((d) => d.newPath)).toEqual(["a.txt"])
  })

  it("authors newest first, and an archive produced as it is read", async () => {
    const tip = sh(work, "rev-parse", "HEAD")
    const authors = await reader((r) => r.authors("ns/repo", tip))
    expect(authors).toHaveLength(9)
    expect(authors[0]).toEqual({ name: "T", email: "t@example.com" })
    const chunks: Array<Uint8Array> = []
    for await (const chunk of (
      await reader((r) => Effect.succeed(r.archive("ns/repo", tip, "tar.gz", "repo-master")))
    )())
      chunks.push(chunk)
    const tar = gunzipSync(Buffer.concat(chunks))
    expect(tar.includes(Buffer.from("repo-master/a.txt"))).toBe(true)
  })

  it("a commit larger than COMMIT_READ_BYTES is read up to it: its message cut and marked; the reads around it stay whole", async () => {
    const file = join(work, "..", `message-${Date.now()}.txt`)
    await writeFile(file, `Big one\n\n${"x".repeat(3 * 1024 * 1024)}\n`)
    sh(work, "commit", "-q", "--allow-empty", "-F", file)
    const big = sh(work, "rev-parse", "HEAD")
    const small = await commitAll({}, "Small one")
    push("refs/heads/master")
    // In flight together on one cat-file process: what is dropped of the big one must not shift the others.
    const [log, alone, after] = await reader((r) =>
      Effect.all([r.log("ns/repo", small, 0, 2), r.commit("ns/repo", big), r.commit("ns/repo", small)], {
        concurrency: "unbounded",
      }),
    )
    expect(log.map((c) => [c.id, c.messageTruncated])).toEqual([
      [small, false],
      [big, true],
    ])
    expect(alone?.message.startsWith("Big one\n\nxxx")).toBe(true)
    expect(alone?.message.endsWith("x\n\n--commit message is too big")).toBe(true)
    expect(alone!.message.length).toBeLessThan(COMMIT_READ_BYTES)
    expect([after?.message, after?.messageTruncated]).toEqual(["Small one", false])
  })

  it("commitsOwnedBy: per tip, in one walk, the commits no other tip and no excluded commit reaches", async () => {
    const base = sh(work, "rev-parse", "HEAD")
    const tree = sh(work, "rev-parse", "HEAD^{tree}")
    const child = (parent: string, message: string) => sh(work, "commit-tree", "-p", parent, "-m", message, tree)
    const a1 = child(base, "a1")
    const a2 = child(a1, "a2")
    const b1 = child(base, "b1")
    push(`${a2}:refs/heads/a`, `${b1}:refs/heads/b`)
    // a1 is a tip and also under a2: neither owns it; b1 is named twice: nobody owns it.
    const owned = await reader((r) => r.commitsOwnedBy("ns/repo", [a2, b1, a1, b1], [base], 20))
    expect(owned.map((o) => [o.total, o.newest.map((c) => c.id)])).toEqual([
      [1, [a2]],
      [0, []],
      [0, []],
      [0, []],
    ])
    const alone = await reader((r) => r.commitsOwnedBy("ns/repo", [a2, b1], [base], 1))
    expect(alone.map((o) => [o.total, o.newest.map((c) => c.id)])).toEqual([
      [2, [a2]],
      [1, [b1]],
    ])
    expect(await reader((r) => r.commitsOwnedBy("ns/repo", [a2], [a2], 20))).toEqual([{ total: 0, newest: [] }])
  })

  it("a repository removed and created again at the same path is read afresh", async () => {
    const old = sh(work, "rev-parse", "HEAD")
    const blobId = sh(work, "rev-parse", "HEAD:a.txt")
    expect((await reader((r) => r.commit("ns/repo", old)))?.id).toBe(old)
    // Read twice: the second read comes from the blob cache, which must not outlive the repository.
    const blob = await reader((r) => r.blob("ns/repo", blobId))
    expect(await reader((r) => r.blob("ns/repo", blobId))).toEqual(blob)
    expect(blob?.id).toBe(blobId)
    await storage((git) => Effect.andThen(git.remove("ns/repo"), git.create("ns/repo")))
    expect(await reader((r) => r.commit("ns/repo", old))).toBeUndefined()
    expect(await reader((r) => r.branches("ns/repo"))).toEqual([])
    expect(await reader((r) => r.blob("ns/repo", blobId))).toBeUndefined()
  })
})
