import { offsetOf, pageOf, type Page, type PageRequest } from "@labrador/domain"
import { rowLimit, toCount } from "./sql.ts"

/**
 * One page in ascending id order, cheap however deep: the count and the page's ids come from
 * `matching()` (a filtered Kysely select on one table, served by a narrow index, so the offset
 * walks index entries only), then `rowsFor` reads the full rows of those ids alone.
 */
export const idPage = async <A>(
  request: PageRequest,
  matching: () => any,
  idColumn: string,
  rowsFor: (ids: ReadonlyArray<number>) => Promise<ReadonlyArray<A>>,
): Promise<Page<A>> => {
  const { total } = await matching()
    .select((eb: any) => eb.fn.countAll().as("total"))
    .executeTakeFirst()
  const offset = offsetOf(request)
  if (offset >= toCount(total)) return pageOf(request, [], toCount(total))
  const ids: Array<Record<string, unknown>> = await matching()
    .select(`${idColumn} as id`)
    .orderBy(idColumn)
    .limit(rowLimit(request.perPage))
    .offset(offset)
    .execute()
  return pageOf(request, await rowsFor(ids.map((row) => Number(row.id))), toCount(total))
}

/**
 * One page of `matching()` (a filtered Kysely select) in `orderColumn` order, with the total
 * counted in the database: for the short lists (members, groups, teams) where skipping rows is cheap.
 */
export const offsetPage = async <A>(
  request: PageRequest,
  matching: () => any,
  orderColumn: string,
  columns: ReadonlyArray<string>,
  toItem: (row: Record<string, unknown>) => A,
): Promise<Page<A>> => {
  const { total } = await matching()
    .select((eb: any) => eb.fn.countAll().as("total"))
    .executeTakeFirst()
  const rows: Array<Record<string, unknown>> = await matching()
    .select(columns)
    .orderBy(orderColumn)
    .limit(rowLimit(request.perPage))
    .offset(offsetOf(request))
    .execute()
  return pageOf(request, rows.map(toItem), toCount(total))
}
