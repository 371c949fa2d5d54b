import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"

/** Protected branches: one row per project and exact branch name; it outlives the branch itself. */
export const ProtectedBranchEntity = defineEntity({
  name: "ProtectedBranch",
  tableName: "protected_branches",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    name: p.text(),
    createdAt: p.datetime(),
  },
  uniques: [{ properties: ["project", "name"], name: "protected_branches_project_name_unique" }],
})
export type ProtectedBranchRow = InferEntity<typeof ProtectedBranchEntity>
