import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { UserEntity } from "../users/entity.ts"

/** A user's personal namespace (type null) or a group (type "Group"); paths are one space. */
export const NamespaceEntity = defineEntity({
  name: "Namespace",
  tableName: "namespaces",
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(255),
    path: p.string().length(255).unique(),
    owner: () => p.manyToOne(UserEntity).nullable().deleteRule("cascade").index(),
    type: p.string().length(32).nullable(),
    description: p.string().length(255).default(""),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})

export type NamespaceRow = InferEntity<typeof NamespaceEntity>
