import { randomUUID } from "node:crypto"
import { lstat, mkdir, rename, rm, rmdir } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Effect, Layer } from "effect"
import { GitRepositories, Invalid, ZERO_ID } from "@labrador/domain"
import { git, runGit } from "./command.ts"
import { invalidPath, repositoryChanged, safeLocation, type RepositoryLocation } from "./paths.ts"

const code = (error: unknown) => (error as NodeJS.ErrnoException).code

// The domain checks uniqueness in the database first: a directory already there is a
// leftover or a race, and it is never overwritten.
const alreadyExists = () => Invalid.field("path", "already exists on disk")
const missing = () => Invalid.field("path", "does not exist on disk")

/** Makes the repository directory, empty; false when something is already there. */
const claim = (location: RepositoryLocation) =>
  Effect.promise(async () => {
    for (let attempt = 1; ; attempt++) {
      await mkdir(location.namespaceDir, { recursive: true })
      try {
        await mkdir(location.dir)
        return true
      } catch (error) {
        if (code(error) === "EEXIST") return false
        // A concurrent remove took the (then empty) namespace directory away: make it again.
        if (code(error) !== "ENOENT" || attempt === 3) throw error
      }
    }
  })

const isDirectory = (path: string) =>
  Effect.promise(() =>
    lstat(path).then(
      (stat) => stat.isDirectory(),
      (error) => (code(error) === "ENOENT" ? false : Promise.reject(error)),
    ),
  )

/** A namespace directory goes with its last repository. */
const removeIfEmpty = (dir: string) =>
  Effect.promise(() =>
    rmdir(dir).catch((error) =>
      ["ENOENT", "ENOTEMPTY", "EEXIST"].includes(code(error) ?? "") ? undefined : Promise.reject(error),
    ),
  )

/** An empty bare repository at the location, unless something is there already. */
const initialize = Effect.fnUntraced(function* (location: RepositoryLocation) {
  if (!(yield* claim(location))) return yield* alreadyExists()
  yield* runGit(git("init", "--bare", "--quiet", "--initial-branch=master").values(location.dir)).pipe(
    Effect.orDie,
    Effect.onError(() => Effect.promise(() => rm(location.dir, { recursive: true, force: true }))),
  )
})

/** Renames onto the empty directory just claimed; on failure the claim is given back. */
const moveOnto = (from: string, to: string) =>
  Effect.promise(async () => {
    try {
      await rename(from, to)
    } catch (error) {
      await rmdir(to).catch(() => undefined)
      throw error
    }
  })

const renameIfThere = (from: string, to: string) =>
  Effect.promise(() =>
    rename(from, to).then(
      () => true,
      (error) => (code(error) === "ENOENT" ? false : Promise.reject(error)),
    ),
  )

// The trash folder's name is the journal's (a UUID): checked, so that it too stays a plain name.
const TRASH = /^[A-Za-z0-9-]{1,64}$/

const trashDir = (location: RepositoryLocation, trash: string) =>
  TRASH.test(trash) ? Effect.succeed(join(location.namespaceDir, `.deleted-${trash}`)) : Effect.fail(invalidPath())

/** Reads trust a repository's identity for a while: not past a change this process made to it. */
const changing = <A, E, R>(change: Effect.Effect<A, E, R>, base: string, fullPaths: ReadonlyArray<string>) =>
  Effect.ensuring(
    change,
    Effect.sync(() => fullPaths.forEach((fullPath) => repositoryChanged(base, fullPath))),
  )

export interface StorageOptions {
  /**
   * Called as each change to a directory is made (`create`, `trash`, `move`, `emptyTrash`, …) and
   * when it is done (`…:done`): the crash tests stop the process there.
   */
  readonly checkpoint?: (point: string) => void
}

