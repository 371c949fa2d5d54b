import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { NamespaceEntity } from "../namespaces/entity.ts"
import { UserEntity } from "../users/entity.ts"

/** Group memberships (GitLab 6.x users_groups); the group itself is a namespaces row of type "Group". */
export const GroupMemberEntity = defineEntity({
  name: "GroupMember",
  tableName: "group_members",
  properties: {
    id: p.integer().primary().autoincrement(),
    group: () => p.manyToOne(NamespaceEntity).deleteRule("cascade"),
    user: () => p.manyToOne(UserEntity).deleteRule("cascade").index(),
    accessLevel: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["group", "user"], name: "group_members_group_user_unique" }],
})
export type GroupMemberRow = InferEntity<typeof GroupMemberEntity>
