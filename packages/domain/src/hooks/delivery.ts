import { Context, Effect } from "effect"

/** One POST waiting to be made (or retried). */
export interface Delivery {
  readonly id: number
  readonly url: string
  readonly payload: Readonly<Record<string, unknown>>
  /** Attempts made before this one. */
  readonly attempts: number
}

/** What one attempt gave: an HTTP status, or an error (timeout, refused, blocked address…). */
export interface AttemptResult {
  readonly statusCode: number | null
  readonly durationMs: number
  readonly responseExcerpt: string | null
  readonly error: string | null
}

/** Port: the queue of hook deliveries, filled from the outbox. Safe for several workers at once. */
export class DeliveryQueue extends Context.Service<
  DeliveryQueue,
  {
    /** Fans undispatched outbox events out into one delivery per matching hook; returns how many events. */
    dispatch(limit: number, now: Date): Effect.Effect<number>
    /** A delivery outside the outbox (the system hook test). */
    enqueue(url: string, payload: Readonly<Record<string, unknown>>, now: Date): Effect.Effect<void>
    /** Due deliveries, leased to this worker until `leaseUntil` so that no other worker takes them. */
    claim(limit: number, now: Date, leaseUntil: Date): Effect.Effect<ReadonlyArray<Delivery>>
    /** Records an attempt: delivered, to be retried at `retryAt`, or given up (retryAt null, not delivered). */
    record(id: number, result: AttemptResult, outcome: { readonly delivered: boolean; readonly retryAt: Date | null }, now: Date): Effect.Effect<void>
  }
>()("@labrador/domain/hooks/DeliveryQueue") {}

/** Port: the HTTP POST itself (and the refusal of local addresses unless allowed). */
export class HookSender extends Context.Service<HookSender, { send(url: string, payload: Readonly<Record<string, unknown>>): Effect.Effect<AttemptResult> }>()(
  "@labrador/domain/hooks/HookSender",
) {}

export const MAX_ATTEMPTS = 6

/** Exponential backoff: 10 s, 40 s, 160 s, … after the 1st, 2nd, 3rd failed attempt. */
export const retryDelayMs = (attemptsMade: number): number => 10_000 * 4 ** Math.max(0, attemptsMade - 1)

/** A 2xx is delivered; anything else is retried until MAX_ATTEMPTS, then given up. */
export const outcomeOf = (result: AttemptResult, attemptsMade: number, now: Date): { readonly delivered: boolean; readonly retryAt: Date | null } => {
  const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300
  if (delivered || attemptsMade >= MAX_ATTEMPTS) return { delivered, retryAt: null }
  return { delivered, retryAt: new Date(now.getTime() + retryDelayMs(attemptsMade)) }
}

/** One attempt at a delivery: POST it, then record the outcome. */
const attempt = Effect.fnUntraced(function* (
  queue: DeliveryQueue["Service"],
  sender: HookSender["Service"],
  delivery: Delivery,
  options: { readonly now: () => Date },
) {
  const result = yield* sender.send(delivery.url, delivery.payload)
  const now = options.now()
  yield* queue.record(delivery.id, result, outcomeOf(result, delivery.attempts + 1, now), now)
})

/**
 * One round of the worker: dispatch new events, claim due deliveries, POST each, record the
 * outcome. A crash between claim and record leaves the lease to expire: the delivery is made
 * again (at least once, never lost).
 */
export const deliverRound = Effect.fnUntraced(function* (options: { readonly batch: number; readonly leaseMs: number; readonly now: () => Date }) {
  const queue = yield* DeliveryQueue
  const sender = yield* HookSender
  yield* queue.dispatch(options.batch, options.now())
  const started = options.now()
  const due = yield* queue.claim(options.batch, started, new Date(started.getTime() + options.leaseMs))
  yield* Effect.forEach(due, (delivery) => attempt(queue, sender, delivery, options), { concurrency: 8, discard: true })
  return due.length
})

/** Loopback, private, link-local and unspecified addresses: hooks may not reach them unless allowed. */
export const isLocalAddress = (ip: string): boolean => {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip
  const parts = v4.split(".").map(Number)
  if (parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
    const [a, b] = parts as [number, number, number, number]
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
  }
  const lower = ip.toLowerCase()
  return lower === "::" || lower === "::1" || lower.startsWith("fe80:") || lower.startsWith("fc") || lower.startsWith("fd")
}
