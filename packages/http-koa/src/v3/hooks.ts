import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded } from "../params.ts"
import { presentHook } from "../presenters/hook.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const hookRef = { ...projectRef, hook_id: path(Param.int) }
const hookInput = {
  url: Param.string,
  push_events: Param.boolean,
  issues_events: Param.boolean,
  merge_requests_events: Param.boolean,
}
const toInput = (p: Decoded<typeof hookInput>): Domain.HookInput => ({
  url: p.url,
  pushEvents: p.push_events,
  issuesEvents: p.issues_events,
  mergeRequestsEvents: p.merge_requests_events,
})

/** Project hooks (spec/v3/projects.yaml hooks.*). DELETE without an id is a 405 by routing. */
export const hooksRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/projects/:id/hooks",
    listEndpoint(runtime, {
      params: projectRef,
      run: (actor, p, page) => Domain.listHooks(actor, p.id, page),
      present: presentHook,
    }),
  )
  router.get(
    "/projects/:id/hooks/:hook_id",
    endpoint(runtime, {
      params: hookRef,
      run: (actor, p) => Domain.getHook(actor, p.id, p.hook_id),
      present: presentHook,
    }),
  )
  router.post(
    "/projects/:id/hooks",
    endpoint(runtime, {
      params: { ...projectRef, ...hookInput },
      run: (actor, p) => Domain.addHook(actor, p.id, toInput(p)),
      present: presentHook,
    }),
  )
  router.put(
    "/projects/:id/hooks/:hook_id",
    endpoint(runtime, {
      params: { ...hookRef, ...hookInput },
      run: (actor, p) => Domain.updateHook(actor, p.id, p.hook_id, toInput(p)),
      present: presentHook,
    }),
  )
  router.delete(
    "/projects/:id/hooks/:hook_id",
    deleteEndpoint(runtime, {
      params: hookRef,
      run: (actor, p) => Domain.deleteHook(actor, p.id, p.hook_id),
      present: presentHook,
    }),
  )
}
