import { defineEntity, p, type InferEntity } from "@mikro-orm/core"
import { Effect, Layer } from "effect"
import { Outbox } from "@labrador/domain"
import { Database } from "./em.ts"

/** Events waiting for delivery. Written in the transaction of the change that caused them. */
export const OutboxEventEntity = defineEntity({
  name: "OutboxEvent",
  tableName: "outbox_events",
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().length(64),
    /** null for system events; the project whose hooks receive it otherwise. */
    projectId: p.integer().nullable().index(),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
    /** When the worker fanned it out into deliveries; null while waiting. */
    dispatchedAt: p.datetime().nullable().index(),
  },
})

export type OutboxEventRow = InferEntity<typeof OutboxEventEntity>

export const OutboxLive = Layer.effect(
  Outbox,
  Effect.gen(function* () {
    const db = yield* Database
    return Outbox.of({
      record: (events) =>
        events.length === 0
          ? Effect.void
          : db
              .run((em) =>
                em.insertMany(
                  OutboxEventEntity,
                  events.map((event) => ({
                    name: event.name,
                    projectId: event.scope._tag === "Project" ? event.scope.projectId : null,
                    payload: { ...event.payload },
                    occurredAt: event.occurredAt,
                  })),
                ),
              )
              .pipe(Effect.asVoid),
    })
  }),
)
