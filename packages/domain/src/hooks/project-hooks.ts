import { Clock, Effect } from "effect"
import { findVisibleProject } from "../projects/find-visible.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { requireAttributes } from "../shared/required.ts"
import { isHookUrl, type HookInput, type ProjectHook } from "./model.ts"
import { HookRepository } from "./repository.ts"

/** Reader and master: the project, and the right to administer it. */
const adminProject = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  return details
})

const checkUrl = (url: string) => (isHookUrl(url) ? Effect.void : Effect.fail(Invalid.field("url", "is invalid")))

/** GET /projects/:id/hooks */
export const listHooks = Effect.fnUntraced(function* (actor: Actor, ref: string, page: PageRequest) {
  const details = yield* adminProject(actor, ref)
  return yield* (yield* HookRepository).listForProject(details.project.id, page)
})

/** GET /projects/:id/hooks/:hook_id */
export const getHook = Effect.fnUntraced(function* (actor: Actor, ref: string, hookId: number) {
  const details = yield* adminProject(actor, ref)
  const hook = yield* (yield* HookRepository).find(details.project.id, hookId)
  if (hook === undefined) return yield* new NotFound({})
  return hook
})

/** POST /projects/:id/hooks: duplicate URLs are allowed. */
export const addHook = Effect.fnUntraced(function* (actor: Actor, ref: string, input: HookInput) {
  const details = yield* adminProject(actor, ref)
  yield* requireAttributes(input, ["url"])
  yield* checkUrl(input.url!)
  return yield* (yield* HookRepository).insert({
    projectId: details.project.id,
    url: input.url!,
    pushEvents: input.pushEvents ?? true,
    issuesEvents: input.issuesEvents ?? false,
    mergeRequestsEvents: input.mergeRequestsEvents ?? false,
    createdAt: new Date(yield* Clock.currentTimeMillis),
  })
})

/** PUT /projects/:id/hooks/:hook_id: the hook is looked up before the rights are checked. */
export const updateHook = Effect.fnUntraced(function* (actor: Actor, ref: string, hookId: number, input: HookInput) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  const hooks = yield* HookRepository
  const hook = yield* hooks.find(details.project.id, hookId)
  if (hook === undefined) return yield* new NotFound({})
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  yield* requireAttributes(input, ["url"])
  yield* checkUrl(input.url!)
  const changes = {
    url: input.url!,
    ...(input.pushEvents === undefined ? {} : { pushEvents: input.pushEvents }),
    ...(input.issuesEvents === undefined ? {} : { issuesEvents: input.issuesEvents }),
    ...(input.mergeRequestsEvents === undefined ? {} : { mergeRequestsEvents: input.mergeRequestsEvents }),
  }
  yield* hooks.update(details.project.id, hookId, changes)
  const updated: ProjectHook = { ...hook, ...changes }
  return updated
})

/** DELETE /projects/:id/hooks/:hook_id: scoped to the project, idempotent. */
export const deleteHook = Effect.fnUntraced(function* (actor: Actor, ref: string, hookId: number) {
  const details = yield* adminProject(actor, ref)
  const hooks = yield* HookRepository
  const hook = yield* hooks.find(details.project.id, hookId)
  if (hook === undefined) return alreadyAbsent as Deletion<ProjectHook>
  yield* hooks.remove(details.project.id, hookId)
  return removed(hook) as Deletion<ProjectHook>
})
