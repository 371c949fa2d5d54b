import { Effect, Layer } from "effect"
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely"
import { DeliveryQueue, type Delivery } from "@labrador/domain"
import { Database, type DB } from "../shared/em.ts"
import { rowLimit, toJson } from "../shared/sql.ts"
import { HookDeliveryEntity } from "./entity.ts"

/** Which project hook flag an outbox event needs (5.x hooks fire on push; 6.0 added the others). */
const HOOK_FLAG: Record<string, "push_events" | "issues_events" | "merge_requests_events"> = {
  push: "push_events",
  issue: "issues_events",
  merge_request: "merge_requests_events",
  note: "issues_events",
}

/**
 * The delivery queue in SQL. Claims are single UPDATE … RETURNING statements whose outer WHERE
 * repeats the condition, so two workers (PostgreSQL re-checks it on a concurrent update; SQLite
 * serializes writers) never take the same row.
 */
export const DeliveryQueueLive = Layer.effect(
  DeliveryQueue,
  Effect.gen(function* () {
    const db = yield* Database
    const t = db.sqlTime
    // PostgreSQL: rows another worker is claiming are skipped, not waited for (SQLite has one writer).
    const skipLocked = <T extends keyof DB, O>(q: SelectQueryBuilder<DB, T, O>) =>
      db.dialect === "postgresql" ? q.forUpdate().skipLocked() : q
    return DeliveryQueue.of({
      dispatch: (limit, now) =>
        db.run((em) =>
          em.transactional(async (tx) => {
            const k = (tx as typeof em).getKysely<DB>()
            const events: Array<{ id: number; name: string; project_id: number | null; payload: unknown }> = await k
              .updateTable("outbox_events")
              .set({ dispatched_at: t(now) })
              .where("dispatched_at", "is", null)
              .where(
                "id",
                "in",
                skipLocked(
                  k
                    .selectFrom("outbox_events")
                    .select("id")
                    .where("dispatched_at", "is", null)
                    .orderBy("id")
                    .limit(rowLimit(limit)),
                ),
              )
              .returning(["id", "name", "project_id", "payload"])
              .execute()
            const systemUrls: Array<string> = events.some((e) => e.project_id === null)
              ? (await k.selectFrom("system_hooks").select("url").orderBy("id").execute()).map(
                  (r: { url: string }) => r.url,
                )
              : []
            const rows: Array<Record<string, unknown>> = []
            for (const event of events) {
              const payload = toJson<Record<string, unknown>>(event.payload) ?? {}
              let urls = systemUrls
              if (event.project_id !== null) {
                const flag = HOOK_FLAG[event.name]
                urls = flag
                  ? (
                      await k
                        .selectFrom("web_hooks")
                        .select("url")
                        .where("project_id", "=", event.project_id)
                        .where(sql.ref(flag), "=", db.dialect === "sqlite" ? 1 : true)
                        .orderBy("id")
                        .execute()
                    ).map((r: { url: string }) => r.url)
                  : []
              }
              for (const url of urls)
                rows.push({
                  eventId: event.id,
                  url,
                  payload,
                  status: "pending",
                  attempts: 0,
                  nextAttemptAt: now,
                  createdAt: now,
                })
            }
            if (rows.length > 0) await tx.insertMany(HookDeliveryEntity, rows as never)
            return events.length
          }),
        ),
      enqueue: (url, payload, now) =>
        db
          .run((em) =>
            em.insert(HookDeliveryEntity, {
              eventId: null,
              url,
              payload: { ...payload },
              status: "pending",
              attempts: 0,
              nextAttemptAt: now,
              createdAt: now,
            }),
          )
          .pipe(Effect.asVoid),
      claim: (limit, now, leaseUntil, except = []) =>
        db
          .query((k): Promise<Array<{ id: number; url: string; payload: unknown; attempts: number }>> => {
            const due = (eb: ExpressionBuilder<DB, "hook_deliveries">) =>
              eb.and([
                eb("status", "=", "pending"),
                eb("next_attempt_at", "<=", t(now)),
                eb.or([eb("lease_until", "is", null), eb("lease_until", "<", t(now))]),
              ])
            const candidates = k.selectFrom("hook_deliveries").select("id").where(due)
            // Deliveries to receivers the worker has no slot for stay for a later claim (or another worker).
            const left = except.length > 0 ? candidates.where("url", "not in", except) : candidates
            const ids = skipLocked(left.orderBy("id").limit(rowLimit(limit)))
            const claimed = k
              .updateTable("hook_deliveries")
              .set((eb) => ({ lease_until: t(leaseUntil), attempts: eb("attempts", "+", 1) }))
              .where(due)
            // PostgreSQL may run an `IN (… LIMIT n FOR UPDATE SKIP LOCKED)` subquery once per row, each
            // run skipping the rows the last one locked: far more than n claimed. ARRAY(…) runs it once.
            return (
              db.dialect === "postgresql"
                ? claimed.where(sql<boolean>`id = any(array(${ids}))`)
                : claimed.where("id", "in", ids)
            )
              .returning(["id", "url", "payload", "attempts"])
              .execute()
          })
          .pipe(
            Effect.map((rows: Array<{ id: number; url: string; payload: unknown; attempts: number }>) =>
              rows.map((row): Delivery => ({
                id: Number(row.id),
                url: row.url,
                payload: toJson<Record<string, unknown>>(row.payload) ?? {},
                attempts: Number(row.attempts) - 1,
              })),
            ),
          ),
      record: (id, result, outcome, now) =>
        db
          .run((em) =>
            em.nativeUpdate(
              HookDeliveryEntity,
              { id },
              {
                status: outcome.delivered ? "delivered" : outcome.retryAt === null ? "failed" : "pending",
                nextAttemptAt: outcome.retryAt ?? now,
                leaseUntil: null,
                lastStatusCode: result.statusCode,
                lastDurationMs: Math.round(result.durationMs),
                lastResponseExcerpt: result.responseExcerpt?.slice(0, 1024) ?? null,
                lastError: result.error?.slice(0, 1024) ?? null,
                deliveredAt: outcome.delivered ? now : null,
              },
            ),
          )
          .pipe(Effect.asVoid),
      release: (id, retryAt) =>
        db
          .query((k) =>
            k
              .updateTable("hook_deliveries")
              .set((eb) => ({ lease_until: null, next_attempt_at: t(retryAt), attempts: eb("attempts", "-", 1) }))
              .where("id", "=", id)
              .where("status", "=", "pending")
              .where("lease_until", "is not", null)
              .execute(),
          )
          .pipe(Effect.asVoid),
    })
  }),
)
