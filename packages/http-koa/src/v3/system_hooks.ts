import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint } from "../endpoint.ts"
import { Param, path, required } from "../params.ts"
import { presentDeletedSystemHook, presentSystemHook } from "../presenters/system-hook.ts"
import type { AppRuntime } from "../runtime.ts"

/** System hooks (spec/v3/system_hooks.yaml): admins only. */
export const systemHooksRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/hooks",
    endpoint(runtime, {
      adminOnly: true,
      run: (actor) => Domain.listSystemHooks(actor),
      present: (hooks) => hooks.map(presentSystemHook),
    }),
  )
  router.post(
    "/hooks",
    endpoint(runtime, {
      adminOnly: true,
      params: { url: required(Param.string) },
      run: (actor, p) => Domain.addSystemHook(actor, p),
      present: presentSystemHook,
    }),
  )
  router.get(
    "/hooks/:id",
    endpoint(runtime, {
      adminOnly: true,
      params: { id: path(Param.int) },
      run: (actor, p) => Domain.testSystemHook(actor, p.id),
      present: (sample) => sample,
    }),
  )
  router.delete(
    "/hooks/:id",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: { id: path(Param.int) },
      run: (actor, p) => Domain.deleteSystemHook(actor, p.id),
      present: presentDeletedSystemHook,
    }),
  )
}
