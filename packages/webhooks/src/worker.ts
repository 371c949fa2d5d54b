import type { ManagedRuntime } from "effect"
import {
  attemptDelivery,
  claimDue,
  deferDeliveries,
  DeliverySlots,
  PER_RECEIVER_ATTEMPTS,
  type Delivery,
  type DeliveryQueue,
  type HookSender,
} from "@labrador/domain"

export interface DeliveryWorker {
  /** Finishes the round in progress and the attempts in flight, hands back what waits, then stops. */
  stop(): Promise<void>
  /** Resolves after the next complete round, once every delivery then in hand (running or held) has ended (tests use it to wait for deliveries). */
  nextRound(): Promise<void>
}

export interface DeliveryWorkerOptions {
  readonly pollMs?: number
  /** Outbox events fanned out per round. */
  readonly batch?: number
  readonly leaseMs?: number
  /** The longest one attempt takes (the sender's timeout): what a held delivery must still have of its lease. */
  readonly attemptMs?: number
  /** Attempts in flight at once. */
  readonly concurrency?: number
  /** Attempts in flight to one receiver (scheme, host, port). */
  readonly perReceiver?: number
  /** How long a delivery handed back for want of a slot waits before it is claimed again. */
  readonly deferMs?: number
  readonly onError?: (error: unknown) => void
}

/**
 * The delivery loop: rounds of dispatch → claim → start each attempt, back to back while more
 * work waits and a slot is free, otherwise every `pollMs` or as soon as an attempt ends. Attempts
 * run beside the loop, each bounded by the sender's timeout, at most `perReceiver` to one
 * receiver: a receiver that is slow or never answers holds its own slots while the others'
 * deliveries go on. Runs inside the server (LABRADOR_WORKER=embedded) or as apps/worker; any
 * number of them may share one database (the per-receiver cap is per worker).
 */
export const startDeliveryWorker = (
  runtime: ManagedRuntime.ManagedRuntime<DeliveryQueue | HookSender, never>,
  options: DeliveryWorkerOptions = {},
): DeliveryWorker => {
  const pollMs = options.pollMs ?? 500
  const deferMs = options.deferMs ?? 1_000
  const leaseMs = options.leaseMs ?? 60_000
  const perReceiver = options.perReceiver ?? PER_RECEIVER_ATTEMPTS
  // A held delivery waits for at most held/perReceiver attempts before its own: all within the lease.
  const rounds = Math.max(0, Math.floor(leaseMs / (options.attemptMs ?? 10_000)) - 2)
  const slots = new DeliverySlots(options.concurrency ?? 8, perReceiver, perReceiver * rounds)
  const claimOptions = { batch: options.batch ?? 50, leaseMs, now: () => new Date() }
  const inFlight = new Set<Promise<void>>()
  /** Settles when the delivery's attempt ends or it is handed back: what nextRound waits on. */
  const ended = new Map<number, { readonly promise: Promise<void>; readonly resolve: () => void }>()
  // An object, not a local: the loop reads what stop() writes later.
  const state = { stopped: false }
  let waiters: Array<() => void> = []
  let wake: (() => void) | undefined

  const track = (delivery: Delivery) => {
    let resolve!: () => void
    const promise = new Promise<void>((r) => (resolve = r))
    ended.set(delivery.id, { promise, resolve })
  }
  const settle = (delivery: Delivery) => {
    ended.get(delivery.id)?.resolve()
    ended.delete(delivery.id)
  }
  const handBack = async (deliveries: ReadonlyArray<Delivery>, retryAt: Date) => {
    if (deliveries.length === 0) return
    try {
      await runtime.runPromise(deferDeliveries(deliveries, retryAt))
    } catch (error) {
      options.onError?.(error)
    }
  }
  const start = (delivery: Delivery) => {
    const running: Promise<void> = runtime
      .runPromise(attemptDelivery(delivery, claimOptions))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight.delete(running)
        settle(delivery)
        const next = slots.done(delivery)
        if (next !== undefined) start(next)
        // A slot is free: claim more now rather than at the next poll.
        else wake?.()
      })
    inFlight.add(running)
  }

  const loop = (async () => {
    while (!state.stopped) {
      // A round never runs on from the last without the event loop turning (a synchronous driver
      // would otherwise starve the attempts' sockets).
      await new Promise<void>((resolve) => setImmediate(resolve))
      let more = false
      try {
        const round = await runtime.runPromise(claimDue(slots.free, slots.excluded, claimOptions))
        more = round.more
        // Once stopping, nothing new starts: what was claimed is handed back at once.
        const sorted = state.stopped ? { start: [], handBack: round.due } : slots.admit(round.due)
        const back = new Set(sorted.handBack)
        for (const delivery of round.due) if (!back.has(delivery)) track(delivery)
        for (const delivery of sorted.start) start(delivery)
        await handBack(sorted.handBack, new Date(Date.now() + (state.stopped ? 0 : deferMs)))
      } catch (error) {
        options.onError?.(error)
      }
      const done = waiters
      waiters = []
      if (done.length > 0)
        void Promise.allSettled([...ended.values()].map((e) => e.promise)).then(() =>
          done.forEach((resolve) => resolve()),
        )
      if ((!more || slots.free === 0) && !state.stopped)
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, pollMs).unref()
        })
    }
  })()
  return {
    stop: async () => {
      state.stopped = true
      wake?.()
      await loop
      const held = slots.drain()
      await handBack(held, new Date())
      for (const delivery of held) settle(delivery)
      await Promise.allSettled(inFlight)
    },
    nextRound: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve)
        wake?.()
      }),
  }
}
