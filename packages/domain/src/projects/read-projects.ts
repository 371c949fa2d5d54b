import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import type { PageRequest } from "../shared/paging.ts"
import { UserPolicy } from "../users/policy.ts"
import { findVisibleProject } from "./find-visible.ts"
import { ProjectRepository, type ProjectFilter } from "./repository.ts"

/** GET /projects, /projects/owned, /projects/search/:query: the caller's authorized projects. */
export const listProjects = Effect.fnUntraced(function* (actor: Actor, filter: ProjectFilter, page: PageRequest) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* ProjectRepository).listAuthorized(user.id, filter, page)
})

/** GET /projects/all: every project, for admins. */
export const listAllProjects = Effect.fnUntraced(function* (actor: Actor, page: PageRequest) {
  yield* UserPolicy.requireAdmin(actor)
  return yield* (yield* ProjectRepository).listAll({}, page)
})

/** GET /projects/:id */
export const getProject = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  return (yield* findVisibleProject(actor, ref)).details
})
