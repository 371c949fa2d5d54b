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
    /** Due deliveries (none to a URL in `except`), leased to this worker until `leaseUntil` so that no other worker takes them. */
    claim(
      limit: number,
      now: Date,
      leaseUntil: Date,
      except?: ReadonlyArray<string>,
    ): Effect.Effect<ReadonlyArray<Delivery>>
    /** Records an attempt: delivered, to be retried at `retryAt`, or given up (retryAt null, not delivered). */
    record(
      id: number,
      result: AttemptResult,
      outcome: { readonly delivered: boolean; readonly retryAt: Date | null },
      now: Date,
    ): Effect.Effect<void>
    /** Hands a claimed delivery back untried: its lease dropped, the claim not counted as an attempt, due again at `retryAt`. */
    release(id: number, retryAt: Date): Effect.Effect<void>
  }
>()("@labrador/domain/hooks/DeliveryQueue") {}

/** Port: the HTTP POST itself (and the refusal of local addresses unless allowed). */
export class HookSender extends Context.Service<
  HookSender,
  { send(url: string, payload: Readonly<Record<string, unknown>>): Effect.Effect<AttemptResult> }
>()("@labrador/domain/hooks/HookSender") {}

export const MAX_ATTEMPTS = 6

/** Exponential backoff: 10 s, 40 s, 160 s, … after the 1st, 2nd, 3rd failed attempt. */
export const retryDelayMs = (attemptsMade: number): number => 10_000 * 4 ** Math.max(0, attemptsMade - 1)

/** A 2xx is delivered; anything else is retried until MAX_ATTEMPTS, then given up. */
export const outcomeOf = (
  result: AttemptResult,
  attemptsMade: number,
  now: Date,
): { readonly delivered: boolean; readonly retryAt: Date | null } => {
  const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300
  if (delivered || attemptsMade >= MAX_ATTEMPTS) return { delivered, retryAt: null }
  return { delivered, retryAt: new Date(now.getTime() + retryDelayMs(attemptsMade)) }
}

/** One attempt at a delivery: POST it, then record the outcome. */
export const attemptDelivery = Effect.fnUntraced(function* (delivery: Delivery, options: { readonly now: () => Date }) {
  const queue = yield* DeliveryQueue
  const result = yield* (yield* HookSender).send(delivery.url, delivery.payload)
  const now = options.now()
  yield* queue.record(delivery.id, result, outcomeOf(result, delivery.attempts + 1, now), now)
})

/**
 * Dispatches up to `batch` new events, then claims up to `limit` due deliveries whose URL is not
 * in `except`; `more` when either was full (more work is waiting). A crash between claim and record leaves the lease to expire:
 * the delivery is made again (at least once, never lost).
 */
export const claimDue = Effect.fnUntraced(function* (
  limit: number,
  except: ReadonlyArray<string>,
  options: { readonly batch: number; readonly leaseMs: number; readonly now: () => Date },
) {
  const queue = yield* DeliveryQueue
  const dispatched = yield* queue.dispatch(options.batch, options.now())
  const started = options.now()
  const due = limit > 0 ? yield* queue.claim(limit, started, new Date(started.getTime() + options.leaseMs), except) : []
  return { due, more: dispatched >= options.batch || (limit > 0 && due.length >= limit) }
})

/** Claimed deliveries a worker has no slot for, handed back to be claimed again at `retryAt`. */
export const deferDeliveries = Effect.fnUntraced(function* (deliveries: ReadonlyArray<Delivery>, retryAt: Date) {
  const queue = yield* DeliveryQueue
  yield* Effect.forEach(deliveries, (delivery) => queue.release(delivery.id, retryAt), { discard: true })
})

/** Attempts one worker keeps in flight to one receiver: one that never answers holds these, not every slot. */
export const PER_RECEIVER_ATTEMPTS = 2

/** At most this many URLs are left out of a claim (those of the receivers at their cap). */
const MAX_EXCLUDED_URLS = 100

/**
 * The receiver a hook URL names, for the per-receiver cap: scheme, host and port as written (the
 * same name on another port is another service).
 */
