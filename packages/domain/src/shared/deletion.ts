/**
 * What an idempotent DELETE did. v3 answers 200 either way; the distinction lets the HTTP layer
 * show the removed record the first time and lets later API versions answer differently.
 */
export type Deletion<A> = { readonly _tag: "Removed"; readonly value: A } | { readonly _tag: "AlreadyAbsent" }

export const removed = <A>(value: A): Deletion<A> => ({ _tag: "Removed", value })
export const alreadyAbsent: Deletion<never> = { _tag: "AlreadyAbsent" }
