import { randomBytes } from "node:crypto"
import { MikroORM } from "@mikro-orm/core"
import { configFor } from "../database.ts"

/**
 * A fresh PostgreSQL database beside LABRADOR_TEST_PG_URL, so test files running in parallel
 * never share one. `drop` removes it.
 */
export const scratchPostgres = async (prefix = "labrador_t") => {
  const base = process.env.LABRADOR_TEST_PG_URL
  if (!base) throw new Error("LABRADOR_TEST_PG_URL is not set")
  const name = `${prefix}_${randomBytes(5).toString("hex")}`
  const admin = await MikroORM.init({
    ...(await configFor({ dialect: "postgresql", location: base })),
    entities: [],
    discovery: { warnWhenNoEntities: false },
  })
  await admin.em.getConnection().execute(`create database "${name}"`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.em.getConnection().execute(`drop database if exists "${name}" with (force)`)
      await admin.close(true)
    },
  }
}
