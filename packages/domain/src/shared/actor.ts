import type { User } from "../users/model.ts"

/** Who is asking. Every use case takes one; the policy decides from it. */
export type Actor =
  | { readonly _tag: "Anonymous" }
  | {
      readonly _tag: "User"
      readonly user: User
      /** The admin who impersonates `user` through sudo, when there is one. */
      readonly sudoBy: User | undefined
    }

export const anonymous: Actor = { _tag: "Anonymous" }

export const userActor = (user: User, sudoBy?: User): Actor => ({ _tag: "User", user, sudoBy })

export const isAdmin = (actor: Actor): boolean => actor._tag === "User" && actor.user.admin

export const actorUser = (actor: Actor): User | undefined => (actor._tag === "User" ? actor.user : undefined)
