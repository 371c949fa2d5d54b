import { Effect } from "effect"
import { Transactions } from "../shared/ports.ts"
import { RepositoryIntents, type RepositoryChange, type RepositoryIntent } from "./intents.ts"
import { GitRepositories } from "./port.ts"

const apply = (git: GitRepositories["Service"], intent: RepositoryIntent) => {
  switch (intent.kind) {
    case "create":
      return git.create(intent.path)
    case "remove":
      return git.trash(intent.path, intent.trash)
    case "move":
      return git.move(intent.from, intent.to)
  }
}

const undo = (git: GitRepositories["Service"], intent: RepositoryIntent) => {
  switch (intent.kind) {
    case "create":
      return git.remove(intent.path)
    case "remove":
      return git.restore(intent.path, intent.trash)
    case "move":
      return git.move(intent.to, intent.from)
  }
}

/** Inside the transaction: holds the intents, changes the rows, then the directories (recording each one applied). */
const applyHeld = Effect.fnUntraced(function* <A, E, R>(
  journal: RepositoryIntents["Service"],
  git: GitRepositories["Service"],
  intents: ReadonlyArray<RepositoryIntent>,
  applied: Array<RepositoryIntent>,
  rows: Effect.Effect<A, E, R>,
) {
  if (!(yield* journal.hold(intents.map((intent) => intent.id))))
    return yield* Effect.die(new Error("a reconciler settled this repository change first"))
  const value = yield* rows
  for (const intent of intents) {
    yield* apply(git, intent)
    applied.push(intent)
  }
  yield* journal.forget(intents.filter((intent) => intent.kind !== "remove").map((intent) => intent.id))
  return value
})

/**
 * Runs `rows` in one transaction with the repository changes that go with it, so that a crash at
 * any point leaves a state the start-up reconciler settles: the changes are written down first;
 * the directories change inside the transaction, after the rows (a refusal on disk rolls them
 * back); a create's or move's intent is forgotten in that transaction, so one still there means
 * it never committed. A removed repository waits in its trash folder until the commit, then is
 * deleted, and its intent forgotten last.
 */
export const withRepositoryChanges = Effect.fnUntraced(function* <A, E, R>(
  changes: ReadonlyArray<RepositoryChange>,
  rows: Effect.Effect<A, E, R>,
) {
  if (changes.length === 0) return yield* (yield* Transactions).transact(rows)
  const journal = yield* RepositoryIntents
  const git = yield* GitRepositories
  const intents = yield* journal.record(changes)
  const applied: Array<RepositoryIntent> = []
  const result = yield* (yield* Transactions).transact(applyHeld(journal, git, intents, applied, rows)).pipe(
    // Undone before forgotten: a crash in between leaves the intents to the reconciler.
    Effect.onError(() =>
      Effect.ignoreCause(
        Effect.andThen(
          Effect.forEach(applied.toReversed(), (intent) => undo(git, intent), { discard: true }),
          journal.forget(intents.map((intent) => intent.id)),
        ),
      ),
    ),
  )
  const removals = intents.filter((intent) => intent.kind === "remove")
  // Committed: what is left is clean-up, which the reconciler finishes if this does not.
  yield* Effect.ignoreCause(
    Effect.andThen(
      Effect.forEach(removals, (intent) => git.emptyTrash(intent.path, intent.trash), { discard: true }),
      journal.forget(removals.map((intent) => intent.id)),
    ),
  )
  return result
})

/**
 * Inside the transaction: the projects whose repository changes were written down before it are
 * still the ones there (a project added meanwhile would keep its directory where it was). A rare
 * race, answered 500 with nothing changed.
 */
export const sameProjects = (changes: ReadonlyArray<RepositoryChange>, projectIds: ReadonlyArray<number>) => {
  const sorted = (ids: ReadonlyArray<number>) => ids.toSorted((a, b) => a - b).join(",")
  const journaled = changes.flatMap((change) => (change.kind === "create" ? [] : [change.projectId]))
  return sorted(journaled) === sorted(projectIds)
    ? Effect.void
    : Effect.die(new Error("the projects changed while their repositories were being changed"))
}
