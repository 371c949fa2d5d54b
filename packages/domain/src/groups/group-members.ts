import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { removeIfPresent } from "../shared/deletion.ts"
import { Conflict, Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import { UserRepository } from "../users/repository.ts"
import { isGroupAccessLevel, type GroupMember } from "./model.ts"
import { findGroupVisibleTo, findVisibleGroup, GroupPolicy } from "./policy.ts"
import { GroupRepository } from "./repository.ts"

const alreadyMember = () => new Conflict({ message: "409 Already exists" })

/** Removes the membership if there is one. */
const removeMembership = Effect.fnUntraced(function* (groupId: number, userId: number) {
  const groups = yield* GroupRepository
  return yield* removeIfPresent(groups.findMember(groupId, userId), groups.removeMember(groupId, userId))
})

/** GET /groups/:id/members */
export const listGroupMembers = Effect.fnUntraced(function* (actor: Actor, groupId: number, page: PageRequest) {
  const { group } = yield* findVisibleGroup(actor, groupId)
  return yield* (yield* GroupRepository).listMembers(group.id, page)
})

/** POST /groups/:id/members: attributes first, then the group, then the membership, then the user. */
export const addGroupMember = Effect.fnUntraced(function* (
  actor: Actor,
  groupId: number,
  input: { readonly userId?: number | undefined; readonly accessLevel?: number | undefined },
) {
  const caller = yield* UserPolicy.requireSignedIn(actor)
  yield* requireAttributes(input, [
    ["userId", "user_id"],
    ["accessLevel", "access_level"],
  ])
  if (!isGroupAccessLevel(input.accessLevel!)) return yield* Invalid.field("access_level", "Wrong access level")
  const { group, access } = yield* findGroupVisibleTo(caller, groupId)
  yield* GroupPolicy.require(GroupPolicy.canManageMembers(access))
  const groups = yield* GroupRepository
  if ((yield* groups.findMember(group.id, input.userId!)) !== undefined) return yield* alreadyMember()
  const user = yield* (yield* UserRepository).findById(input.userId!)
  if (user === undefined) return yield* new NotFound({})
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* groups
    .insertMember({ groupId: group.id, userId: user.id, accessLevel: input.accessLevel!, createdAt: now })
    .pipe(Effect.catchTag("Conflict", () => Effect.fail(alreadyMember())))
  const member: GroupMember = {
    groupId: group.id,
    user,
    accessLevel: input.accessLevel!,
    createdAt: now,
    updatedAt: now,
  }
  return member
})

/** DELETE /groups/:id/members/:user_id: idempotent; anyone who may manage members may remove one. */
export const removeGroupMember = Effect.fnUntraced(function* (actor: Actor, groupId: number, userId: number) {
  const { group, access } = yield* findVisibleGroup(actor, groupId)
  yield* GroupPolicy.require(GroupPolicy.canManageMembers(access))
  return yield* (yield* Transactions).transact(removeMembership(group.id, userId))
})
