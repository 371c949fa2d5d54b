import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { UserPolicy } from "../users/policy.ts"
import type { ProjectDetails } from "./model.ts"
import { accessTo, ProjectPolicy, type ProjectAccess } from "./policy.ts"
import { ProjectRepository } from "./repository.ts"

export interface VisibleProject {
  readonly details: ProjectDetails
  readonly access: ProjectAccess
}

/** `:id` of every /projects/:id route: a numeric id first, then `namespace/path`. */
export const findProjectByRef = Effect.fnUntraced(function* (ref: string) {
  const projects = yield* ProjectRepository
  if (/^\d+$/.test(ref)) {
    const byId = yield* projects.findById(Number(ref))
    if (byId !== undefined) return byId
  }
  const slash = ref.indexOf("/")
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf("/", slash + 1) !== -1) return undefined
  return yield* projects.findByFullPath(ref.slice(0, slash), ref.slice(slash + 1))
})

/** The project the route names, when the signed-in actor may read it; 404 otherwise. */
export const findVisibleProject = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  yield* UserPolicy.requireSignedIn(actor)
  const details = yield* findProjectByRef(ref)
  if (details === undefined) return yield* new NotFound({ resource: "Project" })
  const access = yield* accessTo(actor, details)
  yield* ProjectPolicy.requireRead(access)
  const visible: VisibleProject = { details, access }
  return visible
})
