import { resolve } from "node:path"
import { createGzip } from "node:zlib"
import { Effect, Layer } from "effect"
import {
  COMMIT_READ_BYTES,
  Invalid,
  RepositoryReader,
  type ArchiveFormat,
  type Blob,
  type Commit,
  type Person,
  type RefHead,
} from "@labrador/domain"
import { CatFilePool, type CatFileProcess, type ObjectInfo } from "./cat-file.ts"
import { git, runGit, spawnGit, type GitCommand, type GitRunOptions } from "./command.ts"
import { parseCommit, parseDiff, parseTree } from "./objects.ts"
import { repositoryDir, repositoryIdentity, type RepositoryIdentity } from "./paths.ts"

/** Blobs up to this size are answered from memory; larger ones stream from their own process. */
const INLINE_BLOB_BYTES = 1024 * 1024
/** The id of the empty tree: what a root commit is compared against. */
const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
/** A diff bigger than this, or slower than DIFF_TIMEOUT_MS, is not answered (compare_timeout). */
const MAX_DIFF_BYTES = 32 * 1024 * 1024
const DIFF_TIMEOUT_MS = 30_000
/** The largest count git's int options hold (--skip). */
const GIT_INT_MAX = 2 ** 31 - 1

const HEX40 = /^[0-9a-f]{40}$/
const ABBREVIATED = /^[0-9a-fA-F]{4,39}$/

/**
 * git's rules for a ref name (check-ref-format), so that a branch name is only ever read as a ref:
 * "master~1" or "a..b" would otherwise be taken as revision expressions by cat-file.
 */
const isRefName = (name: string): boolean =>
  name !== "" &&
  name !== "@" &&
  // oxlint-disable-next-line no-control-regex -- git refuses control characters in ref names; so do we
  !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^\/|\/$|\.$|(^|\/)\.|\.lock($|\/)/.test(name)

/** The names a client's ref may stand for, in the order they win: branch, tag, abbreviated id. */
const candidates = (ref: string): ReadonlyArray<string> => {
  if (HEX40.test(ref)) return [ref]
  const names = [`refs/heads/${ref}`, `refs/tags/${ref}`]
  if (ABBREVIATED.test(ref)) names.push(ref.toLowerCase())
  if (ref.startsWith("refs/")) names.push(ref)
  return names
}

/**
 * What `cat-file info` said of names that always mean the same object (a full object id, or a full
 * commit id with a path): a repeated read of a blob then takes one request to cat-file, not two.
 * Whether the object is in a given repository is still asked each time, by reading it.
 */
class ObjectInfoCache {
  private readonly entries = new Map<string, ObjectInfo>()
  private readonly capacity: number

  constructor(capacity: number) {
    this.capacity = capacity
  }

  static isImmutable(name: string): boolean {
    return /^[0-9a-f]{40}(:|$)/.test(name)
  }

  get(name: string): ObjectInfo | undefined {
    return this.entries.get(name)
  }

  set(name: string, info: ObjectInfo): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(name, info)
  }
}

/**
 * Small blobs read by an immutable name (a full object id, or a full commit id with a path), kept
 * in memory: the same name in the same repository always means the same bytes, so a popular file
 * costs git one read. Bounded in bytes, oldest first out (reordering on every hit cost more than
 * the misses it saves).
 */
class BlobCache {
  /** By repository (its identity key), then by name: the long repository key is hashed once. */
  private readonly repositories = new Map<string, Map<string, Blob>>()
  /** Insertion order, for eviction. */
  private readonly order: Array<readonly [string, string]> = []
  private bytes = 0
  private readonly maxBytes: number
  private readonly maxBlobBytes: number

  constructor(maxBytes: number, maxBlobBytes: number) {
    this.maxBytes = maxBytes
    this.maxBlobBytes = maxBlobBytes
  }

  get(repository: string, name: string): Blob | undefined {
    return this.repositories.get(repository)?.get(name)
  }

  set(repository: string, name: string, blob: Blob): void {
    if (!(blob.content instanceof Uint8Array) || blob.size > this.maxBlobBytes) return
    let blobs = this.repositories.get(repository)
    if (blobs === undefined) this.repositories.set(repository, (blobs = new Map()))
    if (blobs.has(name)) return
    blobs.set(name, blob)
    this.order.push([repository, name])
    this.bytes += blob.size
    while (this.bytes > this.maxBytes && this.order.length > 0) {
      const [oldestRepository, oldestName] = this.order.shift()!
      const oldest = this.repositories.get(oldestRepository)
      const evicted = oldest?.get(oldestName)
      if (evicted === undefined) continue
      oldest!.delete(oldestName)
      if (oldest!.size === 0) this.repositories.delete(oldestRepository)
      this.bytes -= evicted.size
    }
  }
}

