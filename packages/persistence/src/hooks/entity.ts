import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"

export const HookEntity = defineEntity({
  name: "Hook",
  tableName: "web_hooks",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade").index(),
    url: p.string().length(2000),
    pushEvents: p.boolean().default(true),
    issuesEvents: p.boolean().default(false),
    mergeRequestsEvents: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})
export type HookRow = InferEntity<typeof HookEntity>
