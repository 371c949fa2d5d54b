import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { ProjectHook } from "./model.ts"

/** Port: project hooks. */
export class HookRepository extends Context.Service<
  HookRepository,
  {
    listForProject(projectId: number, page: PageRequest): Effect.Effect<Page<ProjectHook>>
    find(projectId: number, hookId: number): Effect.Effect<ProjectHook | undefined>
    insert(hook: Omit<ProjectHook, "id">): Effect.Effect<ProjectHook>
    update(
      projectId: number,
      hookId: number,
      changes: Partial<Omit<ProjectHook, "id" | "projectId" | "createdAt">>,
    ): Effect.Effect<void>
    remove(projectId: number, hookId: number): Effect.Effect<void>
  }
>()("@labrador/domain/hooks/HookRepository") {}
