import { Effect } from "effect"
import { type Actor } from "../shared/actor.ts"
import { Forbidden, Unauthorized } from "../shared/errors.ts"
import type { User } from "./model.ts"

/** Who may do what to user accounts (GitLab 5.x: any user reads, only admins write). */
export const UserPolicy = {
  requireSignedIn: (actor: Actor): Effect.Effect<User, Unauthorized> =>
    actor._tag === "User" ? Effect.succeed(actor.user) : Effect.fail(new Unauthorized()),
  /** `then` for a signed-in actor, 401 otherwise: the same rule with no step of its own (hot paths). */
  whenSignedIn: <A, E, R>(actor: Actor, then: (user: User) => Effect.Effect<A, E, R>): Effect.Effect<A, E | Unauthorized, R> =>
    actor._tag === "User" ? then(actor.user) : Effect.fail(new Unauthorized()),

  requireAdmin: (actor: Actor): Effect.Effect<User, Unauthorized | Forbidden> =>
    actor._tag !== "User" ? Effect.fail(new Unauthorized()) : actor.user.admin ? Effect.succeed(actor.user) : Effect.fail(new Forbidden()),
}
