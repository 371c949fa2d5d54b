import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"

/** The projects' activity feeds. */
export const EventEntity = defineEntity({
  name: "Event",
  tableName: "events",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    actionName: p.string().length(32),
    targetId: p.integer().nullable(),
    targetType: p.string().length(32).nullable(),
    targetTitle: p.string().length(255).nullable(),
    title: p.string().length(255).nullable(),
    authorId: p.integer(),
    data: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
  },
  indexes: [{ properties: ["project", "createdAt", "id"], name: "events_project_created_index" }],
})
export type EventRow = InferEntity<typeof EventEntity>
