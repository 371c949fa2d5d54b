import { Effect, Layer } from "effect"
import { HookRepository, offsetOf, pageOf, type ProjectHook } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { HookEntity, type HookRow } from "./entity.ts"

const toHook = (row: HookRow): ProjectHook => ({
  id: row.id,
  projectId: row.project.id,
  url: row.url,
  pushEvents: row.pushEvents,
  issuesEvents: row.issuesEvents,
  mergeRequestsEvents: row.mergeRequestsEvents,
  createdAt: row.createdAt,
})

export const HookRepositoryLive = Layer.effect(
  HookRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return HookRepository.of({
      listForProject: (projectId, request) =>
        db
          .run((em) =>
            em.findAndCount(
              HookEntity,
              { project: projectId },
              { orderBy: { id: "asc" }, limit: request.perPage, offset: offsetOf(request) },
            ),
          )
          .pipe(Effect.map(([rows, total]) => pageOf(request, rows.map(toHook), total))),
      find: (projectId, hookId) =>
        db
          .run((em) => em.findOne(HookEntity, { id: hookId, project: projectId }))
          .pipe(Effect.map((row) => (row ? toHook(row) : undefined))),
      insert: (hook) =>
        db
          .run((em) => {
            const { projectId, ...columns } = hook
            return em.insert(HookEntity, { ...columns, project: projectId, updatedAt: hook.createdAt })
          })
          .pipe(Effect.map((id) => ({ ...hook, id }))),
      update: (projectId, hookId, changes) =>
        db
          .run((em) =>
            em.nativeUpdate(HookEntity, { id: hookId, project: projectId }, { ...changes, updatedAt: new Date() }),
          )
          .pipe(Effect.asVoid),
      remove: (projectId, hookId) =>
        db.run((em) => em.nativeDelete(HookEntity, { id: hookId, project: projectId })).pipe(Effect.asVoid),
    })
  }),
)
