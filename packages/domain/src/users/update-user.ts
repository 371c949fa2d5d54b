import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { Credentials } from "../shared/ports.ts"
import { isBlank } from "../shared/required.ts"
import type { User, UserAttributes } from "./model.ts"
import { UserPolicy } from "./policy.ts"
import { UserRepository } from "./repository.ts"
import { validateUserAttributes } from "./rules.ts"
import { ensureUnique } from "./uniqueness.ts"
import { personalNamespaceMoves, renamePersonalNamespace } from "../namespaces/rename.ts"
import type { RepositoryChange } from "../repositories/intents.ts"
import { withRepositoryChanges } from "../repositories/journal.ts"

/** Applies the changes; a new username renames the personal namespace with it (`moves` its repositories). */
const applyChanges = Effect.fnUntraced(function* (
  id: number,
  current: User,
  attributes: Omit<UserAttributes, "password">,
  passwordHash: string | undefined,
  moves: ReadonlyArray<RepositoryChange>,
) {
  yield* ensureUnique({ email: attributes.email, username: attributes.username }, id)
  const updated = yield* (yield* UserRepository).update(
    id,
    attributes,
    passwordHash === undefined ? {} : { passwordHash },
  )
  if (updated.username !== current.username) yield* renamePersonalNamespace(id, updated.username, moves)
  return updated
})

/** PUT /users/:id: an admin edits an account. Blank strings are ignored, `false` is applied. */
export const updateUser = Effect.fnUntraced(function* (actor: Actor, id: number, input: UserAttributes) {
  yield* UserPolicy.requireAdmin(actor)
  const users = yield* UserRepository
  const current = yield* users.findById(id)
  if (current === undefined) return yield* new NotFound({ resource: "User" })

  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => !isBlank(value))) as UserAttributes
  const invalid = validateUserAttributes(changes)
  if (invalid) return yield* invalid

  const { password, ...attributes } = changes
  const passwordHash = password === undefined ? undefined : yield* (yield* Credentials).hashPassword(password)
  const renamed = attributes.username !== undefined && attributes.username !== current.username
  const moves = renamed ? yield* personalNamespaceMoves(id, current.username, attributes.username!) : []
  return yield* withRepositoryChanges(moves, applyChanges(id, current, attributes, passwordHash, moves))
})
