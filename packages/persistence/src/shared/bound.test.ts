import type { AbstractSqlConnection } from "@mikro-orm/sql"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { openDatabase, type Orm } from "../database.ts"
import { dialects, freshDatabase } from "../testing/databases.ts"
import { UserTeamEntity } from "../teams/entity.ts"
import { CachingNodeSqliteDialect } from "./sqlite-dialect.ts"

const at = new Date("2026-01-02T03:04:05Z")

describe.each(dialects)("statements MikroORM runs on %s", (dialect) => {
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

  it("carry quotes, backslashes and unicode (and on SQLite a NUL) as bound values, back unchanged", async () => {
    // PostgreSQL text cannot hold a NUL at all (the HTTP edge refuses it); SQLite stores it once bound.
    const name = `it's a \\ back\\slash, 'quoted' "twice" ; -- ünïcødé 🦊 ?${dialect === "sqlite" ? " nul\u0000here" : ""}`
    const sent = vi.spyOn((orm.em.getConnection() as AbstractSqlConnection).getClient(), "executeQuery")
    const id = await orm.em
      .fork()
      .insert(UserTeamEntity, { name, path: "p1", owner: null, createdAt: at, updatedAt: at })
    expect((await orm.em.fork().findOneOrFail(UserTeamEntity, { name })).id).toBe(id)
    const renamed = `${name} \\' again`
    expect(await orm.em.fork().nativeUpdate(UserTeamEntity, { id, name }, { name: renamed })).toBe(1)
    expect((await orm.em.fork().findOneOrFail(UserTeamEntity, { id })).name).toBe(renamed)
    expect(await orm.em.fork().nativeDelete(UserTeamEntity, { name: renamed })).toBe(1)
    const statements = sent.mock.calls.map(([query]) => ("compile" in query ? query.compile() : query))
    sent.mockRestore()
    expect(statements.filter((query) => query.sql.includes("slash"))).toEqual([])
    expect(
      statements.filter((query) => query.parameters.includes(name) || query.parameters.includes(renamed)).length,
    ).toBe(4)
  })

  it.runIf(dialect === "sqlite")(
    "reuse one prepared statement for a burst of 200 creates, not one per row",
    async () => {
      const statements = orm.config.get("driverOptions") as CachingNodeSqliteDialect
      const before = statements.cachedStatements()
      for (let n = 0; n < 200; n++)
        await orm.em
          .fork()
          .insert(UserTeamEntity, { name: `team ${n}`, path: `team-${n}`, owner: null, createdAt: at, updatedAt: at })
      expect(statements.cachedStatements() - before).toBeLessThanOrEqual(2)
      expect(await orm.em.fork().count(UserTeamEntity)).toBe(200)
    },
  )
})
