import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect } from "effect"
import { openDatabase, type Orm } from "../database.ts"
import { dialects, freshDatabase } from "../testing/databases.ts"
import { ReadCache } from "./read-cache.ts"

describe.each(dialects)("ReadCache on %s", (dialect) => {
  let orm: Orm
  let dispose: () => Promise<void>
  beforeAll(async () => {
    const db = await freshDatabase(dialect)
    orm = await openDatabase(db.target)
    dispose = async () => {
      await orm.close(true)
      await db.dispose()
    }
  })
  afterAll(() => dispose())

  /** A cache in front of a loader that counts its loads. */
  const counted = (ttlMs = 60_000) => {
    const cache = new ReadCache(ttlMs)
    let loads = 0
    return { read: () => Effect.runPromise(cache.get("key", () => Effect.sync(() => ++loads))), loads: () => loads, cache }
  }
  const rawWrite = () => orm.em.getConnection().execute("update users set name = name where id = -1")

  it("keeps a value until this process writes, whatever path the write takes", async () => {
    const { read } = counted()
    expect([await read(), await read()]).toEqual([1, 1])
    await orm.em.getConnection().execute("select count(*) from users")
    expect(await read()).toBe(1)
    await rawWrite()
    expect([await read(), await read()]).toEqual([2, 2])
    await (orm.em as unknown as { getKysely(): any }).getKysely().updateTable("users").set({ name: "x" }).where("id", "=", -1).execute()
    expect(await read()).toBe(3)
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().execute("select 1", [], "all", em.getTransactionContext())
    })
    expect(await read()).toBe(4)
  })

  it("does not keep a value that was being read while a write landed", async () => {
    const cache = new ReadCache(60_000)
    let loads = 0
    const read = () =>
      Effect.runPromise(
        cache.get("key", () =>
          Effect.promise(async () => {
            loads++
            if (loads === 1) await rawWrite()
            return loads
          }),
        ),
      )
    expect(await read()).toBe(1)
    expect([await read(), await read()]).toEqual([2, 2])
  })

  it("reads again once the TTL has passed (other processes' writes)", async () => {
    const { read } = counted(0)
    expect([await read(), await read()]).toEqual([1, 2])
  })
})
