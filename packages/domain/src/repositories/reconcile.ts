import { Effect, Exit } from "effect"
import { fullPath } from "../projects/model.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { Transactions } from "../shared/ports.ts"
import { RepositoryIntents, type RepositoryIntent } from "./intents.ts"
import { GitRepositories } from "./port.ts"

const splitPath = (path: string): [string, string] => {
  const slash = path.indexOf("/")
  return [path.slice(0, slash), path.slice(slash + 1)]
}

/** Where the project's row says its repository is, if the row is there. */
const rowPath = Effect.fnUntraced(function* (projectId: number) {
  const details = yield* (yield* ProjectRepository).findById(projectId)
  return details === undefined ? undefined : fullPath(details)
})

/**
 * One intent left by a server that stopped half-way (`journal.ts`): a create or a move still
 * written down never committed and is rolled back; a removal is finished when its row is gone and
 * rolled back when it is still there.
 */
const settle = Effect.fnUntraced(function* (intent: RepositoryIntent) {
  const git = yield* GitRepositories
  switch (intent.kind) {
    case "create": {
      // Its row never committed; a directory no row names is nobody's.
      const [namespace, path] = splitPath(intent.path)
      if ((yield* (yield* ProjectRepository).findByFullPath(namespace, path)) === undefined)
        yield* git.remove(intent.path)
      return
    }
    case "remove":
      if ((yield* rowPath(intent.projectId)) === intent.path) yield* git.restore(intent.path, intent.trash)
      else yield* git.emptyTrash(intent.path, intent.trash)
      return
    case "move":
      if (
        (yield* rowPath(intent.projectId)) === intent.from &&
        !(yield* git.exists(intent.from)) &&
        (yield* git.exists(intent.to))
      )
        yield* git.move(intent.to, intent.from)
      return
  }
})

/** Inside its own transaction: settles one intent if no other server holds it; true when settled. */
const settleHeld = Effect.fnUntraced(function* (journal: RepositoryIntents["Service"], intent: RepositoryIntent) {
  if (!(yield* journal.hold([intent.id]))) return false
  yield* settle(intent)
  yield* journal.forget([intent.id])
  return true
})

/**
 * At start-up: settles the repository changes that servers left half-done, so that every
 * project's row and its repository directory agree again. Each in its own transaction, holding
 * the intent: one another server is still working on is waited for, and is gone by then. One that
 * cannot be settled now stays for the next start. Returns how many were settled and left.
 */
export const reconcileRepositories = Effect.fnUntraced(function* () {
  const journal = yield* RepositoryIntents
  const transactions = yield* Transactions
  let settled = 0
  let left = 0
  for (const intent of yield* journal.pending()) {
    const exit = yield* Effect.exit(transactions.transact(settleHeld(journal, intent)))
    if (Exit.isFailure(exit)) left++
    else if (exit.value) settled++
  }
  return { settled, left }
})
