import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { NamespaceEntity } from "../namespaces/entity.ts"

export const ProjectEntity = defineEntity({
  name: "Project",
  tableName: "projects",
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(255),
    path: p.string().length(255),
    description: p.text().nullable(),
    defaultBranch: p.string().length(255).nullable(),
    public: p.boolean().default(false),
    issuesEnabled: p.boolean().default(true),
    wallEnabled: p.boolean().default(false),
    mergeRequestsEnabled: p.boolean().default(true),
    wikiEnabled: p.boolean().default(true),
    snippetsEnabled: p.boolean().default(false),
    namespace: () => p.manyToOne(NamespaceEntity).deleteRule("cascade"),
    creatorId: p.integer().nullable(),
    forkedFromProjectId: p.integer().nullable().index(),
    createdAt: p.datetime(),
    lastActivityAt: p.datetime(),
  },
  // A narrow copy of the id order: a deep page of /projects/all skips index entries, not whole rows.
  indexes: [{ properties: ["id"], name: "projects_id_order_index" }],
  uniques: [
    { properties: ["namespace", "path"], name: "projects_namespace_path_unique" },
    { properties: ["namespace", "name"], name: "projects_namespace_name_unique" },
  ],
})
export type ProjectRow = InferEntity<typeof ProjectEntity>

/** Ids of deleted projects with their former owner: a repeated DELETE by him stays 200. */
export const DeletedProjectEntity = defineEntity({
  name: "DeletedProject",
  tableName: "deleted_projects",
  properties: {
    id: p.integer().primary(),
    formerOwnerId: p.integer().nullable(),
    deletedAt: p.datetime(),
  },
})
