import { sql, type SelectExpression, type SelectQueryBuilder } from "kysely"
import { offsetOf, pageOf, type Page, type PageRequest } from "@labrador/domain"
import { rowLimit, toCount } from "./sql.ts"

/** The number of rows `matching` selects, counted in the database. */
const countOf = async <D, T extends keyof D>(matching: SelectQueryBuilder<D, T, {}>): Promise<number> => {
  // Read as plain rows: over a generic table map Kysely cannot name the selection's type.
  const row: Record<string, unknown> | undefined = await matching
    .select((eb) => eb.fn.countAll().as("total"))
    .executeTakeFirst()
  return toCount(row?.total)
}

/**
 * One page in ascending id order, cheap however deep: the count and the page's ids come from
 * `matching()` (a filtered Kysely select on one table, served by a narrow index, so the offset
 * walks index entries only), then `rowsFor` reads the full rows of those ids alone.
 */
export const idPage = async <A, D, T extends keyof D>(
  request: PageRequest,
  matching: () => SelectQueryBuilder<D, T, {}>,
  idColumn: string,
  rowsFor: (ids: ReadonlyArray<number>) => Promise<ReadonlyArray<A>>,
): Promise<Page<A>> => {
  const total = await countOf(matching())
  const offset = offsetOf(request)
  if (offset >= total) return pageOf(request, [], total)
  const ids: ReadonlyArray<Record<string, unknown>> = await matching()
    .select(sql.ref<number>(idColumn).as("id"))
    .orderBy(sql.ref(idColumn))
    .limit(rowLimit(request.perPage))
    .offset(offset)
    .execute()
  return pageOf(request, await rowsFor(ids.map((row) => Number(row.id))), total)
}

/**
 * One page of `matching()` (a filtered Kysely select) in `orderColumn` order, with the total
 * counted in the database: for the short lists (members, groups, teams) where skipping rows is cheap.
 */
export const offsetPage = async <A, D, T extends keyof D, S extends SelectExpression<D, T>>(
  request: PageRequest,
  matching: () => SelectQueryBuilder<D, T, {}>,
  orderColumn: string,
  columns: ReadonlyArray<S>,
  toItem: (row: Record<string, unknown>) => A,
): Promise<Page<A>> => {
  const total = await countOf(matching())
  const rows: ReadonlyArray<Record<string, unknown>> = await matching()
    .select(columns)
    .orderBy(sql.ref(orderColumn))
    .limit(rowLimit(request.perPage))
    .offset(offsetOf(request))
    .execute()
  return pageOf(request, rows.map(toItem), total)
}
