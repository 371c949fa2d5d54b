import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"
import { UserEntity } from "../users/entity.ts"

export const SnippetEntity = defineEntity({
  name: "Snippet",
  tableName: "snippets",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    title: p.string().length(255),
    fileName: p.string().length(255),
    content: p.text(),
    author: () => p.manyToOne(UserEntity).deleteRule("cascade").index(),
    expiresAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [{ properties: ["project", "id"], name: "snippets_project_list_index" }],
})
export type SnippetRow = InferEntity<typeof SnippetEntity>
