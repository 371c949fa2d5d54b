import { Effect, Layer } from "effect"
import { SystemHookRepository, type SystemHook } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { SystemHookEntity } from "./entity.ts"

export const SystemHookRepositoryLive = Layer.effect(
  SystemHookRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const toHook = (row: { id: number; url: string; createdAt: Date }): SystemHook => ({
      id: row.id,
      url: row.url,
      createdAt: row.createdAt,
    })
    return SystemHookRepository.of({
      list: db
        .run((em) => em.find(SystemHookEntity, {}, { orderBy: { id: "asc" } }))
        .pipe(Effect.map((rows) => rows.map(toHook))),
      find: (id) =>
        db.run((em) => em.findOne(SystemHookEntity, { id })).pipe(Effect.map((row) => (row ? toHook(row) : undefined))),
      insert: (hook) =>
        db
          .run((em) => em.insert(SystemHookEntity, { ...hook, updatedAt: hook.createdAt }))
          .pipe(Effect.map((id) => ({ ...hook, id }))),
      remove: (id) => db.run((em) => em.nativeDelete(SystemHookEntity, { id })).pipe(Effect.asVoid),
    })
  }),
)
