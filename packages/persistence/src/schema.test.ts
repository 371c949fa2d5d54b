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

describe.runIf(dialects.includes("postgresql" as never))("several servers starting at once on one PostgreSQL", () => {
  it("take turns at the migrations: every one opens, none finds anything pending", async () => {
    const { scratchPostgres } = await import("./testing/postgres.ts")
    const pg = await scratchPostgres()
    try {
      const orms = await Promise.all([1, 2, 3].map(() => openDatabase({ dialect: "postgresql", location: pg.url })))
      for (const orm of orms) {
        expect(await orm.migrator.getPending()).toEqual([])
        await orm.close(true)
      }
    } finally {
      await pg.drop()
    }
  }, 60_000)
})
