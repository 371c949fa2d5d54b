import { Effect, Layer } from "effect"
import { MilestoneRepository, offsetOf, pageOf, type Milestone } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { MilestoneEntity, type MilestoneRow } from "./entity.ts"

const toMilestone = (row: MilestoneRow): Milestone => ({
  id: row.id,
  projectId: row.project.id,
  title: row.title,
  description: row.description ?? null,
  dueDate: row.dueDate ?? null,
  state: row.state === "closed" ? "closed" : "active",
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
})

export const MilestoneRepositoryLive = Layer.effect(
  MilestoneRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return MilestoneRepository.of({
      list: (projectId, request) =>
        db
          .run((em) =>
            em.findAndCount(
              MilestoneEntity,
              { project: projectId },
              { orderBy: { id: "asc" }, limit: request.perPage, offset: offsetOf(request) },
            ),
          )
          .pipe(Effect.map(([rows, total]) => pageOf(request, rows.map(toMilestone), total))),
      find: (projectId, milestoneId) =>
        db
          .run((em) => em.findOne(MilestoneEntity, { id: milestoneId, project: projectId }))
          .pipe(Effect.map((row) => (row ? toMilestone(row) : undefined))),
      insert: (milestone) =>
        db
          .run((em) =>
            em.insert(MilestoneEntity, {
              project: milestone.projectId,
              title: milestone.title,
              description: milestone.description,
              dueDate: milestone.dueDate,
              state: milestone.state,
              createdAt: milestone.createdAt,
              updatedAt: milestone.updatedAt,
            }),
          )
          .pipe(Effect.map((id) => ({ ...milestone, id }))),
      update: (current, changes) =>
        db
          .run((em) => em.nativeUpdate(MilestoneEntity, { id: current.id, state: current.state }, { ...changes }))
          .pipe(Effect.map((affected) => affected > 0)),
    })
  }),
)
