import { Context, Effect } from "effect"
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
export const authenticate = (
  presented: Presented,
): Effect.Effect<Actor, Unauthorized | Forbidden | NotFound, UserRepository | Credentials> => {
  const token = presented.token
  const sudo = presented.sudo === "" ? undefined : presented.sudo
  if (token === undefined || token === "")
    return sudo !== undefined ? Effect.fail(new Unauthorized()) : Effect.succeed(anonymous)
  // Combinators rather than a generator, both services read in one step: this runs on every request.
  return Effect.contextWith((services: Context.Context<UserRepository | Credentials>) => {
    const users = Context.get(services, UserRepository)
    return Effect.flatMap(
      users.findByTokenDigest(Context.get(services, Credentials).digestToken(token)),
      (user): Effect.Effect<Actor, Unauthorized | Forbidden | NotFound> => {
        if (user === undefined || user.state !== "active") return Effect.fail(new Unauthorized())
        if (sudo === undefined) return Effect.succeed(userActor(user))
        if (!user.admin) return Effect.fail(new Forbidden())
        return Effect.flatMap(users.findByIdOrUsername(sudo), (target) =>
          target === undefined
            ? Effect.fail(new NotFound({ resource: "User" }))
            : Effect.succeed(userActor(target, user)),
        )
      },
    )
  })
}
