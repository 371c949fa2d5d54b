import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { Forbidden, NotFound } from "../shared/errors.ts"
import { UserPolicy } from "../users/policy.ts"
import type { User } from "../users/model.ts"
import type { Group } from "./model.ts"
import { GroupRepository } from "./repository.ts"

/** What the actor holds on one group. */
export interface GroupAccess {
  readonly isAdmin: boolean
  /** The group's owner_id: 5.x's only way to "have" a group. */
  readonly isOwner: boolean
  /** The 6.x membership level; 0 for none. */
  readonly memberLevel: number
}

/**
 * Who may do what to a group: admins and the owner everything; members (6.x) see it and manage
 * its members, as the 6.x code let any member do.
 */
export const GroupPolicy = {
  canRead: (a: GroupAccess) => a.isAdmin || a.isOwner || a.memberLevel > 0,
  canManageMembers: (a: GroupAccess) => GroupPolicy.canRead(a),
  canRemove: (a: GroupAccess) => a.isAdmin || a.isOwner,

  /** Fails with 404 (existence is not leaked) when the actor may not see the group. */
  requireRead: (a: GroupAccess): Effect.Effect<void, NotFound> =>
    GroupPolicy.canRead(a) ? Effect.void : Effect.fail(new NotFound({})),
  require: (allowed: boolean): Effect.Effect<void, Forbidden> => (allowed ? Effect.void : Effect.fail(new Forbidden())),
}

export interface VisibleGroup {
  readonly group: Group
  readonly access: GroupAccess
}

/** The group `:id` names, with the actor's access; 404 when missing or invisible to him. */
export const findVisibleGroup = (actor: Actor, id: number) =>
  UserPolicy.whenSignedIn(actor, (user) => findGroupVisibleTo(user, id))

/** The same for a use case that has already checked the sign-in, so that it is checked once. */
export const findGroupVisibleTo = Effect.fnUntraced(function* (user: User, id: number) {
  const groups = yield* GroupRepository
  const group = yield* groups.findById(id)
  if (group === undefined) return yield* new NotFound({})
  const member = user.admin || group.ownerId === user.id ? undefined : yield* groups.findMember(group.id, user.id)
  const access: GroupAccess = {
    isAdmin: user.admin,
    isOwner: group.ownerId === user.id,
    memberLevel: member?.accessLevel ?? 0,
  }
  yield* GroupPolicy.requireRead(access)
  const visible: VisibleGroup = { group, access }
  return visible
})
