import { Context, type Effect } from "effect"
import type { ArchiveFormat, Blob, Commit, FileDiff, Person, RefHead, TreeEntry } from "./model.ts"

/**
 * Port: reading a project's repository, addressed like `GitRepositories` by `namespace/path`.
 * Whatever does not exist (a ref, an object, a path) is `undefined`, never an error: the use
 * cases decide which 404 it is.
 */
export class RepositoryReader extends Context.Service<
  RepositoryReader,
  {
    /** refs/heads/*, by name in byte order. */
    branches(repo: string): Effect.Effect<ReadonlyArray<RefHead>>
    /** refs/heads/<name>: `undefined` when there is no such branch (or the name is not a ref name). */
    branch(repo: string, name: string): Effect.Effect<RefHead | undefined>
    /** refs/tags/*, peeled to their commits, by name in byte order. */
    tags(repo: string): Effect.Effect<ReadonlyArray<RefHead>>
    /** A branch, tag or full or abbreviated commit id, peeled to a commit; a branch wins over a tag of the same name. */
    commit(repo: string, ref: string): Effect.Effect<Commit | undefined>
    /** `git log <commitId>`: newest first, `skip` commits left out, at most `limit`. */
    log(repo: string, commitId: string, skip: number, limit: number): Effect.Effect<ReadonlyArray<Commit>>
    /**
     * Commits reachable from `include` and from none of `exclude` (`git rev-list include --not exclude…`):
     * how many there are, and the newest `limit` of them, newest first.
     */
    commitsBetween(
      repo: string,
      include: string,
      exclude: ReadonlyArray<string>,
      limit: number,
    ): Effect.Effect<{ readonly total: number; readonly newest: ReadonlyArray<Commit> }>
    /**
     * For each of `tips`, in one walk of the history: the commits reachable from it and from no other
     * tip nor any of `exclude` (what `commitsBetween(tip, [...exclude, ...other tips])` gives), how
     * many there are and the newest `limit`. A push creating many branches costs one git call.
     */
    commitsOwnedBy(
      repo: string,
      tips: ReadonlyArray<string>,
      exclude: ReadonlyArray<string>,
      limit: number,
    ): Effect.Effect<ReadonlyArray<{ readonly total: number; readonly newest: ReadonlyArray<Commit> }>>
    /** The best common ancestor of two commits, if they have one. */
    mergeBase(repo: string, a: string, b: string): Effect.Effect<string | undefined>
    /**
     * File by file changes from `fromCommitId` (the empty tree when null) to `toCommitId`, in path
     * order; `undefined` when the diff is too large to answer in time.
     */
    diff(
      repo: string,
      fromCommitId: string | null,
      toCommitId: string,
    ): Effect.Effect<ReadonlyArray<FileDiff> | undefined>
    /** Entries of the directory at `path` ("" for the root) in that commit; `undefined` when it is no directory. */
    tree(repo: string, commitId: string, path: string): Effect.Effect<ReadonlyArray<TreeEntry> | undefined>
    /** The file at `path` in that commit; `undefined` when there is no file there. */
    blobAtPath(repo: string, commitId: string, path: string): Effect.Effect<Blob | undefined>
    /** A blob by its (full or abbreviated) id; `undefined` when no blob has that id. */
    blob(repo: string, blobId: string): Effect.Effect<Blob | undefined>
    /** The authors of the history of a commit, newest commit first (one entry per commit). */
    authors(repo: string, commitId: string): Effect.Effect<ReadonlyArray<Person>>
    /** `git archive` of that commit's tree, every entry under `prefix/`, produced while it is read. */
    archive(repo: string, commitId: string, format: ArchiveFormat, prefix: string): () => AsyncIterable<Uint8Array>
  }
>()("@labrador/domain/repositories/RepositoryReader") {}
