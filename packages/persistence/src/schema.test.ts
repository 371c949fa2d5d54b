import { afterAll, describe, expect, it } from "vitest"
import { openDatabase } from "./database.ts"
import { dialects, freshDatabase } from "./testing/databases.ts"

describe.each(dialects)("committed migrations on %s", (dialect) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup()
  })

  it("bring a fresh database exactly to the entities' schema (no drift)", async () => {
    const db = await freshDatabase(dialect)
    const orm = await openDatabase(db.target)
    cleanups.push(async () => {
      await orm.close(true)
      await db.dispose()
    })
    expect((await orm.schema.getUpdateSchemaSQL()).trim()).toBe("")
    expect(await orm.migrator.getPending()).toEqual([])
  })
})
