import { Effect, Layer } from "effect"
import { ProjectRepository } from "@labrador/domain"
import { ReadCache } from "../shared/read-cache.ts"

/** The personal-project count (GET /user's can_create_project) behind a ReadCache. */
export const cachedProjectRepository = (ttlMs: number) =>
  Layer.effect(
    ProjectRepository,
    Effect.gen(function* () {
      const inner = yield* ProjectRepository
      const cache = new ReadCache(ttlMs)
      return ProjectRepository.of({
        ...inner,
        countPersonal: (userId) => cache.get(`personal:${userId}`, () => inner.countPersonal(userId)),
        insert: (project) => cache.invalidating(inner.insert(project)),
        moveToNamespace: (projectId, namespaceId) => cache.invalidating(inner.moveToNamespace(projectId, namespaceId)),
        remove: (projectId) => cache.invalidating(inner.remove(projectId)),
      })
    }),
  )
