import { Clock, Context, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Invalid, NotFound } from "../shared/errors.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import { DeliveryQueue } from "./delivery.ts"
import { isHookUrl } from "./model.ts"

export interface SystemHook {
  readonly id: number
  readonly url: string
  readonly createdAt: Date
}

/** Port: system hooks (receive user_create, project_create, … for the whole server). */
export class SystemHookRepository extends Context.Service<
  SystemHookRepository,
  {
    list: Effect.Effect<ReadonlyArray<SystemHook>>
    find(id: number): Effect.Effect<SystemHook | undefined>
    insert(hook: Omit<SystemHook, "id">): Effect.Effect<SystemHook>
    remove(id: number): Effect.Effect<void>
  }
>()("@labrador/domain/hooks/SystemHookRepository") {}

/** The fixed sample GET /hooks/:id fires and answers (GitLab's SystemHooksService test data). */
export const SYSTEM_HOOK_SAMPLE = {
  event_name: "project_create",
  name: "Ruby",
  path: "ruby",
  project_id: 1,
  owner_name: "Someone",
  owner_email: "example@gitlabhq.com",
} as const

/** GET /hooks */
export const listSystemHooks = Effect.fnUntraced(function* (actor: Actor) {
  yield* UserPolicy.requireAdmin(actor)
  return yield* (yield* SystemHookRepository).list
})

/** POST /hooks: duplicate URLs are allowed. */
export const addSystemHook = Effect.fnUntraced(function* (actor: Actor, input: { readonly url?: string | undefined }) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(input, ["url"])
  if (!isHookUrl(input.url!)) return yield* Invalid.field("url", "is invalid")
  return yield* (yield* SystemHookRepository).insert({
    url: input.url!,
    createdAt: new Date(yield* Clock.currentTimeMillis),
  })
})

/** GET /hooks/:id: queues the sample for the hook and answers it; delivery never fails the call. */
export const testSystemHook = Effect.fnUntraced(function* (actor: Actor, id: number) {
  yield* UserPolicy.requireAdmin(actor)
  const hook = yield* (yield* SystemHookRepository).find(id)
  if (hook === undefined) return yield* new NotFound({})
  yield* (yield* DeliveryQueue).enqueue(hook.url, SYSTEM_HOOK_SAMPLE, new Date(yield* Clock.currentTimeMillis))
  return SYSTEM_HOOK_SAMPLE
})

/** DELETE /hooks/:id: idempotent. */
export const deleteSystemHook = Effect.fnUntraced(function* (actor: Actor, id: number) {
  yield* UserPolicy.requireAdmin(actor)
  const hooks = yield* SystemHookRepository
  const hook = yield* hooks.find(id)
  if (hook === undefined) return alreadyAbsent as Deletion<SystemHook>
  yield* hooks.remove(id)
  return removed(hook) as Deletion<SystemHook>
})
