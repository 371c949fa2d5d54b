// Generates the next migration for both dialects from the entities: node scripts/make-migration.ts <name>
// SQLite runs on a scratch file; PostgreSQL on a scratch database made beside LABRADOR_TEST_PG_URL.
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { MikroORM } from "@mikro-orm/core"
import { configFor, migrationsDir } from "../src/database.ts"
import { writeMigrationIndex } from "./migration-index.ts"
import { scratchPostgres } from "../src/testing/postgres.ts"

const name = process.argv[2] ?? "change"
const sqliteFile = join(tmpdir(), `labrador-migration-${process.pid}.sqlite`)
const targets = [{ dialect: "sqlite" as const, location: sqliteFile }]
const pg = process.env.LABRADOR_TEST_PG_URL ? await scratchPostgres("labrador_migration") : undefined
if (pg) targets.push({ dialect: "postgresql" as never, location: pg.url })
for (const target of targets) {
  const config = await configFor(target)
  const orm = await MikroORM.init({
    ...config,
    migrations: { ...config.migrations, path: migrationsDir(target.dialect) },
  })
  await orm.migrator.up()
  const result = await orm.migrator.create(undefined, false, false, name)
  console.log(target.dialect, result.fileName || "(no changes)")
  writeMigrationIndex(migrationsDir(target.dialect))
  await orm.close(true)
}
await pg?.drop()
rmSync(sqliteFile, { force: true })
