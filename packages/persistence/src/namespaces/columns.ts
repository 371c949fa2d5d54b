import type { Namespace } from "@labrador/domain"
import { aliasedColumns, toDate, toNullableInt } from "../shared/sql.ts"

export const namespaceColumns = aliasedColumns([
  "id",
  "name",
  "path",
  "owner_id",
  "type",
  "description",
  "created_at",
  "updated_at",
])

export const namespaceFromColumns = (row: Record<string, unknown>, prefix: string): Namespace => {
  const get = (column: string) => row[`${prefix}_${column}`]
  return {
    id: Number(get("id")),
    name: String(get("name")),
    path: String(get("path")),
    ownerId: toNullableInt(get("owner_id")),
    kind: get("type") === "Group" ? "group" : "user",
    description: String(get("description") ?? ""),
    createdAt: toDate(get("created_at")),
    updatedAt: toDate(get("updated_at")),
  }
}
