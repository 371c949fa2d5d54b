import type { User } from "@labrador/domain"
import { aliasedColumns, toBool, toDate } from "../shared/sql.ts"

/** The users columns a joined query selects, aliased `<prefix>_<column>`. */
export const userColumns = aliasedColumns([
  "id",
  "username",
  "email",
  "name",
  "bio",
  "skype",
  "linkedin",
  "twitter",
  "website_url",
  "theme_id",
  "color_scheme_id",
  "state",
  "created_at",
  "extern_uid",
  "provider",
  "projects_limit",
  "can_create_group",
  "can_create_team",
  "admin",
])

/** A User from a joined row selected with `userColumns`; null when the join found nobody. */
export const userFromColumns = (row: Record<string, unknown>, prefix: string): User | null => {
  const get = (column: string) => row[`${prefix}_${column}`]
  if (get("id") === null || get("id") === undefined) return null
  return {
    id: Number(get("id")),
    username: String(get("username")),
    email: String(get("email")),
    name: String(get("name")),
    bio: (get("bio") as string | null) ?? null,
    skype: String(get("skype")),
    linkedin: String(get("linkedin")),
    twitter: String(get("twitter")),
    websiteUrl: String(get("website_url")),
    themeId: Number(get("theme_id")),
    colorSchemeId: Number(get("color_scheme_id")),
    state: get("state") === "blocked" ? "blocked" : "active",
    createdAt: toDate(get("created_at")),
    externUid: (get("extern_uid") as string | null) ?? null,
    provider: (get("provider") as string | null) ?? null,
    projectsLimit: Number(get("projects_limit")),
    canCreateGroup: toBool(get("can_create_group")),
    canCreateTeam: toBool(get("can_create_team")),
    admin: toBool(get("admin")),
  }
}
