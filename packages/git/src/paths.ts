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

const isSegment = (segment: string): boolean =>
  segment.length <= 255 && SEGMENT.test(segment) && !segment.includes("..") && !/\.(git|atom)$/.test(segment)

const isInside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child)
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)
}

/** The location of `namespace/path` under root, or undefined for any name that could leave root. */
export const locate = (root: string, fullPath: string): RepositoryLocation | undefined => {
  if (typeof fullPath !== "string" || fullPath.includes("\0") || fullPath.includes("\\") || isAbsolute(fullPath)) return undefined
  const segments = fullPath.split("/")
  const [namespace, path] = segments
  if (segments.length !== 2 || namespace === undefined || path === undefined || !isSegment(namespace) || !isSegment(path)) return undefined
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

/**
 * The repository's directory with its identity (device and inode): what tells a repository created
 * again at the same path from the one that was there. Checked like `repositoryDir`. Every object
 * read asks this, so it stats synchronously: a stat of a cached directory costs microseconds where
 * the thread-pool round trip of the async one cost a third of a blob read.
 */
export const repositoryIdentity = (root: string, fullPath: string): Effect.Effect<{ readonly dir: string; readonly identity: string }, Invalid> =>
  Effect.suspend(() => {
    const location = locate(root, fullPath)
    if (location === undefined) return Effect.fail(invalidPath())
    const namespace = lstatSync(location.namespaceDir, { throwIfNoEntry: false })
    const stat = lstatSync(location.dir, { throwIfNoEntry: false })
    if (namespace?.isSymbolicLink() || stat?.isSymbolicLink()) return Effect.fail(invalidPath())
    return Effect.succeed({ dir: location.dir, identity: stat === undefined ? "missing" : `${stat.dev}:${stat.ino}` })
  })
