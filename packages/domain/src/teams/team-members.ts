import { Clock, Effect } from "effect"
import { isProjectAccessLevel } from "../shared/access.ts"
import type { Actor } from "../shared/actor.ts"
import { removeIfPresent } from "../shared/deletion.ts"
import { Conflict, Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import type { User } from "../users/model.ts"
import { UserRepository } from "../users/repository.ts"
import type { TeamMember } from "./model.ts"
import { findVisibleTeam, requireTeam } from "./policy.ts"
import { TeamRepository } from "./repository.ts"
import { grantProjectAccess } from "../members/grant.ts"
import { allPages } from "../shared/paging.ts"

const alreadyMember = () => new Conflict({ message: "409 Already exists" })

/** GET /user_teams/:id/members */
export const listTeamMembers = Effect.fnUntraced(function* (actor: Actor, teamId: number, page: PageRequest) {
  const team = yield* findVisibleTeam(actor, teamId)
  return yield* (yield* TeamRepository).listMembers(team.id, page)
})

/** GET /user_teams/:id/members/:user_id */
export const getTeamMember = Effect.fnUntraced(function* (actor: Actor, teamId: number, userId: number) {
  const team = yield* findVisibleTeam(actor, teamId)
  const member = yield* (yield* TeamRepository).findMember(team.id, userId)
  if (member === undefined) return yield* new NotFound({})
  return member
})

/** Adds the member to the team and grants him access to each of its projects. */
const addMembership = Effect.fnUntraced(function* (teamId: number, user: User, level: number, now: Date) {
  const teams = yield* TeamRepository
  yield* teams
    .insertMember({ teamId, userId: user.id, accessLevel: level, createdAt: now })
    .pipe(Effect.catchTag("Conflict", () => Effect.fail(alreadyMember())))
  // A member joining a team that has projects becomes a member of each of them.
  for (const assigned of yield* allPages((page) => teams.listProjects(teamId, page)))
    yield* grantProjectAccess(assigned.details, user, Math.min(level, assigned.greatestAccessLevel), now)
})

/** Removes the membership if there is one. */
const removeMembership = Effect.fnUntraced(function* (teamId: number, userId: number) {
  const teams = yield* TeamRepository
  return yield* removeIfPresent(teams.findMember(teamId, userId), teams.removeMember(teamId, userId))
})

/**
 * POST /user_teams/:id/members: admins only. The member at once reaches the team's projects (the
 * access sources read team rows directly).
 */
export const addTeamMember = Effect.fnUntraced(function* (
  actor: Actor,
  teamId: number,
  input: { readonly userId?: number | undefined; readonly accessLevel?: number | undefined },
) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(input, [
    ["userId", "user_id"],
    ["accessLevel", "access_level"],
  ])
  if (!isProjectAccessLevel(input.accessLevel!)) return yield* Invalid.field("access_level", "Wrong access level")
  const team = yield* requireTeam(teamId)
  const teams = yield* TeamRepository
  if ((yield* teams.findMember(team.id, input.userId!)) !== undefined) return yield* alreadyMember()
  const user = yield* (yield* UserRepository).findById(input.userId!)
  if (user === undefined) return yield* new NotFound({})
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* (yield* Transactions).transact(addMembership(team.id, user, input.accessLevel!, now))
  const member: TeamMember = {
    teamId: team.id,
    user,
    accessLevel: input.accessLevel!,
    groupAdmin: false,
    createdAt: now,
    updatedAt: now,
  }
  return member
})

/**
 * DELETE /user_teams/:id/members/:user_id: admins only, idempotent. The project memberships the
 * team granted him stay, as in GitLab 5.x.
 */
export const removeTeamMember = Effect.fnUntraced(function* (actor: Actor, teamId: number, userId: number) {
  yield* UserPolicy.requireAdmin(actor)
  const team = yield* requireTeam(teamId)
  return yield* (yield* Transactions).transact(removeMembership(team.id, userId))
})