/** A commit reachable from more than one tip: no tip owns it. */
const SHARED = -1

/**
 * Which tip owns each walked commit (`rev-list --parents` lines, every commit before its parents):
 * the index of the one tip it is reachable from, or SHARED. A commit the walk left out (reachable
 * from the excluded side) is not walked further, so it is owned by nobody.
 */
export const commitOwners = (tips: ReadonlyArray<string>, walked: ReadonlyArray<string>): Map<string, number> => {
  const owners = new Map<string, number>()
  const claim = (id: string, owner: number) => {
    const current = owners.get(id)
    owners.set(id, current === undefined || current === owner ? owner : SHARED)
  }
  tips.forEach((tip, index) => claim(tip, index))
  for (const line of walked) {
    const [id = "", ...parents] = line.split(" ")
    const owner = owners.get(id)
    if (owner !== undefined) for (const parent of parents) claim(parent, owner)
  }
  return owners
}

const lines = (output: Buffer): Array<string> =>
  output
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")

/** `RepositoryReader` over the bare repositories under `root`, objects read by long-lived cat-file processes. */
export const repositoryReaderLayer = (repositoriesRoot: string) => {
  // Resolved once: every read keys its caches by it.
  const root = resolve(repositoriesRoot)
  return Layer.effect(
    RepositoryReader,
    Effect.gen(function* () {
      const pool = yield* Effect.acquireRelease(
        Effect.sync(() => new CatFilePool()),
        (processes) => Effect.sync(() => processes.closeAll()),
      )
      const dirOf = (repo: string) => Effect.orDie(repositoryDir(root, repo))
      // Keyed by the directory's inode as well: a repository removed and created again at the same
      // path must not be read through a process that still holds the old one's packs.
      /** The repository's identity; a path that names no repository here is a defect by now (the domain checked it). */
      const withIdentity = <A>(
        repo: string,
        use: (identity: RepositoryIdentity) => Effect.Effect<A>,
      ): Effect.Effect<A> =>
        Effect.suspend(() => {
          const identity = repositoryIdentity(root, repo)
          return identity instanceof Invalid ? Effect.die(identity) : use(identity)
        })
      const batch = (repo: string) =>
        withIdentity(repo, ({ dir, identity }) => Effect.succeed(pool.processFor(dir, identity)))
      const run = (repo: string, command: GitCommand, options: Omit<GitRunOptions, "gitDir"> = {}) =>
        Effect.flatMap(dirOf(repo), (gitDir) => Effect.orDie(runGit(command, { ...options, gitDir })))

      // Only the head of a commit is kept (COMMIT_READ_BYTES): a huge message is dropped as git writes it.
      const readCommit = (cat: CatFileProcess, name: string) =>
        Effect.promise(() => cat.contents(`${name}^{commit}`, COMMIT_READ_BYTES)).pipe(
          Effect.map((object) =>
            object === undefined ? undefined : parseCommit(object.id, object.content, object.size),
          ),
        )

      const readCommits = (cat: CatFileProcess, ids: ReadonlyArray<string>) =>
        Effect.forEach(ids, (id) => readCommit(cat, id), { concurrency: "unbounded" }).pipe(
          Effect.map((commits) => commits.filter((c): c is Commit => c !== undefined)),
        )

      /** for-each-ref under `prefix`, each ref peeled to its commit (refs to other objects are left out). */
      const refHeads = Effect.fnUntraced(function* (repo: string, prefix: "refs/heads/" | "refs/tags/") {
        const listed = lines(
          (yield* run(repo, git("for-each-ref", "--sort=refname", "--format=%(objectname) %(refname)").values(prefix)))
            .stdout,
        )
        const cat = yield* batch(repo)
        const heads = yield* Effect.forEach(
          listed,
          (line) => {
            const space = line.indexOf(" ")
            const name = line.slice(space + 1 + prefix.length)
            return Effect.map(
              readCommit(cat, line.slice(0, space)),
              (commit): RefHead | undefined => commit && { name, commit },
            )
          },
          { concurrency: "unbounded" },
        )
        return heads.filter((head): head is RefHead => head !== undefined)
      })

      const revList = (repo: string, include: string, exclude: ReadonlyArray<string>) =>
        run(repo, git("rev-list", "--stdin"), {
          input: [include, ...exclude.map((id) => `^${id}`)].join("\n") + "\n",
        }).pipe(Effect.map((out) => lines(out.stdout)))

      const infos = new ObjectInfoCache(10_000)
      const infoOf = (cat: CatFileProcess, name: string) =>
        Effect.promise(async () => {
          const cached = infos.get(name)
          if (cached !== undefined) return cached
          const info = await cat.info(name)
          if (info !== undefined && ObjectInfoCache.isImmutable(name)) infos.set(name, info)
          return info
        })

      const blobOf = Effect.fnUntraced(function* (repo: string, cat: CatFileProcess, info: ObjectInfo | undefined) {
        if (info === undefined || info.type !== "blob") return undefined
        if (info.size > INLINE_BLOB_BYTES) {
          const gitDir = yield* dirOf(repo)
          const blob: Blob = {
            id: info.id,
            size: info.size,
            content: () => streamGit(git("cat-file", "blob").values(info.id), gitDir),
          }
          return blob
        }
        const object = yield* Effect.promise(() => cat.contents(info.id))
        if (object === undefined) return undefined
        const blob: Blob = { id: object.id, size: object.size, content: object.content }
        return blob
      })

      // Keyed by the repository's identity too: a repository made again at the same path starts afresh.
      const blobs = new BlobCache(8 * 1024 * 1024, 64 * 1024)
      const readBlob = Effect.fnUntraced(function* (
        repo: string,
        name: string,
        located: RepositoryIdentity,
        immutable: boolean,
      ) {
        const cat = pool.processFor(located.dir, located.identity)
        const blob = yield* blobOf(repo, cat, yield* infoOf(cat, name))
        if (immutable && blob !== undefined) blobs.set(located.key, name, blob)
        return blob
      })
      // A cached blob is answered without a generator step: this is the hot path of raw blobs.
      const blobByName = (repo: string, name: string) =>
        withIdentity(repo, (identity) => {
          const immutable = ObjectInfoCache.isImmutable(name)
          const cached = immutable ? blobs.get(identity.key, name) : undefined
          return cached !== undefined ? Effect.succeed(cached) : readBlob(repo, name, identity, immutable)
        })

      return RepositoryReader.of({
        branches: (repo) => refHeads(repo, "refs/heads/"),
        branch: Effect.fnUntraced(function* (repo: string, name: string) {
          if (!isRefName(name)) return undefined
          const commit = yield* readCommit(yield* batch(repo), `refs/heads/${name}`)
          return commit === undefined ? undefined : ({ name, commit } satisfies RefHead)
        }),
        tags: (repo) => refHeads(repo, "refs/tags/"),
        commit: Effect.fnUntraced(function* (repo: string, ref: string) {
          const cat = yield* batch(repo)
          for (const name of candidates(ref)) {
            const commit = yield* readCommit(cat, name)
            if (commit !== undefined) return commit
          }
          return undefined
        }),
        log: Effect.fnUntraced(function* (repo: string, commitId: string, skip: number, limit: number) {
          // git reads --skip into an int, where a larger count wraps (2^32 is 0: the first page);
          // no history holds that many commits, so what lies past it is nothing.
          if (skip > GIT_INT_MAX) return []
          const ids = lines(
            (yield* run(
              repo,
              git("rev-list")
                .with("--skip", String(skip))
                .with("--max-count", String(limit))
                .values(commitId)
                .options("--"),
            )).stdout,
          )
          return yield* readCommits(yield* batch(repo), ids)
        }),
        commitsBetween: Effect.fnUntraced(function* (
          repo: string,
          include: string,
          exclude: ReadonlyArray<string>,
          limit: number,
        ) {
          const ids = yield* revList(repo, include, exclude)
          return { total: ids.length, newest: yield* readCommits(yield* batch(repo), ids.slice(0, limit)) }
        }),
        commitsOwnedBy: Effect.fnUntraced(function* (
          repo: string,
          tips: ReadonlyArray<string>,
          exclude: ReadonlyArray<string>,
          limit: number,
        ) {
          if (tips.length === 0) return []
          // One walk of everything new to the tips, parents included; --date-order shows every commit
          // before its parents, so a commit's owner is settled when it comes up.
          const input = [...new Set(tips)].join("\n") + "\n" + exclude.map((id) => `^${id}\n`).join("")
          const walked = lines(
            (yield* run(repo, git("rev-list", "--parents", "--date-order", "--stdin"), {
              input,
              maxOutputBytes: 256 * 1024 * 1024,
            })).stdout,
          )
          const owners = commitOwners(tips, walked)
          const owned = tips.map((): Array<string> => [])
          for (const line of walked) {
            const id = line.slice(0, 40)
            const owner = owners.get(id)
            if (owner !== undefined && owner !== SHARED) owned[owner]!.push(id)
          }
          const cat = yield* batch(repo)
          return yield* Effect.forEach(owned, (ids) =>
            Effect.map(readCommits(cat, ids.slice(0, limit)), (newest) => ({ total: ids.length, newest })),
          )
        }),
        mergeBase: (repo, a, b) =>
          Effect.flatMap(dirOf(repo), (gitDir) =>
            runGit(git("merge-base").values(a, b), { gitDir }).pipe(
              Effect.map((out) => out.stdout.toString().trim() || undefined),
              // Exit 1 with no output: the two histories share no commit.
              Effect.catchTag("GitError", (error) =>
                error.reason === "Exit" && error.exitCode === 1 ? Effect.succeed(undefined) : Effect.die(error),
              ),
            ),
          ),
        diff: (repo, fromCommitId, toCommitId) =>
          Effect.flatMap(dirOf(repo), (gitDir) =>
            runGit(
              git(
                "diff-tree",
                "-r",
                "--no-renames",
                "--raw",
                "-z",
                "-p",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
              ).values(fromCommitId ?? EMPTY_TREE, toCommitId),
              {
                gitDir,
                maxOutputBytes: MAX_DIFF_BYTES,
                timeoutMs: DIFF_TIMEOUT_MS,
              },
            ).pipe(
              Effect.map((out) => parseDiff(out.stdout)),
              Effect.catchTag("GitError", (error) =>
                error.reason === "OutputTooLarge" || error.reason === "Timeout"
                  ? Effect.succeed(undefined)
                  : Effect.die(error),
              ),
            ),
          ),
        tree: Effect.fnUntraced(function* (repo: string, commitId: string, path: string) {
          const cat = yield* batch(repo)
          const object = yield* Effect.promise(() =>
            cat.contents(path === "" ? `${commitId}^{tree}` : `${commitId}:${path}`),
          )
          return object === undefined || object.type !== "tree" ? undefined : parseTree(object.content)
        }),
        blobAtPath: (repo, commitId, path) => blobByName(repo, `${commitId}:${path}`),
        blob: (repo, blobId) => blobByName(repo, blobId),
        authors: (repo, commitId) =>
          run(repo, git("log", "--no-mailmap", "--format=%an%x00%ae").values(commitId).options("--"), {
            maxOutputBytes: 256 * 1024 * 1024,
          }).pipe(
            Effect.map((out) =>
              lines(out.stdout).map((line): Person => {
                const nul = line.indexOf("\0")
                return { name: line.slice(0, nul), email: line.slice(nul + 1) }
              }),
            ),
          ),
        archive: (repo, commitId, format, prefix) => () => archiveStream(root, repo, commitId, format, prefix),
      })
    }),
  )
}

/** What a git process writes on stdout, chunk by chunk; the process dies with the iteration. */
async function* streamGit(
  command: GitCommand,
  gitDir: string,
  transform?: NodeJS.ReadWriteStream,
): AsyncGenerator<Uint8Array> {
  const process = spawnGit(command, { gitDir })
  process.stdin.end()
  try {
    const output = transform === undefined ? process.stdout : process.stdout.pipe(transform)
    for await (const chunk of output) yield chunk as Uint8Array
    const code = await process.exited
    if (code !== 0) throw new Error(`git ${command.args[0]} exited with ${code}: ${process.stderr().trim()}`)
  } finally {
    process.kill()
  }
}

async function* archiveStream(
  root: string,
  repo: string,
  commitId: string,
  format: ArchiveFormat,
  prefix: string,
): AsyncGenerator<Uint8Array> {
  const gitDir = await Effect.runPromise(repositoryDir(root, repo))
  const command = (format === "zip" ? git("archive", "--format=zip") : git("archive", "--format=tar"))
    .with("--prefix", `${prefix}/`)
    .values(commitId)
  yield* streamGit(command, gitDir, format === "tar.gz" ? createGzip() : undefined)
}
