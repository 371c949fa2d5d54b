import { Clock, Effect } from "effect"
import { NamespaceRepository } from "../namespaces/repository.ts"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Outbox } from "../shared/ports.ts"
import { userEvent } from "./events.ts"
import { ownedProjectRemovals, removeOwnedProjects } from "../namespaces/rename.ts"
import type { RepositoryChange } from "../repositories/intents.ts"
import { withRepositoryChanges } from "../repositories/journal.ts"
import type { User } from "./model.ts"
import { UserPolicy } from "./policy.ts"
import { UserRepository } from "./repository.ts"

/** Removes the account with its projects and personal namespace, if it is still there. */
const removeUser = Effect.fnUntraced(function* (id: number, removals: ReadonlyArray<RepositoryChange>, now: Date) {
  const users = yield* UserRepository
  const user = yield* users.findById(id)
  if (user === undefined) return alreadyAbsent as Deletion<User>
  yield* removeOwnedProjects(id, removals)
  yield* (yield* NamespaceRepository).removePersonal(id)
  yield* users.remove(id)
  yield* (yield* Outbox).record([userEvent("user_destroy", user, now)])
  return removed(user) as Deletion<User>
})

/** DELETE /users/:id: idempotent; the account's keys and personal namespace go with it. */
export const deleteUser = Effect.fnUntraced(function* (actor: Actor, id: number) {
  yield* UserPolicy.requireAdmin(actor)
  const now = new Date(yield* Clock.currentTimeMillis)
  const removals = yield* ownedProjectRemovals(id)
  return yield* withRepositoryChanges(removals, removeUser(id, removals, now))
})
