import type { NewUser, User } from "@labrador/domain"
import type { UserRow } from "./entity.ts"

/** Row → model. Secrets stay behind: no hash, digest or sealed token leaves persistence. */
export const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  name: row.name,
  bio: row.bio ?? null,
  skype: row.skype,
  linkedin: row.linkedin,
  twitter: row.twitter,
  websiteUrl: row.websiteUrl,
  themeId: row.themeId,
  colorSchemeId: row.colorSchemeId,
  state: row.state === "blocked" ? "blocked" : "active",
  createdAt: row.createdAt,
  externUid: row.externUid ?? null,
  provider: row.provider ?? null,
  projectsLimit: row.projectsLimit,
  canCreateGroup: row.canCreateGroup,
  canCreateTeam: row.canCreateTeam,
  admin: row.admin,
})

export const toUserRow = (user: NewUser): Omit<UserRow, "id"> => ({
  ...user,
  email: user.email.toLowerCase(),
  updatedAt: user.createdAt,
})
