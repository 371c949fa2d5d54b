import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"
import { UserEntity } from "../users/entity.ts"

/** GitLab 5.x user teams; names and paths are unique among teams (their own space). */
export const UserTeamEntity = defineEntity({
  name: "UserTeam",
  tableName: "user_teams",
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(255).unique(),
    path: p.string().length(255).unique(),
    owner: () => p.manyToOne(UserEntity).nullable().deleteRule("set null").index(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})
export type UserTeamRow = InferEntity<typeof UserTeamEntity>

/** A user in a team with his default project access there (`permission`). */
export const TeamMemberEntity = defineEntity({
  name: "TeamMember",
  tableName: "user_team_user_relationships",
  properties: {
    id: p.integer().primary().autoincrement(),
    userTeam: () => p.manyToOne(UserTeamEntity).deleteRule("cascade"),
    user: () => p.manyToOne(UserEntity).deleteRule("cascade").index(),
    permission: p.integer(),
    groupAdmin: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["userTeam", "user"], name: "user_team_user_relationships_team_user_unique" }],
})
export type TeamMemberRow = InferEntity<typeof TeamMemberEntity>

/** A project assigned to a team with the most the team grants on it (`greatest_access`). */
export const TeamProjectEntity = defineEntity({
  name: "TeamProject",
  tableName: "user_team_project_relationships",
  properties: {
    id: p.integer().primary().autoincrement(),
    userTeam: () => p.manyToOne(UserTeamEntity).deleteRule("cascade"),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade").index(),
    greatestAccess: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["userTeam", "project"], name: "user_team_project_relationships_team_project_unique" }],
})
export type TeamProjectRow = InferEntity<typeof TeamProjectEntity>
