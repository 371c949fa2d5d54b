import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Effect } from "effect"
import { openDatabase, type Orm } from "../database.ts"
import { dialects, freshDatabase } from "../testing/databases.ts"
import type { Em } from "./em.ts"
import { ReadCache } from "./read-cache.ts"

/** The table these tests make for themselves. */
interface Scratch {
  readonly read_cache_scratch: { n: number }
}

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
    return {
      read: () => Effect.runPromise(cache.get("key", () => Effect.sync(() => ++loads))),
      loads: () => loads,
      cache,
    }
  }
  const execute = (sql: string) => orm.em.getConnection().execute(sql)
  /** A statement that changes a row of a table of the test's own. */
  const rawWrite = () => execute("update read_cache_scratch set n = n + 1")
  beforeAll(async () => {
    await execute("create table read_cache_scratch (n integer not null)")
    await execute("insert into read_cache_scratch (n) values (0)")
  })

  it("keeps a value until this process changes data, whatever path the change takes", async () => {
    const { read } = counted()
    expect([await read(), await read()]).toEqual([1, 1])
    await execute("select count(*) from users")
    expect(await read()).toBe(1)
    await rawWrite()
    expect([await read(), await read()]).toEqual([2, 2])
    await (orm.em as unknown as Em).getKysely<Scratch>().updateTable("read_cache_scratch").set({ n: 5 }).execute()
    expect(await read()).toBe(3)
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().execute("update read_cache_scratch set n = n + 1", [], "run", em.getTransactionContext())
    })
    expect(await read()).toBe(4)
    await execute("delete from read_cache_scratch where n < 0 returning n")
    await execute("insert into read_cache_scratch (n) values (-1)")
    expect(await read()).toBe(5)
  })

  it("keeps a value across statements that changed nothing: no row matched, or a transaction that only read", async () => {
    const { read } = counted()
    expect(await read()).toBe(1)
    await execute("update read_cache_scratch set n = n where n < -100")
    await execute("update read_cache_scratch set n = n where n < -100 returning n")
    await (orm.em as unknown as Em)
      .getKysely<Scratch>()
      .deleteFrom("read_cache_scratch")
      .where("n", "<", -100)
      .execute()
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().execute("select 1", [], "all", em.getTransactionContext())
      await em
        .getConnection()
        .execute("update read_cache_scratch set n = n where n < -100", [], "run", em.getTransactionContext())
    })
    expect(await read()).toBe(1)
  })

  it("reads again when a transaction that changed data commits (another connection may have read before the commit)", async () => {
    const { read } = counted()
    expect(await read()).toBe(1)
    let during = 0
    await orm.em.fork().transactional(async (em) => {
      await em.getConnection().execute("update read_cache_scratch set n = n + 1", [], "run", em.getTransactionContext())
      during = await read()
    })
    expect(during).toBe(2)
    expect(await read()).toBe(3)
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
