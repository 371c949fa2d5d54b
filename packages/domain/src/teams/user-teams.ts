import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { Conflict } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import type { Team, TeamAttributes } from "./model.ts"
import { findVisibleTeam } from "./policy.ts"
import { TeamRepository } from "./repository.ts"
import { validateTeam } from "./rules.ts"

/** GET /user_teams: admins see every team, others the teams they belong to. */
export const listTeams = Effect.fnUntraced(function* (actor: Actor, page: PageRequest) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* TeamRepository).list(user.admin ? undefined : user.id, page)
})

/** GET /user_teams/:id */
export const getTeam = Effect.fnUntraced(function* (actor: Actor, id: number) {
  return yield* findVisibleTeam(actor, id)
})

/** Inserts the team unless its name or path is taken. */
const insertTeam = Effect.fnUntraced(function* (team: Omit<Team, "id">) {
  const teams = yield* TeamRepository
  const taken = yield* teams.taken(team.name, team.path)
  if (taken.name || taken.path) {
    const message: Record<string, Array<string>> = {}
    if (taken.name) message.name = ["has already been taken"]
    if (taken.path) message.path = ["has already been taken"]
    return yield* new Conflict({ message })
  }
  return yield* teams.insert(team)
})

/** POST /user_teams: admins only; the creator owns the team without joining it. */
export const createTeam = Effect.fnUntraced(function* (actor: Actor, attrs: TeamAttributes) {
  const admin = yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(attrs, ["name", "path"])
  const name = attrs.name!.trim()
  const path = attrs.path!.trim()
  const invalid = validateTeam({ name, path })
  if (invalid) return yield* invalid

  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* Transactions).transact(
    insertTeam({ name, path, ownerId: admin.id, createdAt: now, updatedAt: now }),
  )
})
