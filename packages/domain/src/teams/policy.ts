import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { UserPolicy } from "../users/policy.ts"
import type { Team } from "./model.ts"
import { TeamRepository } from "./repository.ts"

/**
 * Who may do what to a team (5.x): admins everything; members read the team, its members and its
 * projects. Owning a team without being in it gives nothing. Every change is admin-only
 * (UserPolicy.requireAdmin, before any lookup).
 */
export const TeamPolicy = {
  canRead: (a: { readonly isAdmin: boolean; readonly isMember: boolean }) => a.isAdmin || a.isMember,
}

/** The team `:id` names, when the actor may read it; 404 when missing or invisible to him. */
export const findVisibleTeam = Effect.fnUntraced(function* (actor: Actor, id: number) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  const teams = yield* TeamRepository
  const team = yield* teams.findById(id)
  if (team === undefined) return yield* new NotFound({})
  const isMember = !user.admin && (yield* teams.findMember(team.id, user.id)) !== undefined
  if (!TeamPolicy.canRead({ isAdmin: user.admin, isMember })) return yield* new NotFound({})
  return team as Team
})

/** A team by id for the admin-only routes, which check the caller first; 404 when missing. */
export const requireTeam = Effect.fnUntraced(function* (id: number) {
  const team = yield* (yield* TeamRepository).findById(id)
  if (team === undefined) return yield* new NotFound({})
  return team
})
