import { Effect } from "effect"
import { writeCount } from "./writes.ts"

/**
 * A short-lived, bounded, per-process read cache for the reads every request makes (the token →
 * user lookup, the project of a /projects/:id route, its member's access level). A value is used
 * only while this process has written nothing since it was read (writes.ts), so a request never
 * sees older data than this process wrote; other processes' writes are seen within `ttlMs`.
 */
export class ReadCache<K extends string | number = string> {
  /** One cache per kind of lookup, keyed by the lookup's own value: no key string is built per request. */
  private readonly entries = new Map<
    K,
    { readonly value: unknown; readonly expires: number; readonly writes: number }
  >()
  private readonly ttlMs: number
  private readonly capacity: number

  constructor(ttlMs: number, capacity = 10_000) {
    this.ttlMs = ttlMs
    this.capacity = capacity
  }

  /** The cached value of `key`, or `load()`'s, remembered for the TTL (a hit builds no query). */
  get<A>(key: K, load: () => Effect.Effect<A>): Effect.Effect<A> {
    return Effect.suspend(() => {
      const hit = this.entries.get(key)
      const now = Date.now()
      // Counted before the read: a write that lands while it runs makes the value stale at once.
      const writes = writeCount()
      if (hit !== undefined && hit.expires > now && hit.writes === writes) return Effect.succeed(hit.value as A)
      return Effect.tap(load(), (value) =>
        Effect.sync(() => {
          if (this.entries.size >= this.capacity) this.entries.clear()
          this.entries.set(key, { value, expires: now + this.ttlMs, writes })
        }),
      )
    })
  }
}
