import { Context, type Effect } from "effect"
import type { Invalid } from "../shared/errors.ts"

/**
 * Port: the bare git repositories on disk, one per project, addressed by the project's
 * `namespace/path` (without `.git`). The adapter refuses any name that could leave its root.
 */
export class GitRepositories extends Context.Service<
  GitRepositories,
  {
    /** Creates an empty bare repository; fails if one is already there. */
    create(fullPath: string): Effect.Effect<void, Invalid>
    /** Removes it; nothing to remove is success. */
    remove(fullPath: string): Effect.Effect<void, Invalid>
    /**
     * Renames it to the trash folder `trash` beside it, at once (the bulk is deleted later, by
     * `emptyTrash`); nothing to move is success.
     */
    trash(fullPath: string, trash: string): Effect.Effect<void, Invalid>
    /** Puts a trashed repository back, when it is in the trash and nothing took its place. */
    restore(fullPath: string, trash: string): Effect.Effect<void, Invalid>
    /** Deletes the trash folder; none is success. */
    emptyTrash(fullPath: string, trash: string): Effect.Effect<void, Invalid>
    /** Renames or transfers it (namespace change); the target must not exist. */
    move(from: string, to: string): Effect.Effect<void, Invalid>
    exists(fullPath: string): Effect.Effect<boolean, Invalid>
    /** Creates refs/tags/<name> at a commit; false when that tag already exists. */
    createTag(fullPath: string, name: string, commitId: string): Effect.Effect<boolean, Invalid>
    /** Points HEAD (what a clone checks out) at a branch. */
    setHead(fullPath: string, branch: string): Effect.Effect<void, Invalid>
  }
>()("@labrador/domain/repositories/GitRepositories") {}
