import { Clock, Effect } from "effect"
import type { ProjectDetails } from "../projects/model.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { isProjectAccessLevel } from "../shared/access.ts"
import type { Actor } from "../shared/actor.ts"
import { removeIfPresent } from "../shared/deletion.ts"
import { Conflict, Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import type { TeamProject } from "./model.ts"
import { findVisibleTeam, requireTeam } from "./policy.ts"
import { TeamRepository } from "./repository.ts"
import { grantProjectAccess } from "../members/grant.ts"
import { allPages } from "../shared/paging.ts"

const alreadyAssigned = () => new Conflict({ message: "409 Already exists" })

/** GET /user_teams/:id/projects */
export const listTeamProjects = Effect.fnUntraced(function* (actor: Actor, teamId: number, page: PageRequest) {
  const team = yield* findVisibleTeam(actor, teamId)
  return yield* (yield* TeamRepository).listProjects(team.id, page)
})

/** GET /user_teams/:id/projects/:project_id */
export const getTeamProject = Effect.fnUntraced(function* (actor: Actor, teamId: number, projectId: number) {
  const team = yield* findVisibleTeam(actor, teamId)
  const assigned = yield* (yield* TeamRepository).findProject(team.id, projectId)
  if (assigned === undefined) return yield* new NotFound({})
  return assigned
})

/** Assigns the project to the team and grants each team member access to it, at most at `cap`. */
const addAssignment = Effect.fnUntraced(function* (teamId: number, details: ProjectDetails, cap: number, now: Date) {
  const teams = yield* TeamRepository
  yield* teams
    .insertProject({ teamId, projectId: details.project.id, greatestAccessLevel: cap, createdAt: now })
    .pipe(Effect.catchTag("Conflict", () => Effect.fail(alreadyAssigned())))
  for (const member of yield* allPages((page) => teams.listMembers(teamId, page)))
    yield* grantProjectAccess(details, member.user, Math.min(member.accessLevel, cap), now)
})

/** Removes the assignment if there is one. */
const removeAssignment = Effect.fnUntraced(function* (teamId: number, projectId: number) {
  const teams = yield* TeamRepository
  return yield* removeIfPresent(teams.findProject(teamId, projectId), teams.removeProject(teamId, projectId))
})

/**
 * POST /user_teams/:id/projects: admins only. Every team member becomes a member of the project
 * at the lower of his team level and `greatest_access_level` (a higher level he had is kept).
 */
export const assignTeamProject = Effect.fnUntraced(function* (
  actor: Actor,
  teamId: number,
  input: { readonly projectId?: number | undefined; readonly greatestAccessLevel?: number | undefined },
) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(input, [
    ["projectId", "project_id"],
    ["greatestAccessLevel", "greatest_access_level"],
  ])
  if (!isProjectAccessLevel(input.greatestAccessLevel!))
    return yield* Invalid.field("greatest_access_level", "Wrong greatest_access_level")
  const team = yield* requireTeam(teamId)
  const teams = yield* TeamRepository
  if ((yield* teams.findProject(team.id, input.projectId!)) !== undefined) return yield* alreadyAssigned()
  const details = yield* (yield* ProjectRepository).findById(input.projectId!)
  if (details === undefined) return yield* new NotFound({})
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* (yield* Transactions).transact(addAssignment(team.id, details, input.greatestAccessLevel!, now))
  const assigned: TeamProject = {
    teamId: team.id,
    details,
    greatestAccessLevel: input.greatestAccessLevel!,
    createdAt: now,
    updatedAt: now,
  }
  return assigned
})

/**
 * DELETE /user_teams/:id/projects/:project_id: admins only, idempotent. The memberships the team
 * granted stay, as in GitLab 5.x (revoking them was left to implementers; a master removes them).
 */
export const unassignTeamProject = Effect.fnUntraced(function* (actor: Actor, teamId: number, projectId: number) {
  yield* UserPolicy.requireAdmin(actor)
  const team = yield* requireTeam(teamId)
  return yield* (yield* Transactions).transact(removeAssignment(team.id, projectId))
})
