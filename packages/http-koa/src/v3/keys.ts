import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint } from "../endpoint.ts"
import { Param, path, required } from "../params.ts"
import { presentDeletedKey, presentKey } from "../presenters/key.ts"
import type { AppRuntime } from "../runtime.ts"

const keyInput = { title: required(Param.string), key: required(Param.string) }

/** SSH keys of the current user, and of any user for admins (spec/v3/users.yaml). */
const presentAll = (keys: ReadonlyArray<Domain.SshKey>) => keys.map(presentKey)

export const keysRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get("/user/keys", endpoint(runtime, { run: (actor) => Domain.listOwnKeys(actor), present: presentAll }))
  router.get(
    "/user/keys/:id",
    endpoint(runtime, {
      params: { id: path(Param.int) },
      run: (actor, p) => Domain.getOwnKey(actor, p.id),
      present: presentKey,
    }),
  )
  router.post(
    "/user/keys",
    endpoint(runtime, { params: keyInput, run: (actor, p) => Domain.addOwnKey(actor, p), present: presentKey }),
  )
  router.delete(
    "/user/keys/:id",
    deleteEndpoint(runtime, {
      params: { id: path(Param.int) },
      run: (actor, p) => Domain.deleteOwnKey(actor, p.id),
      present: presentDeletedKey,
    }),
  )

  router.get(
    "/users/:id/keys",
    endpoint(runtime, {
      adminOnly: true,
      params: { id: path(Param.int) },
      run: (actor, p) => Domain.listKeysOfUser(actor, p.id),
      present: presentAll,
    }),
  )
  router.post(
    "/users/:id/keys",
    endpoint(runtime, {
      adminOnly: true,
      params: { id: path(Param.int), ...keyInput },
      run: (actor, p) => Domain.addKeyForUser(actor, p.id, p),
      present: presentKey,
    }),
  )
  router.delete(
    "/users/:id/keys/:key_id",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: { id: path(Param.int), key_id: path(Param.int) },
      run: (actor, p) => Domain.deleteKeyOfUser(actor, p.id, p.key_id),
      present: presentDeletedKey,
    }),
  )
}
