import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect, ManagedRuntime } from "effect"
import { DeliveryQueue, Outbox, systemEvent } from "@labrador/domain"
import { openDatabase, type Orm } from "../database.ts"
import { persistenceLayer } from "../layer.ts"
import { SystemHookEntity } from "./entity.ts"
import { dialects, freshDatabase } from "../testing/databases.ts"

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds))
const ok = { statusCode: 200, durationMs: 3, responseExcerpt: "ok", error: null }
const refused = { statusCode: null, durationMs: 1, responseExcerpt: null, error: "ECONNREFUSED" }

describe.each(dialects)("the delivery queue on %s", (dialect) => {
  let orm: Orm
  let runtime: ManagedRuntime.ManagedRuntime<any, never>
  let dispose: () => Promise<void>
  const run = <A>(effect: Effect.Effect<A, never, any>) => runtime.runPromise(effect) as Promise<A>
  const queue = () => run(DeliveryQueue.use(Effect.succeed))

  beforeAll(async () => {
    const db = await freshDatabase(dialect)
    orm = await openDatabase(db.target)
    runtime = ManagedRuntime.make(persistenceLayer(orm, "secret"))
    dispose = async () => {
      await runtime.dispose()
      await orm.close(true)
      await db.dispose()
    }
    const em = orm.em.fork()
    await em.insertMany(SystemHookEntity, [
      { url: "http://a.example/hook", createdAt: at(0), updatedAt: at(0) },
      { url: "http://b.example/hook", createdAt: at(0), updatedAt: at(0) },
    ])
  })
  afterAll(() => dispose())

  it("fans each outbox event out to every system hook once, however often dispatch runs", async () => {
    await run(
      Outbox.use((o) =>
        o.record([
          systemEvent("user_create", { user_id: 1 }, at(0)),
          systemEvent("user_create", { user_id: 2 }, at(0)),
        ]),
      ),
    )
    const q = await queue()
    const [first, second] = await Promise.all([run(q.dispatch(10, at(1))), run(q.dispatch(10, at(1)))])
    expect(first + second).toBe(2)
    expect(await run(q.dispatch(10, at(1)))).toBe(0)
    const claimed = await run(q.claim(10, at(1), at(61)))
    expect(claimed.map((d) => [d.url, d.payload.user_id, d.attempts])).toEqual([
      ["http://a.example/hook", 1, 0],
      ["http://b.example/hook", 1, 0],
      ["http://a.example/hook", 2, 0],
      ["http://b.example/hook", 2, 0],
    ])
    for (const d of claimed) await run(q.record(d.id, ok, { delivered: true, retryAt: null }, at(2)))
  })

  it("leases: concurrent claims are disjoint; an expired lease (a crashed worker) is claimed again", async () => {
    const q = await queue()
    for (let i = 0; i < 6; i++) await run(q.enqueue(`http://c.example/${i}`, { i }, at(10)))
    const [a, b] = await Promise.all([run(q.claim(4, at(10), at(70))), run(q.claim(4, at(10), at(70)))])
    const ids = [...a, ...b].map((d) => d.id)
    expect(new Set(ids).size).toBe(6)
    expect(await run(q.claim(10, at(30), at(90)))).toEqual([])
    const again = await run(q.claim(10, at(71), at(131)))
    expect(again.map((d) => d.attempts)).toEqual([1, 1, 1, 1, 1, 1])
    for (const d of again) await run(q.record(d.id, ok, { delivered: true, retryAt: null }, at(72)))
  })

  it("a released delivery is claimed again at its new time, the released claim not counted as an attempt", async () => {
    const q = await queue()
    await run(q.enqueue("http://e.example/", { n: 1 }, at(200)))
    const [d] = await run(q.claim(10, at(200), at(260)))
    await run(q.release(d!.id, at(210)))
    expect(await run(q.claim(10, at(205), at(265)))).toEqual([])
    const [again] = await run(q.claim(10, at(210), at(270)))
    expect([again!.id, again!.attempts]).toEqual([d!.id, 0])
    await run(q.record(again!.id, ok, { delivered: true, retryAt: null }, at(211)))
    await run(q.release(again!.id, at(212)))
    expect(await run(q.claim(10, at(10_000), at(10_060)))).toEqual([])
  })

  it("a claim takes at most its limit, however many are due", async () => {
    const q = await queue()
    for (let i = 0; i < 20; i++) await run(q.enqueue(`http://many.example/${i}`, {}, at(400)))
    const first = await run(q.claim(8, at(400), at(460)))
    expect(first).toHaveLength(8)
    const rest = await run(q.claim(50, at(400), at(460)))
    expect(rest).toHaveLength(12)
    for (const d of [...first, ...rest]) await run(q.record(d.id, ok, { delivered: true, retryAt: null }, at(401)))
  })

  it("a claim leaves out the URLs it is told to", async () => {
    const q = await queue()
    for (const url of ["http://slow.example/a", "http://slow.example/b", "http://fast.example/"])
      await run(q.enqueue(url, {}, at(300)))
    const claimed = await run(q.claim(10, at(300), at(360), ["http://slow.example/a", "http://slow.example/b"]))
    expect(claimed.map((d) => d.url)).toEqual(["http://fast.example/"])
    const rest = await run(q.claim(10, at(300), at(360)))
    expect(rest.map((d) => d.url)).toEqual(["http://slow.example/a", "http://slow.example/b"])
    for (const d of [...claimed, ...rest]) await run(q.record(d.id, ok, { delivered: true, retryAt: null }, at(301)))
  })

  it("a failed attempt waits for its retry time; a given-up delivery is never claimed again", async () => {
    const q = await queue()
    await run(q.enqueue("http://d.example/", { n: 1 }, at(100)))
    const [d] = await run(q.claim(10, at(100), at(160)))
    await run(q.record(d!.id, refused, { delivered: false, retryAt: at(140) }, at(101)))
    expect(await run(q.claim(10, at(120), at(180)))).toEqual([])
    const [retry] = await run(q.claim(10, at(140), at(200)))
    expect([retry!.id, retry!.attempts]).toEqual([d!.id, 1])
    await run(q.record(retry!.id, refused, { delivered: false, retryAt: null }, at(141)))
    expect(await run(q.claim(10, at(10_000), at(10_060)))).toEqual([])
  })
})
