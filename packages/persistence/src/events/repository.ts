import { Effect, Layer } from "effect"
import { EventRepository, offsetOf, pageOf, type ProjectEvent } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { EventEntity, type EventRow } from "./entity.ts"

const toEvent = (row: EventRow): ProjectEvent => ({
  id: row.id,
  projectId: row.project.id,
  actionName: row.actionName as ProjectEvent["actionName"],
  targetId: row.targetId ?? null,
  targetType: (row.targetType ?? null) as ProjectEvent["targetType"],
  targetTitle: row.targetTitle ?? null,
  title: row.title ?? null,
  authorId: row.authorId,
  data: row.data ?? null,
  createdAt: row.createdAt,
})

export const EventRepositoryLive = Layer.effect(
  EventRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return EventRepository.of({
      record: (events) =>
        events.length === 0
          ? Effect.void
          : db
              .run((em) =>
                em.insertMany(
                  EventEntity,
                  events.map((e) => ({
                    project: e.projectId,
                    actionName: e.actionName,
                    targetId: e.targetId ?? null,
                    targetType: e.targetType ?? null,
                    targetTitle: e.targetTitle ?? null,
                    title: e.title ?? null,
                    authorId: e.authorId,
                    data: e.data ? { ...e.data } : null,
                    createdAt: e.createdAt,
                  })),
                ),
              )
              .pipe(Effect.asVoid),
      listForProject: (projectId, request) =>
        db
          .run((em) =>
            em.findAndCount(
              EventEntity,
              { project: projectId },
              { orderBy: [{ createdAt: "desc" }, { id: "desc" }], limit: request.perPage, offset: offsetOf(request) },
            ),
          )
          .pipe(Effect.map(([rows, total]) => pageOf(request, rows.map(toEvent), total))),
    })
  }),
)
