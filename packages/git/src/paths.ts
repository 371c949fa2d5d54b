import { lstatSync } from "node:fs"
import { lstat } from "node:fs/promises"
import { isAbsolute, relative, resolve } from "node:path"
import { Effect } from "effect"
import { Invalid } from "@labrador/domain"

/** Where a project's bare repository lives: `<root>/<namespace>/<path>.git`. */
export interface RepositoryLocation {
  readonly namespaceDir: string
  readonly dir: string
}

// GitLab's path rule; starting with a letter, digit or '_' also keeps our own dot-files
// (the `.deleted-*` trash) out of reach of any project name.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/

// A directory name fits NAME_MAX (255 bytes; segments are ASCII): the project's with its `.git`.
const NAME_MAX = 255

const isSegment = (segment: string, suffix: string): boolean =>
  segment.length + suffix.length <= NAME_MAX &&
  SEGMENT.test(segment) &&
  !segment.includes("..") &&
  !/\.(git|atom)$/.test(segment)

const isInside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child)
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)
}

/** The location of `namespace/path` under root, or undefined for any name that could leave root. */
export const locate = (root: string, fullPath: string): RepositoryLocation | undefined => {
  if (typeof fullPath !== "string" || fullPath.includes("\0") || fullPath.includes("\\") || isAbsolute(fullPath))
    return undefined
  const segments = fullPath.split("/")
  const [namespace, path] = segments
  if (
    segments.length !== 2 ||
    namespace === undefined ||
    path === undefined ||
    !isSegment(namespace, "") ||
    !isSegment(path, ".git")
  )
    return undefined
  const base = resolve(root)
  const namespaceDir = resolve(base, namespace)
  const dir = resolve(namespaceDir, `${path}.git`)
  // Last guard, whatever the rules above let through: the result stays inside root.
  return isInside(base, namespaceDir) && isInside(namespaceDir, dir) ? { namespaceDir, dir } : undefined
}

export const invalidPath = (): Invalid => Invalid.field("path", "is invalid")

const isSymlink = (path: string) =>
  Effect.promise(() =>
    lstat(path).then(
      (stat) => stat.isSymbolicLink(),
      (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? false : Promise.reject(error)),
    ),
  )

/** Validated name, and no symlink on the way: a link under root could point anywhere. */
export const safeLocation = Effect.fnUntraced(function* (root: string, fullPath: string) {
  const location = locate(root, fullPath)
  if (location === undefined) return yield* invalidPath()
  if ((yield* isSymlink(location.namespaceDir)) || (yield* isSymlink(location.dir))) return yield* invalidPath()
  return location
})

/** The repository's directory (for smart HTTP and reads), checked like every storage operation. */
export const repositoryDir = (root: string, fullPath: string): Effect.Effect<string, Invalid> =>
  safeLocation(root, fullPath).pipe(Effect.map((location) => location.dir))

/** How long a repository's identity is trusted without a new stat (other servers' changes). */
const IDENTITY_TTL_MS = 1000

/** What tells a repository apart from one made again at the same path; `key` names it in caches. */
export interface RepositoryIdentity {
  readonly dir: string
  readonly identity: string
  /** `identity` and `dir` in one string, made once (hashed once as a Map key, not per request). */
  readonly key: string
}

interface Known extends RepositoryIdentity {
  until: number
}

/**
 * Per root (resolved once by its callers), per `namespace/path`: the identity known, and how many
 * times this process created, moved or removed the repository.
 */
const roots = new Map<string, { readonly known: Map<string, Known>; readonly changes: Map<string, number> }>()

const rootOf = (root: string) => {
  let found = roots.get(root)
  if (found === undefined) roots.set(root, (found = { known: new Map(), changes: new Map() }))
  return found
}

/** Storage calls this after it creates, moves or removes a repository: its next identity is a new one. */
export const repositoryChanged = (root: string, fullPath: string): void => {
  const { known, changes } = rootOf(root)
  known.delete(fullPath)
  changes.set(fullPath, (changes.get(fullPath) ?? 0) + 1)
}

/**
 * The repository's directory with its identity: what tells a repository created again at the same
 * path from the one that was there (device, inode, change time, and this process's own changes, as a
 * new directory may get the inode of the old one). Checked like `repositoryDir`. Every object read
 * asks this: it stats synchronously (the thread-pool round trip of an async stat cost a third of a
 * blob read) and trusts the answer for a second; an unchanged answer keeps the same object. A
 * plain function, not an effect: the cached answer costs the hot path of raw blobs no step.
 */
export const repositoryIdentity = (root: string, fullPath: string): RepositoryIdentity | Invalid => {
  const { known, changes } = rootOf(root)
  const now = Date.now()
  const entry = known.get(fullPath)
  if (entry !== undefined && entry.until > now) return entry
  const location = locate(root, fullPath)
  if (location === undefined) return invalidPath()
  const namespace = lstatSync(location.namespaceDir, { throwIfNoEntry: false })
  const stat = lstatSync(location.dir, { throwIfNoEntry: false })
  if (namespace?.isSymbolicLink() || stat?.isSymbolicLink()) return invalidPath()
  if (stat === undefined) return { dir: location.dir, identity: "missing", key: `missing\0${location.dir}` }
  const identity = `${changes.get(fullPath) ?? 0}:${stat.dev}:${stat.ino}:${stat.ctimeMs}`
  if (entry !== undefined && entry.identity === identity && entry.dir === location.dir) {
    entry.until = now + IDENTITY_TTL_MS
    return entry
  }
  const found: Known = {
    dir: location.dir,
    identity,
    key: `${identity}\0${location.dir}`,
    until: now + IDENTITY_TTL_MS,
  }
  if (known.size >= 10_000) known.clear()
  known.set(fullPath, found)
  return found
}
