import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { listEndpoint } from "../endpoint.ts"
import { presentEvent } from "../presenters/event.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

/** GET /projects/:id/events: the activity feed, newest first. */
export const eventsRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get("/projects/:id/events", listEndpoint(runtime, { params: projectRef, run: (actor, p, page) => Domain.listProjectEvents(actor, p.id ?? "", page), present: presentEvent }))
}
