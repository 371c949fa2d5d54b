import { Effect } from "effect"
import { findVisibleProject } from "../projects/find-visible.ts"
import type { Actor } from "../shared/actor.ts"
import type { PageRequest } from "../shared/paging.ts"
import { EventRepository } from "./repository.ts"

/** GET /projects/:id/events: any reader of the project. */
export const listProjectEvents = Effect.fnUntraced(function* (actor: Actor, ref: string, page: PageRequest) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* (yield* EventRepository).listForProject(details.project.id, page)
})