/** `GitRepositories` over bare repositories at `<root>/<namespace>/<path>.git`. */
export const gitRepositoriesLayer = (root: string, options: StorageOptions = {}) => {
  const base = resolve(root)
  const checkpoint = options.checkpoint
  const at = <A, E, R>(point: string, change: Effect.Effect<A, E, R>) =>
    checkpoint === undefined
      ? change
      : Effect.sync(() => checkpoint(point)).pipe(
          Effect.andThen(change),
          Effect.tap(() => Effect.sync(() => checkpoint(`${point}:done`))),
        )
  return Layer.succeed(
    GitRepositories,
    GitRepositories.of({
      create: Effect.fnUntraced(
        function* (fullPath: string) {
          const location = yield* safeLocation(base, fullPath)
          yield* at("create", initialize(location))
        },
        (effect, fullPath) => changing(effect, base, [fullPath]),
      ),
      remove: Effect.fnUntraced(
        function* (fullPath: string) {
          const location = yield* safeLocation(base, fullPath)
          // Renamed away first, so the repository vanishes at once rather than file by file.
          const trash = join(location.namespaceDir, `.deleted-${randomUUID()}`)
          if (yield* renameIfThere(location.dir, trash))
            yield* Effect.promise(() => rm(trash, { recursive: true, force: true }))
          yield* removeIfEmpty(location.namespaceDir)
        },
        (effect, fullPath) => changing(effect, base, [fullPath]),
      ),
      trash: Effect.fnUntraced(
        function* (fullPath: string, trash: string) {
          const location = yield* safeLocation(base, fullPath)
          const dir = yield* trashDir(location, trash)
          yield* at("trash", renameIfThere(location.dir, dir))
        },
        (effect, fullPath) => changing(effect, base, [fullPath]),
      ),
      restore: Effect.fnUntraced(
        function* (fullPath: string, trash: string) {
          const location = yield* safeLocation(base, fullPath)
          const dir = yield* trashDir(location, trash)
          // Claimed first, as for a move: a repository made at the path meanwhile is never replaced.
          if (!(yield* isDirectory(dir)) || !(yield* claim(location))) return
          yield* at("restore", moveOnto(dir, location.dir))
        },
        (effect, fullPath) => changing(effect, base, [fullPath]),
      ),
      emptyTrash: Effect.fnUntraced(function* (fullPath: string, trash: string) {
        const location = yield* safeLocation(base, fullPath)
        const dir = yield* trashDir(location, trash)
        yield* at(
          "emptyTrash",
          Effect.promise(() => rm(dir, { recursive: true, force: true })),
        )
        yield* removeIfEmpty(location.namespaceDir)
      }),
      move: Effect.fnUntraced(
        function* (from: string, to: string) {
          const source = yield* safeLocation(base, from)
          const target = yield* safeLocation(base, to)
          if (!(yield* isDirectory(source.dir))) return yield* missing()
          // Claiming the target with mkdir makes "must not exist" atomic; rename then replaces that empty dir.
          if (!(yield* claim(target))) return yield* alreadyExists()
          yield* at("move", moveOnto(source.dir, target.dir))
          yield* removeIfEmpty(source.namespaceDir)
        },
        (effect, from, to) => changing(effect, base, [from, to]),
      ),
      exists: Effect.fnUntraced(function* (fullPath: string) {
        const location = yield* safeLocation(base, fullPath)
        return yield* isDirectory(location.dir)
      }),
      setHead: Effect.fnUntraced(function* (fullPath: string, branch: string) {
        const location = yield* safeLocation(base, fullPath)
        yield* runGit(git("symbolic-ref", "HEAD").values(`refs/heads/${branch}`), { gitDir: location.dir }).pipe(
          Effect.orDie,
        )
      }),
      createTag: Effect.fnUntraced(function* (fullPath: string, name: string, commitId: string) {
        const location = yield* safeLocation(base, fullPath)
        // The all-zero old value makes the creation atomic: git refuses when the tag exists.
        return yield* runGit(git("update-ref").values(`refs/tags/${name}`, commitId, ZERO_ID), {
          gitDir: location.dir,
        }).pipe(
          Effect.as(true),
          Effect.catchTag("GitError", (error) =>
            error.reason === "Exit" && error.stderr.includes("cannot lock ref")
              ? Effect.succeed(false)
              : Effect.die(error),
          ),
        )
      }),
    }),
  )
}
