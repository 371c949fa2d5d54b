import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { Effect, Layer, ManagedRuntime } from "effect"
import { DeliveryQueue, type AttemptResult, type Delivery } from "@labrador/domain"
import { hookSenderLayer } from "./sender.ts"
import { startDeliveryWorker, type DeliveryWorker } from "./worker.ts"

interface Row {
  delivery: Delivery
  dueAt: number
  leased: boolean
  claims: number
  results: Array<AttemptResult>
  delivered: boolean
}

/** The queue in memory: enough of the SQL one's rules (due, leased, released, recorded) for the loop. */
const memoryQueue = () => {
  const rows: Array<Row> = []
  const recorded: Array<number> = []
  const onRecord: Array<(id: number) => void> = []
  /** Resolves once delivery `id` has an attempt recorded. */
  const recordedOnce = (id: number) =>
    new Promise<void>((resolve) =>
      recorded.includes(id) ? resolve() : onRecord.push((done) => done === id && resolve()),
    )
  const layer = Layer.succeed(
    DeliveryQueue,
    DeliveryQueue.of({
      dispatch: () => Effect.succeed(0),
      enqueue: (url, payload, now) =>
        Effect.sync(
          () =>
            void rows.push({
              delivery: { id: rows.length + 1, url, payload, attempts: 0 },
              dueAt: now.getTime(),
              leased: false,
              claims: 0,
              results: [],
              delivered: false,
            }),
        ),
      claim: (limit, now, _leaseUntil, except = []) =>
        Effect.sync(() => {
          const due = rows
            .filter((r) => !r.leased && !r.delivered && r.dueAt <= now.getTime() && !except.includes(r.delivery.url))
            .slice(0, limit)
          for (const row of due) {
            row.leased = true
            row.claims++
          }
          return due.map((r) => r.delivery)
        }),
      record: (id, result, outcome) =>
        Effect.sync(() => {
          const row = rows[id - 1]!
          row.results.push(result)
          row.leased = false
          row.delivered = outcome.delivered
          row.dueAt = outcome.retryAt?.getTime() ?? Number.POSITIVE_INFINITY
          row.delivery = { ...row.delivery, attempts: row.delivery.attempts + 1 }
          recorded.push(id)
          for (const notify of onRecord) notify(id)
        }),
      release: (id, retryAt) =>
        Effect.sync(() => {
          const row = rows[id - 1]!
          row.leased = false
          row.dueAt = retryAt.getTime()
        }),
    }),
  )
  return { layer, rows, recorded, recordedOnce }
}

const listen = async (handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => void) => {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return { server, url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}` }
}

describe("the delivery worker", () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).toReversed()) await cleanup()
  })

  it.each([
    ["sixteen hooks to one URL", (_i: number) => "/hook"],
    ["sixteen hooks to paths of one host", (i: number) => `/hook/${i}`],
  ])(
    "a receiver that never answers holds two slots: another receiver's hook is delivered while its %s wait",
    async (shape, pathOf) => {
      const queue = memoryQueue()
      const hanging: Array<string> = []
      const silent = await listen((req) => void hanging.push(req.url ?? ""))
      const fast = await listen((req, res) => {
        req.resume()
        res.end("ok")
      })
      const runtime = ManagedRuntime.make(
        Layer.mergeAll(queue.layer, hookSenderLayer({ allowLocal: true, timeoutMs: 60_000 })),
      )
      const now = new Date()
      await runtime.runPromise(
        Effect.gen(function* () {
          const q = yield* DeliveryQueue
          for (let i = 0; i < 16; i++) yield* q.enqueue(silent.url(pathOf(i)), { i }, now)
          yield* q.enqueue(fast.url("/fast"), { fast: true }, now)
        }),
      )
      const worker: DeliveryWorker = startDeliveryWorker(runtime, { pollMs: 10, deferMs: 10 })
      cleanups.push(async () => {
        // Stop listening and cut the hanging connections: their attempts end and the worker can stop.
        const closed = Promise.all(
          [silent, fast].map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))),
        )
        silent.server.closeAllConnections()
        await worker.stop()
        await runtime.dispose()
        await closed
      })
      await queue.recordedOnce(17)
      expect(queue.rows[16]).toMatchObject({ delivered: true, results: [{ statusCode: 200 }] })
      // The sixteen: none answered, none recorded, never more than two connected at once.
      expect(queue.recorded).toEqual([17])
      expect(hanging.length).toBeLessThanOrEqual(2)
      expect(queue.rows.slice(0, 16).every((r) => r.results.length === 0 && r.delivery.attempts === 0)).toBe(true)
      // To one URL they are not even claimed again and again: the claims leave a full receiver's URLs out.
      if (shape === "sixteen hooks to one URL")
        expect(
          queue.rows
            .slice(0, 16)
            .map((r) => r.claims)
            .every((n) => n <= 1),
        ).toBe(true)
    },
  )

  it("on stop, the deliveries waiting for a receiver's slot are handed back unattempted", async () => {
    const queue = memoryQueue()
    const silent = await listen(() => {})
    const runtime = ManagedRuntime.make(
      Layer.mergeAll(queue.layer, hookSenderLayer({ allowLocal: true, timeoutMs: 60_000 })),
    )
    await runtime.runPromise(
      DeliveryQueue.use((q) =>
        Effect.forEach([1, 2, 3, 4, 5], (i) => q.enqueue(silent.url("/hook"), { i }, new Date()), { discard: true }),
      ),
    )
    const worker = startDeliveryWorker(runtime, { pollMs: 10 })
    while (queue.rows.some((r) => !r.leased)) await new Promise((resolve) => setTimeout(resolve, 5))
    const closed = new Promise<void>((resolve) => silent.server.close(() => resolve()))
    silent.server.closeAllConnections()
    await worker.stop()
    await runtime.dispose()
    await closed
    expect(queue.rows.every((r) => !r.leased)).toBe(true)
    expect(queue.rows.filter((r) => r.results.length > 0)).toHaveLength(2)
    expect(queue.rows.filter((r) => r.results.length === 0).every((r) => r.dueAt <= Date.now())).toBe(true)
  })

  it("stops after the attempts in flight end; every claimed delivery is recorded or handed back", async () => {
    const queue = memoryQueue()
    const ok = await listen((req, res) => {
      req.resume()
      res.end("ok")
    })
    cleanups.push(() => new Promise<void>((resolve) => ok.server.close(() => resolve())))
    const runtime = ManagedRuntime.make(Layer.mergeAll(queue.layer, hookSenderLayer({ allowLocal: true })))
    cleanups.push(() => runtime.dispose())
    await runtime.runPromise(
      DeliveryQueue.use((q) =>
        Effect.forEach([1, 2, 3, 4, 5], (i) => q.enqueue(ok.url(`/${i}`), { i }, new Date()), { discard: true }),
      ),
    )
    const worker = startDeliveryWorker(runtime, { pollMs: 10, deferMs: 0 })
    for (let i = 0; i < 50 && queue.recorded.length < 5; i++) await worker.nextRound()
    await worker.stop()
    expect(queue.recorded.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
    expect(queue.rows.every((r) => !r.leased && r.delivered)).toBe(true)
  })
})
