import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Credentials } from "../shared/ports.ts"
import type { User, UserLogin } from "./model.ts"
import { UserPolicy } from "./policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { UserRepository, type UserFilter } from "./repository.ts"

export const listUsers = Effect.fnUntraced(function* (actor: Actor, filter: UserFilter, page: PageRequest) {
  yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* UserRepository).list(filter, page)
})

export const getUser = Effect.fnUntraced(function* (actor: Actor, id: number) {
  yield* UserPolicy.requireSignedIn(actor)
  const user = yield* (yield* UserRepository).findById(id)
  if (user === undefined) return yield* new NotFound({ resource: "User" })
  return user
})

/** The caller himself, with the token he can use (the same one POST /session hands out). */
export const currentUser = Effect.fnUntraced(function* (actor: Actor) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* loginOf(user)
})

/** The UserLogin view of an account already loaded: the token is opened from its sealed copy. */
export const loginOf = Effect.fnUntraced(function* (user: User) {
  const credentials = yield* Credentials
  const sealed = yield* (yield* UserRepository).sealedToken(user.id)
  if (sealed === undefined) return yield* new NotFound({ resource: "User" })
  const owned = yield* (yield* ProjectRepository).countPersonal(user.id)
  const login: UserLogin = {
    user,
    privateToken: credentials.openToken(sealed),
    canCreateProject: owned < user.projectsLimit,
  }
  return login
})
