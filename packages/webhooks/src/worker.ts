import { Effect, type ManagedRuntime } from "effect"
import { deliverRound, type DeliveryQueue, type HookSender } from "@labrador/domain"

export interface DeliveryWorker {
  /** Finishes the round in progress, then stops. */
  stop(): Promise<void>
  /** Resolves after the next complete round (tests use it to wait for deliveries). */
  nextRound(): Promise<void>
}

/**
 * The delivery loop: rounds of dispatch → claim → POST → record, back to back while there is
 * work, every `pollMs` otherwise. Runs inside the server (LABRADOR_WORKER=embedded) or as
 * apps/worker; any number of them may share one database.
 */
export const startDeliveryWorker = (
  runtime: ManagedRuntime.ManagedRuntime<DeliveryQueue | HookSender, never>,
  options: { readonly pollMs?: number; readonly batch?: number; readonly leaseMs?: number; readonly onError?: (error: unknown) => void } = {},
): DeliveryWorker => {
  const pollMs = options.pollMs ?? 500
  // An object, not a local: the loop reads what stop() writes later.
  const state = { stopped: false }
  let waiters: Array<() => void> = []
  let wake: (() => void) | undefined
  const round = deliverRound({ batch: options.batch ?? 50, leaseMs: options.leaseMs ?? 60_000, now: () => new Date() })
  const loop = (async () => {
    while (!state.stopped) {
      let worked = 0
      try {
        worked = await runtime.runPromise(round as Effect.Effect<number, never, DeliveryQueue | HookSender>)
      } catch (error) {
        options.onError?.(error)
      }
      const done = waiters
      waiters = []
      for (const resolve of done) resolve()
      if (worked === 0 && !state.stopped) await new Promise<void>((resolve) => {
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
    },
    nextRound: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve)
        wake?.()
      }),
  }
}
