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
      const cache = new ReadCache(ttlMs)
      return ProjectRepository.of({
        ...inner,
        findById: (id) => cache.get(`id:${id}`, () => inner.findById(id)),
        findByFullPath: (namespace, path) => cache.get(`path:${namespace}/${path}`, () => inner.findByFullPath(namespace, path)),
        accessLevel: (projectId, userId) => cache.get(`level:${projectId}:${userId}`, () => inner.accessLevel(projectId, userId)),
        countPersonal: (userId) => cache.get(`personal:${userId}`, () => inner.countPersonal(userId)),
      })
    }),
  )
