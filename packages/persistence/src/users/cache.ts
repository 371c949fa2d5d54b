import { Effect, Layer } from "effect"
import { UserRepository } from "@labrador/domain"
import { ReadCache } from "../shared/read-cache.ts"

/** The user repository behind a ReadCache: every API request resolves its token to a user. */
export const cachedUserRepository = (ttlMs: number) =>
  Layer.effect(
    UserRepository,
    Effect.gen(function* () {
      const inner = yield* UserRepository
      const cache = new ReadCache(ttlMs)
      return UserRepository.of({
        ...inner,
        findById: (id) => cache.get(`id:${id}`, () => inner.findById(id)),
        findByTokenDigest: (digest) => cache.get(`token:${digest}`, () => inner.findByTokenDigest(digest)),
        sealedToken: (id) => cache.get(`sealed:${id}`, () => inner.sealedToken(id)),
      })
    }),
  )
