import { Effect } from "effect"

/**
 * What an idempotent DELETE did. v3 answers 200 either way; the distinction lets the HTTP layer
 * show the removed record the first time and lets later API versions answer differently.
 */
export type Deletion<A> = { readonly _tag: "Removed"; readonly value: A } | { readonly _tag: "AlreadyAbsent" }

export const removed = <A>(value: A): Deletion<A> => ({ _tag: "Removed", value })
export const alreadyAbsent: Deletion<never> = { _tag: "AlreadyAbsent" }

/** An idempotent DELETE's unit of work: removes what `find` finds, or says it was already gone. */
export const removeIfPresent = <A, E1, R1, E2, R2>(
  find: Effect.Effect<A | undefined, E1, R1>,
  remove: Effect.Effect<unknown, E2, R2>,
): Effect.Effect<Deletion<A>, E1 | E2, R1 | R2> =>
  Effect.flatMap(find, (found) =>
    found === undefined ? Effect.succeed(alreadyAbsent) : Effect.as(remove, removed(found)),
  )
