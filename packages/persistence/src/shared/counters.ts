import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { ProjectEntity } from "../projects/entity.ts"
import type { DB, Em } from "./em.ts"

/** Per-project sequences (issue iids): one row per project and counter, holding the last value given out. */
export const ProjectCounterEntity = defineEntity({
  name: "ProjectCounter",
  tableName: "project_counters",
  properties: {
    id: p.integer().primary().autoincrement(),
    project: () => p.manyToOne(ProjectEntity).deleteRule("cascade"),
    name: p.string().length(32),
    value: p.integer(),
  },
  uniques: [{ properties: ["project", "name"], name: "project_counters_project_name_unique" }],
})
export type ProjectCounterRow = InferEntity<typeof ProjectCounterEntity>

/**
 * The next value of a project's counter, in one statement that both databases run atomically
 * (insert the first row or add one to it). The row stays locked until the caller's transaction
 * ends, so concurrent allocations, from any number of processes, queue up and never collide; a
 * rolled-back allocation gives its number back.
 */
export const nextProjectCounter = async (em: Em, projectId: number, name: string): Promise<number> => {
  const row = await em
    .getKysely<DB>()
    .insertInto("project_counters")
    .values({ project_id: projectId, name, value: 1 })
    .onConflict((conflict) =>
      conflict.columns(["project_id", "name"]).doUpdateSet((eb) => ({ value: eb("project_counters.value", "+", 1) })),
    )
    .returning("value")
    .executeTakeFirstOrThrow()
  return Number(row.value)
}
