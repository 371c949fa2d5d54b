import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"

export const MilestoneEntity = defineEntity({
  name: "Milestone",
  tableName: "milestones",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    title: p.string().length(255),
    description: p.text().nullable(),
    /** `YYYY-MM-DD` as given: a string, so neither driver shifts it through a time zone. */
    dueDate: p.string().length(10).nullable(),
    state: p.string().length(16),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [{ properties: ["project", "id"], name: "milestones_project_list_index" }],
})
export type MilestoneRow = InferEntity<typeof MilestoneEntity>
