import { Effect, Layer } from "effect"
import { UserRepository } from "@labrador/domain"
import { ReadCache } from "../shared/read-cache.ts"

/** The user repository behind a ReadCache: every API request resolves its token to a user. */
export const cachedUserRepository = (ttlMs: number) =>
  Layer.effect(
    UserRepository,
    Effect.gen(function* () {
      const inner = yield* UserRepository
      const byId = new ReadCache<number>(ttlMs)
      const byToken = new ReadCache<string>(ttlMs)
      const sealed = new ReadCache<number>(ttlMs)
      return UserRepository.of({
        ...inner,
        findById: (id) => byId.get(id, () => inner.findById(id)),
        findByTokenDigest: (digest) => byToken.get(digest, () => inner.findByTokenDigest(digest)),
        sealedToken: (id) => sealed.get(id, () => inner.sealedToken(id)),
      })
    }),
  )
