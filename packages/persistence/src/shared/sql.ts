import { sql, type SelectQueryBuilder } from "kysely"
import type { DB } from "./em.ts"

/**
 * Raw rows (Kysely) come back in each driver's own types: SQLite gives epoch milliseconds,
 * 0/1 and JSON text; PostgreSQL gives Date, booleans and objects. These read either.
 */
export const toDate = (value: unknown): Date =>
  value instanceof Date
    ? value
    : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : (value as string | number))

export const toBool = (value: unknown): boolean => value === true || value === 1 || value === "1" || value === "t"

export const toJson = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : typeof value === "string" ? (JSON.parse(value) as T) : (value as T)

export const toNullableInt = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value)

/** A LIKE pattern for a case-insensitive substring match on lower(column). */
export const containsPattern = (text: string): string => `%${text.toLowerCase()}%`

/** Counts come back as number (SQLite) or string (PostgreSQL bigint). */
export const toCount = (value: unknown): number => Number(value ?? 0)

/** Which of `name` and `path` (case-insensitively) the rows of a scoped select already use. */
export const takenNameAndPath = async (
  scoped: SelectQueryBuilder<DB, "projects", {}> | SelectQueryBuilder<DB, "user_teams", {}>,
  name: string,
  path: string,
): Promise<{ readonly name: boolean; readonly path: boolean }> => {
  // Both tables name the columns alike; Kysely types one table at a time.
  const rows = await (scoped as SelectQueryBuilder<DB, "projects", {}>)
    .select(["name", "path"])
    .where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()),
        eb(eb.fn("lower", ["path"]), "=", path.toLowerCase()),
      ]),
    )
    .execute()
  return {
    name: rows.some((r) => r.name.toLowerCase() === name.toLowerCase()),
    path: rows.some((r) => r.path.toLowerCase() === path.toLowerCase()),
  }
}

/**
 * A LIMIT written into the SQL instead of bound: with a bound LIMIT SQLite plans some joins again
 * on every run (the project lookup of every /projects/:id request took 30 µs instead of 6).
 */
export const rowLimit = (count: number) => sql.lit(Math.trunc(count))

/** `table.column as prefix_column` for each column, typed so that Kysely checks the columns against the table. */
export type Aliased<T extends string, P extends string, C extends ReadonlyArray<string>> = {
  readonly [I in keyof C]: `${T}.${C[I] & string} as ${P}_${C[I] & string}`
}

/** The columns of a joined table, selected as `<prefix>_<column>` (so that two joined tables do not collide). */
export const aliasedColumns =
  <const C extends ReadonlyArray<string>>(columns: C) =>
  <T extends string, P extends string>(table: T, prefix: P): Aliased<T, P, C> =>
    columns.map((column) => `${table}.${column} as ${prefix}_${column}`) as unknown as Aliased<T, P, C>
