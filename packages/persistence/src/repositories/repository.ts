import { Effect, Layer } from "effect"
import { ProtectedBranchRepository } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { ProtectedBranchEntity } from "./entity.ts"

export const ProtectedBranchRepositoryLive = Layer.effect(
  ProtectedBranchRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return ProtectedBranchRepository.of({
      names: (projectId) =>
        db
          .run((em) => em.find(ProtectedBranchEntity, { project: projectId }, { fields: ["name"] }))
          .pipe(Effect.map((rows): ReadonlySet<string> => new Set(rows.map((row) => row.name)))),
      isProtected: (projectId, name) =>
        db
          .run((em) => em.count(ProtectedBranchEntity, { project: projectId, name }))
          .pipe(Effect.map((count) => count > 0)),
      // Already protected (maybe by a concurrent request): the same outcome, not a conflict.
      protect: (projectId, name, at) =>
        db
          .runUnique("name", (em) => em.insert(ProtectedBranchEntity, { project: projectId, name, createdAt: at }))
          .pipe(
            Effect.asVoid,
            Effect.catchTag("Conflict", () => Effect.void),
          ),
      unprotect: (projectId, name) =>
        db.run((em) => em.nativeDelete(ProtectedBranchEntity, { project: projectId, name })).pipe(Effect.asVoid),
    })
  }),
)
