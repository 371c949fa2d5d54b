import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Conflict } from "../shared/errors.ts"
import { UserPolicy } from "../users/policy.ts"
import { findVisibleProject } from "./find-visible.ts"
import { ProjectRepository } from "./repository.ts"

export interface ForkLink {
  readonly forkedToProjectId: number
  readonly forkedFromProjectId: number
  readonly createdAt: Date
}

/** POST /projects/:id/fork/:forked_from_id: admins mark a project as a fork of another. */
export const createForkLink = Effect.fnUntraced(function* (actor: Actor, ref: string, fromRef: string) {
  yield* UserPolicy.requireAdmin(actor)
  const target = yield* findVisibleProject(actor, ref)
  const source = yield* findVisibleProject(actor, fromRef)
  if (target.details.project.forkedFromProjectId !== null)
    return yield* new Conflict({ message: "Project already forked" })
  yield* (yield* ProjectRepository).setForkedFrom(target.details.project.id, source.details.project.id)
  const link: ForkLink = {
    forkedToProjectId: target.details.project.id,
    forkedFromProjectId: source.details.project.id,
    createdAt: new Date(yield* Clock.currentTimeMillis),
  }
  return link
})

/** DELETE /projects/:id/fork: idempotent. */
export const deleteForkLink = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  yield* UserPolicy.requireAdmin(actor)
  const { details } = yield* findVisibleProject(actor, ref)
  const from = details.project.forkedFromProjectId
  if (from === null) return alreadyAbsent as Deletion<ForkLink>
  yield* (yield* ProjectRepository).setForkedFrom(details.project.id, null)
  return removed({
    forkedToProjectId: details.project.id,
    forkedFromProjectId: from,
    createdAt: details.project.createdAt,
  }) as Deletion<ForkLink>
})
