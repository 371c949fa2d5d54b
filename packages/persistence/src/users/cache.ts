import { Effect, Layer } from "effect"
import { UserRepository } from "@labrador/domain"

/**
 * A short-lived, per-process read cache in front of the user repository: every API request
 * resolves its token to a user, and that lookup must not cost a query each time. Any write
 * through this process empties it at once; another process's writes are seen within `ttlMs`
 * (per-process by design: nothing here is state that another process needs).
 */
export const cachedUserRepository = (ttlMs: number) =>
  Layer.effect(
    UserRepository,
    Effect.gen(function* () {
      const inner = yield* UserRepository
      const entries = new Map<string, { readonly value: unknown; readonly expires: number }>()
      const MAX_ENTRIES = 10_000

      const cached = <A>(key: string, load: Effect.Effect<A>): Effect.Effect<A> =>
        Effect.suspend(() => {
          const hit = entries.get(key)
          const now = Date.now()
          if (hit !== undefined && hit.expires > now) return Effect.succeed(hit.value as A)
          return Effect.tap(load, (value) =>
            Effect.sync(() => {
              if (entries.size >= MAX_ENTRIES) entries.clear()
              entries.set(key, { value, expires: now + ttlMs })
            }),
          )
        })
      const invalidating = <A, E>(write: Effect.Effect<A, E>): Effect.Effect<A, E> =>
        write.pipe(Effect.ensuring(Effect.sync(() => entries.clear())))

      return UserRepository.of({
        ...inner,
        findById: (id) => cached(`id:${id}`, inner.findById(id)),
        findByTokenDigest: (digest) => cached(`token:${digest}`, inner.findByTokenDigest(digest)),
        sealedToken: (id) => cached(`sealed:${id}`, inner.sealedToken(id)),
        insert: (user) => invalidating(inner.insert(user)),
        update: (id, changes, secrets) => invalidating(inner.update(id, changes, secrets)),
        remove: (id) => invalidating(inner.remove(id)),
      })
    }),
  )
