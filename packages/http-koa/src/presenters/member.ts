import type { ProjectMember } from "@labrador/domain"
import { isoTime } from "./time.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `ProjectMember`: the user (UserBasic) with this project's access level. */
export const presentMember = (member: ProjectMember) => ({
  ...presentUserBasic(member.user),
  access_level: member.accessLevel,
})

/** The removed membership row, raw. */
export const presentDeletedMember = (member: ProjectMember) => ({
  user_id: member.user.id,
  project_id: member.projectId,
  project_access: member.accessLevel,
  created_at: isoTime(member.createdAt),
})
