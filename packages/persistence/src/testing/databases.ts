import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { DatabaseTarget } from "../database.ts"
import { scratchPostgres } from "./postgres.ts"

/** SQLite always; PostgreSQL too when LABRADOR_TEST_PG_URL is set (CI sets it). */
export const dialects = process.env.LABRADOR_TEST_PG_URL ? (["sqlite", "postgresql"] as const) : (["sqlite"] as const)

/** A fresh, empty database of the dialect, and how to throw it away. */
export const freshDatabase = async (
  dialect: "sqlite" | "postgresql",
): Promise<{ target: DatabaseTarget; dispose: () => Promise<void> }> => {
  if (dialect === "postgresql") {
    const pg = await scratchPostgres()
    return { target: { dialect, location: pg.url }, dispose: pg.drop }
  }
  const dir = mkdtempSync(join(tmpdir(), "labrador-db-"))
  return {
    target: { dialect, location: join(dir, "labrador.sqlite") },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  }
}
