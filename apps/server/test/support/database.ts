import { openDatabase, type Orm } from "@labrador/persistence"
import type { TestServer } from "./server.ts"

/**
 * A second connection to a test server's database, for asserting what a request left behind
 * where the API shows nothing (the outbox). Read-only use; close it before the server.
 */
export const inspectDatabase = async (t: TestServer, dialect: "sqlite" | "postgresql") => {
  const orm: Orm = await openDatabase({ dialect, location: t.databaseLocation }, { migrate: false })
  return {
    /** Rows of `table`, ascending id, optionally narrowed by column equality. */
    rows: async (table: string, where: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> => {
      // Both drivers are SQL drivers: their entity managers speak Kysely.
      let query = (orm.em.fork() as unknown as { getKysely(): any }).getKysely().selectFrom(table).selectAll()
      for (const [column, value] of Object.entries(where)) query = query.where(column, "=", value)
      return query.orderBy("id").execute()
    },
    close: () => orm.close(true),
  }
}
