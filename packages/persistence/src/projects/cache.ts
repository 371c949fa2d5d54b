import { Effect, Layer } from "effect"
import { ProjectRepository } from "@labrador/domain"
import { ReadCache } from "../shared/read-cache.ts"

/**
 * The project lookups of every /projects/:id request (by id or path, the caller's access level)
 * and GET /user's personal-project count behind a ReadCache.
 */
export const cachedProjectRepository = (ttlMs: number) =>
  Layer.effect(
    ProjectRepository,
    Effect.gen(function* () {
      const inner = yield* ProjectRepository
      const byId = new ReadCache<number>(ttlMs)
      const byPath = new ReadCache<string>(ttlMs)
      const levels = new ReadCache<string>(ttlMs)
      const personal = new ReadCache<number>(ttlMs)
      return ProjectRepository.of({
        ...inner,
        findById: (id) => byId.get(id, () => inner.findById(id)),
        findByFullPath: (namespace, path) =>
          byPath.get(`${namespace}/${path}`, () => inner.findByFullPath(namespace, path)),
        accessLevel: (projectId, userId) =>
          levels.get(`${projectId}:${userId}`, () => inner.accessLevel(projectId, userId)),
        countPersonal: (userId) => personal.get(userId, () => inner.countPersonal(userId)),
      })
    }),
  )