export const receiverOf = (url: string): string => (URL.canParse(url) ? new URL(url).origin : url)

interface Receiver {
  running: number
  readonly held: Array<Delivery>
  /** URLs of its deliveries running or held here, counted. */
  readonly urls: Map<string, number>
}

/**
 * A worker's deliveries: at most `total` attempts in flight, at most `perReceiver` of them to one
 * receiver. A claimed delivery whose receiver is at its cap waits here for that receiver's next
 * free slot, at most `heldPerReceiver` of them (few enough that each starts well inside its lease);
 * the others are handed back to the queue, and the URLs of receivers at their cap are left out of
 * the next claims. One slow receiver so holds its own slots and nothing else.
 */
export class DeliverySlots {
  readonly total: number
  readonly perReceiver: number
  readonly heldPerReceiver: number
  private readonly receivers = new Map<string, Receiver>()
  private running = 0

  constructor(
    total: number,
    perReceiver: number = PER_RECEIVER_ATTEMPTS,
    heldPerReceiver: number = 4 * PER_RECEIVER_ATTEMPTS,
  ) {
    this.total = total
    this.perReceiver = perReceiver
    this.heldPerReceiver = heldPerReceiver
  }

  /** Attempts that may start now. */
  get free(): number {
    return this.total - this.running
  }

  /** URLs to leave out of the next claim: those of the receivers with no free slot. */
  get excluded(): ReadonlyArray<string> {
    const urls: Array<string> = []
    for (const receiver of this.receivers.values())
      if (receiver.running >= this.perReceiver) urls.push(...receiver.urls.keys())
    return urls.slice(0, MAX_EXCLUDED_URLS)
  }

  /** Sorts claimed deliveries: those to start now, those to hand back; the rest wait here for their receiver. */
  admit(deliveries: ReadonlyArray<Delivery>): {
    readonly start: ReadonlyArray<Delivery>
    readonly handBack: ReadonlyArray<Delivery>
  } {
    const start: Array<Delivery> = []
    const handBack: Array<Delivery> = []
    for (const delivery of deliveries) {
      const key = receiverOf(delivery.url)
      const receiver = this.receivers.get(key) ?? { running: 0, held: [], urls: new Map<string, number>() }
      if (receiver.running < this.perReceiver && this.running < this.total) {
        receiver.running++
        this.running++
        start.push(delivery)
      } else if (receiver.running >= this.perReceiver && receiver.held.length < this.heldPerReceiver) {
        // Only behind a running attempt: its end is what starts the held one.
        receiver.held.push(delivery)
      } else {
        handBack.push(delivery)
        continue
      }
      receiver.urls.set(delivery.url, (receiver.urls.get(delivery.url) ?? 0) + 1)
      this.receivers.set(key, receiver)
    }
    return { start, handBack }
  }

  /** An attempt ended: its slot goes to the next delivery held for the same receiver, answered to start now, or is freed. */
  done(delivery: Delivery): Delivery | undefined {
    const key = receiverOf(delivery.url)
    const receiver = this.receivers.get(key)
    if (receiver === undefined) return undefined
    const left = (receiver.urls.get(delivery.url) ?? 1) - 1
    if (left > 0) receiver.urls.set(delivery.url, left)
    else receiver.urls.delete(delivery.url)
    const next = receiver.held.shift()
    if (next !== undefined) return next
    receiver.running--
    this.running--
    if (receiver.running <= 0) this.receivers.delete(key)
    return undefined
  }

  /** Every delivery held, removed (a stopping worker hands them back). */
  drain(): ReadonlyArray<Delivery> {
    const held: Array<Delivery> = []
    for (const receiver of this.receivers.values()) {
      for (const delivery of receiver.held.splice(0)) {
        held.push(delivery)
        const left = (receiver.urls.get(delivery.url) ?? 1) - 1
        if (left > 0) receiver.urls.set(delivery.url, left)
        else receiver.urls.delete(delivery.url)
      }
    }
    return held
  }
}
