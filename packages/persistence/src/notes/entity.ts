import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"
import { UserEntity } from "../users/entity.ts"

/** Notes of a project: on its wall (no noteable) or on one issue or snippet. */
export const NoteEntity = defineEntity({
  name: "Note",
  tableName: "notes",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    note: p.text(),
    attachment: p.string().length(255).nullable(),
    author: () => p.manyToOne(UserEntity).deleteRule("cascade").index(),
    noteableType: p.string().length(32).nullable(),
    noteableId: p.integer().nullable(),
    system: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  indexes: [{ properties: ["project", "noteableType", "noteableId", "id"], name: "notes_noteable_list_index" }],
})
export type NoteRow = InferEntity<typeof NoteEntity>
