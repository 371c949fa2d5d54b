import { Effect } from "effect"

/**
 * A short-lived, bounded, per-process read cache. Hot reads (the token → user lookup of every
 * request, the personal-project count of GET /user) must not cost a query each time; writes
 * through this process empty it at once, and other processes' writes are seen within `ttlMs`.
 */
export class ReadCache {
  private readonly entries = new Map<string, { readonly value: unknown; readonly expires: number }>()
  private readonly ttlMs: number
  private readonly capacity: number

  constructor(ttlMs: number, capacity = 10_000) {
    this.ttlMs = ttlMs
    this.capacity = capacity
  }

  /** The cached value of `key`, or `load()`'s, remembered for the TTL (a hit builds no query). */
  get<A>(key: string, load: () => Effect.Effect<A>): Effect.Effect<A> {
    return Effect.suspend(() => {
      const hit = this.entries.get(key)
      const now = Date.now()
      if (hit !== undefined && hit.expires > now) return Effect.succeed(hit.value as A)
      return Effect.tap(load(), (value) =>
        Effect.sync(() => {
          if (this.entries.size >= this.capacity) this.entries.clear()
          this.entries.set(key, { value, expires: now + this.ttlMs })
        }),
      )
    })
  }

  /** Runs a write and empties the cache afterwards, whatever its outcome. */
  invalidating<A, E>(write: Effect.Effect<A, E>): Effect.Effect<A, E> {
    return write.pipe(Effect.ensuring(Effect.sync(() => this.entries.clear())))
  }
}
