import type { Team, TeamMember, TeamProject } from "@labrador/domain"
import { presentProject } from "./project.ts"
import { isoTime } from "./time.ts"
import type { Urls } from "./urls.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `UserTeam`. */
export const presentTeam = (team: Team) => ({ id: team.id, name: team.name, path: team.path, owner_id: team.ownerId })

/** v3 `TeamMember`: UserBasic with the member's permission inside the team. */
export const presentTeamMember = (member: TeamMember) => ({
  ...presentUserBasic(member.user),
  access_level: member.accessLevel,
})

/** The removed user_team_user_relationships row, raw. */
export const presentDeletedTeamMember = (member: TeamMember) => ({
  user_id: member.user.id,
  user_team_id: member.teamId,
  permission: member.accessLevel,
  group_admin: member.groupAdmin,
  created_at: isoTime(member.createdAt),
  updated_at: isoTime(member.updatedAt),
})

/** v3 `TeamProject`: the `Project` entity with the team's cap on it. */
export const presentTeamProject = (urls: Urls) => {
  const project = presentProject(urls)
  return (assigned: TeamProject) => ({
    ...project(assigned.details),
    greatest_access_level: assigned.greatestAccessLevel,
  })
}

/** The removed user_team_project_relationships row, raw. */
export const presentDeletedTeamProject = (assigned: TeamProject) => ({
  project_id: assigned.details.project.id,
  user_team_id: assigned.teamId,
  greatest_access: assigned.greatestAccessLevel,
  created_at: isoTime(assigned.createdAt),
  updated_at: isoTime(assigned.updatedAt),
})
