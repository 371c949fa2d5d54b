import { Effect } from "effect"
import { type Actor } from "../shared/actor.ts"
import { Forbidden, Unauthorized } from "../shared/errors.ts"
import type { User } from "./model.ts"

/** Who may do what to user accounts (GitLab 5.x: any user reads, only admins write). */
export const UserPolicy = {
  /** `then` for a signed-in actor, 401 otherwise (no step of its own: hot paths use it). */
  whenSignedIn: <A, E, R>(
    actor: Actor,
    then: (user: User) => Effect.Effect<A, E, R>,
  ): Effect.Effect<A, E | Unauthorized, R> =>
    actor._tag === "User" ? then(actor.user) : Effect.fail(new Unauthorized()),
  requireSignedIn: (actor: Actor): Effect.Effect<User, Unauthorized> => UserPolicy.whenSignedIn(actor, Effect.succeed),

  requireAdmin: (actor: Actor): Effect.Effect<User, Unauthorized | Forbidden> =>
    actor._tag !== "User"
      ? Effect.fail(new Unauthorized())
      : actor.user.admin
        ? Effect.succeed(actor.user)
        : Effect.fail(new Forbidden()),
}
