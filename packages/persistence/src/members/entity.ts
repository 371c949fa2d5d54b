import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"
import { UserEntity } from "../users/entity.ts"

/** Direct project memberships (GitLab's users_projects). */
export const MembershipEntity = defineEntity({
  name: "Membership",
  tableName: "project_members",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    user: () => p.manyToOne(UserEntity).deleteRule("cascade").index(),
    accessLevel: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["project", "user"], name: "project_members_project_user_unique" }],
})
export type MembershipRow = InferEntity<typeof MembershipEntity>
