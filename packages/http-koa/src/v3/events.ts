import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint } from "../endpoint.ts"
import { Param } from "../params.ts"
import { presentEvent } from "../presenters/event.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

/**
 * GET /projects/:id/events: the activity feed, newest first. Its `page` counts from zero, as in
 * GitLab 5.x (offset = page × per_page), so it carries no 1-based pagination headers.
 */
export const eventsRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/projects/:id/events",
    endpoint(runtime, {
      params: { ...projectRef, page: Param.string, per_page: Param.string },
      run: (actor, p) => Domain.listProjectEvents(actor, p.id, Domain.zeroBasedPageRequest(p.page, p.per_page)),
      present: (page) => page.items.map(presentEvent),
    }),
  )
}
