import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { requireAttributes } from "../shared/required.ts"
import { findCodeRepository } from "./access.ts"
import { refOrDefault, resolveCommit } from "./commits.ts"
import type { Archive, ArchiveFormat, Blob, TreeEntry } from "./model.ts"
import { RepositoryReader } from "./reader.ts"

/**
 * A path inside the tree as the client wrote it ("lib/sub", "/lib/sub/"): "" for the root,
 * undefined when no tree entry could have that path.
 */
export const treePath = (path: string | undefined): string | undefined => {
  const trimmed = (path ?? "").replace(/^\/+/, "").replace(/\/+$/, "")
  if (trimmed === "") return ""
  if (/[\0\n]/.test(trimmed)) return undefined
  return trimmed.split("/").every((part) => part !== "" && part !== "." && part !== "..") ? trimmed : undefined
}

const GROUP_ORDER: Record<TreeEntry["type"], number> = { tree: 0, blob: 1, submodule: 2 }

/** GET /projects/:id/repository/tree: directories first, then files, then submodules, each in git's order. */
export const getTree = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  input: { readonly refName?: string | undefined; readonly path?: string | undefined },
) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const commit = yield* resolveCommit(repo, refOrDefault(input.refName, details.project.defaultBranch))
  const path = treePath(input.path)
  const entries =
    commit === undefined || path === undefined
      ? undefined
      : yield* (yield* RepositoryReader).tree(repo, commit.id, path)
  if (entries === undefined) return yield* new NotFound({ resource: "Tree" })
  // toSorted is stable: git's order stays inside each group.
  return entries.toSorted((a, b) => GROUP_ORDER[a.type] - GROUP_ORDER[b.type])
})

/** GET /projects/:id/repository/blobs/:sha?filepath= (and commits/:sha/blob): the file at that commit. */
export const getFileAtRef = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  sha: string,
  filepath: string | undefined,
) {
  const { repo } = yield* findCodeRepository(actor, ref)
  yield* requireAttributes({ filepath }, ["filepath"])
  const commit = yield* resolveCommit(repo, sha)
  if (commit === undefined) return yield* new NotFound({ resource: "Commit" })
  const path = treePath(filepath)
  const blob =
    path === undefined || path === "" ? undefined : yield* (yield* RepositoryReader).blobAtPath(repo, commit.id, path)
  if (blob === undefined) return yield* new NotFound({ resource: "File" })
  return blob
})

const BLOB_ID = /^[0-9a-fA-F]{4,40}$/

/** GET /projects/:id/repository/raw_blobs/:sha: a blob by its object id (combinators: a hot path). */
export const getRawBlob = (actor: Actor, ref: string, sha: string) =>
  Effect.flatMap(findCodeRepository(actor, ref), ({ repo }) =>
    BLOB_ID.test(sha)
      ? Effect.flatMap(Effect.service(RepositoryReader), (reader) =>
          Effect.flatMap(reader.blob(repo, sha.toLowerCase()), foundBlob),
        )
      : foundBlob(undefined),
  )

const foundBlob = (blob: Blob | undefined) =>
  blob === undefined ? Effect.fail(new NotFound({ resource: "Blob" })) : Effect.succeed(blob)

/** What may appear in a download's file name; anything else becomes '-'. */
const fileNamePart = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, "-")

/** GET /projects/:id/repository/archive[.format]: the tree at `sha` (default branch tip by default) under `<path>-<ref>/`. */
export const getArchive = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  input: { readonly sha?: string | undefined; readonly format: ArchiveFormat },
) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const wanted = refOrDefault(input.sha, details.project.defaultBranch)
  const commit = yield* resolveCommit(repo, wanted)
  if (commit === undefined) return yield* new NotFound({})
  const name = `${details.project.path}-${fileNamePart(wanted)}`
  const archive: Archive = {
    fileName: `${name}.${input.format}`,
    format: input.format,
    content: (yield* RepositoryReader).archive(repo, commit.id, input.format, name),
  }
  return archive
})
