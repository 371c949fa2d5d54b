import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { membershipSystemEvent } from "../projects/events.ts"
import { findVisibleProject } from "../projects/find-visible.ts"
import type { ProjectDetails } from "../projects/model.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import { isProjectAccessLevel } from "../shared/access.ts"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Outbox, Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import type { User } from "../users/model.ts"
import { UserRepository } from "../users/repository.ts"
import type { ProjectMember } from "./model.ts"
import { grantProjectAccess } from "./grant.ts"
import { MembershipRepository } from "./repository.ts"

const badLevel = () => Invalid.field("access_level", "is not included in the list")

/** Grants the user access to the project at that level. */
const addMembership = Effect.fnUntraced(function* (
  details: ProjectDetails,
  user: User,
  accessLevel: number,
  now: Date,
) {
  yield* grantProjectAccess(details, user, accessLevel, now)
  const member: ProjectMember = { projectId: details.project.id, user, accessLevel, createdAt: now }
  return member
})

/** Removes the membership, if there is one, with its 'left' event and system hook event. */
const removeMembership = Effect.fnUntraced(function* (details: ProjectDetails, userId: number, now: Date) {
  const members = yield* MembershipRepository
  const member = yield* members.find(details.project.id, userId)
  if (member === undefined) return alreadyAbsent as Deletion<ProjectMember>
  yield* members.remove(details.project.id, userId)
  yield* (yield* EventRepository).record([
    { projectId: details.project.id, actionName: "left", authorId: userId, createdAt: now },
  ])
  yield* (yield* Outbox).record([
    membershipSystemEvent("user_remove_from_team", details, member.user, member.accessLevel, now),
  ])
  return removed(member) as Deletion<ProjectMember>
})

/** GET /projects/:id/members */
export const listMembers = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  query: string | undefined,
  page: PageRequest,
) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* (yield* MembershipRepository).list(details.project.id, query, page)
})

/** GET /projects/:id/members/:user_id */
export const getMember = Effect.fnUntraced(function* (actor: Actor, ref: string, userId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  const member = yield* (yield* MembershipRepository).find(details.project.id, userId)
  if (member === undefined) return yield* new NotFound({})
  return member
})

/** POST /projects/:id/members: an existing member comes back unchanged with 201. */
export const addMember = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  input: { readonly userId?: number | undefined; readonly accessLevel?: number | undefined },
) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  yield* requireAttributes(input, [
    ["userId", "user_id"],
    ["accessLevel", "access_level"],
  ])
  const members = yield* MembershipRepository
  const existing = yield* members.find(details.project.id, input.userId!)
  if (existing !== undefined) return existing
  if (!isProjectAccessLevel(input.accessLevel!)) return yield* badLevel()
  const user = yield* (yield* UserRepository).findById(input.userId!)
  if (user === undefined) return yield* new NotFound({ resource: "User" })
  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* Transactions).transact(addMembership(details, user, input.accessLevel!, now))
})

/** PUT /projects/:id/members/:user_id */
export const updateMember = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  userId: number,
  input: { readonly accessLevel?: number | undefined },
) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  yield* requireAttributes(input, [["accessLevel", "access_level"]])
  const members = yield* MembershipRepository
  const member = yield* members.find(details.project.id, userId)
  if (member === undefined) return yield* new NotFound({ resource: "User can not be found" })
  if (!isProjectAccessLevel(input.accessLevel!)) return yield* badLevel()
  yield* members.updateLevel(details.project.id, userId, input.accessLevel!)
  const updated: ProjectMember = { ...member, accessLevel: input.accessLevel! }
  return updated
})

/** DELETE /projects/:id/members/:user_id: idempotent. */
export const removeMember = Effect.fnUntraced(function* (actor: Actor, ref: string, userId: number) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* Transactions).transact(removeMembership(details, userId, now))
})
