import { Context, type Effect } from "effect"

/**
 * A change to the repositories on disk that goes with a change of rows: a directory cannot join a
 * database transaction, so the change is written down first (an intent) and a server that died
 * half-way finds it at start-up and settles it (`reconcile.ts`).
 */
export type RepositoryChange =
  | { readonly kind: "create"; readonly path: string }
  | { readonly kind: "remove"; readonly projectId: number; readonly path: string }
  | { readonly kind: "move"; readonly projectId: number; readonly from: string; readonly to: string }

/** A recorded change; `trash` names the folder a removed repository waits in until it is deleted. */
export type RepositoryIntent = RepositoryChange & { readonly id: number; readonly trash: string }

/** Port: the journal of repository changes under way. */
export class RepositoryIntents extends Context.Service<
  RepositoryIntents,
  {
    /** Writes the changes down durably, in a transaction of their own: call it outside any transaction. */
    record(changes: ReadonlyArray<RepositoryChange>): Effect.Effect<ReadonlyArray<RepositoryIntent>>
    /**
     * In the caller's transaction: locks the intents until it ends (a reconciler on another server
     * waits for it); false when one is gone (settled by someone else first).
     */
    hold(ids: ReadonlyArray<number>): Effect.Effect<boolean>
    forget(ids: ReadonlyArray<number>): Effect.Effect<void>
    /** Every intent written down, oldest first. */
    pending(): Effect.Effect<ReadonlyArray<RepositoryIntent>>
  }
>()("@labrador/domain/repositories/RepositoryIntents") {}
