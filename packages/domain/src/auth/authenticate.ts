import { Effect } from "effect"
import { anonymous, userActor, type Actor } from "../shared/actor.ts"
import { Forbidden, NotFound, Unauthorized } from "../shared/errors.ts"
import { Credentials } from "../shared/ports.ts"
import { UserRepository } from "../users/repository.ts"

export interface Presented {
  /** The private token from the `private_token` parameter or the `PRIVATE-TOKEN` header. */
  readonly token?: string | undefined
  /** The `sudo` parameter or `Sudo` header: a username or a user id. */
  readonly sudo?: string | undefined
}

/**
 * Turns what the request presented into an Actor. No token is the anonymous actor (each use case
 * then decides); a token that matches nobody, or a blocked account, is 401. Sudo is for admins
 * only (403 otherwise) and names an existing user (404 otherwise).
 */
export const authenticate = Effect.fnUntraced(function* (presented: Presented) {
  if (presented.token === undefined || presented.token === "") {
    if (presented.sudo !== undefined && presented.sudo !== "") return yield* new Unauthorized()
    return anonymous as Actor
  }
  const users = yield* UserRepository
  const credentials = yield* Credentials
  const user = yield* users.findByTokenDigest(credentials.digestToken(presented.token))
  if (user === undefined || user.state !== "active") return yield* new Unauthorized()
  if (presented.sudo === undefined || presented.sudo === "") return userActor(user)
  if (!user.admin) return yield* new Forbidden()
  const target = yield* users.findByIdOrUsername(presented.sudo)
  if (target === undefined) return yield* new NotFound({ resource: "User" })
  return userActor(target, user)
})
