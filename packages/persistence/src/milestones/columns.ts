import type { Milestone } from "@labrador/domain"
import { aliasedColumns, toDate } from "../shared/sql.ts"

const COLUMNS = ["id", "project_id", "title", "description", "due_date", "state", "created_at", "updated_at"] as const

/** The milestones columns a joined query selects, aliased `<prefix>_<column>`. */
export const milestoneColumns = aliasedColumns(COLUMNS)

/** A Milestone from a row selected with `milestoneColumns`; null when the join found none. */
export const milestoneFromColumns = (row: Record<string, unknown>, prefix: string): Milestone | null => {
  const get = (column: string) => row[`${prefix}_${column}`]
  if (get("id") === null || get("id") === undefined) return null
  return {
    id: Number(get("id")),
    projectId: Number(get("project_id")),
    title: String(get("title")),
    description: (get("description") as string | null) ?? null,
    dueDate: (get("due_date") as string | null) ?? null,
    state: get("state") === "closed" ? "closed" : "active",
    createdAt: toDate(get("created_at")),
    updatedAt: toDate(get("updated_at")),
  }
}
