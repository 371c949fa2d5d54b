import type { Group, GroupDetail, GroupMember } from "@labrador/domain"
import { presentNamespaceRow, presentProject } from "./project.ts"
import { isoTime } from "./time.ts"
import type { Urls } from "./urls.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `Group`. */
export const presentGroup = (group: Group) => ({
  id: group.id,
  name: group.name,
  path: group.path,
  owner_id: group.ownerId,
})

/** v3 `GroupDetail`: the group with every project of its namespace as `Project` entities. */
export const presentGroupDetail = (urls: Urls) => {
  const project = presentProject(urls)
  return (detail: GroupDetail) => ({ ...presentGroup(detail.group), projects: detail.projects.map(project) })
}

/** The group row serialized raw, as POST /groups/:id/projects/:project_id and DELETE /groups/:id answer it. */
export const presentGroupRow = (group: Group) => ({ ...presentNamespaceRow(group), type: "Group" })

/** v3 `GroupMember` (6.x): UserBasic with the group access level. */
export const presentGroupMember = (member: GroupMember) => ({
  ...presentUserBasic(member.user),
  access_level: member.accessLevel,
})

/** The removed users_groups row, raw. */
export const presentDeletedGroupMember = (member: GroupMember) => ({
  user_id: member.user.id,
  group_id: member.groupId,
  group_access: member.accessLevel,
  created_at: isoTime(member.createdAt),
  updated_at: isoTime(member.updatedAt),
})
