import { defineEntity, p } from "@mikro-orm/core"

/** System hooks (GitLab's web_hooks rows of type SystemHook). */
export const SystemHookEntity = defineEntity({
  name: "SystemHook",
  tableName: "system_hooks",
  properties: {
    id: p.integer().primary().autoincrement(),
    url: p.string().length(2000),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
})

/** One POST of one event to one hook URL, with its attempts. */
export const HookDeliveryEntity = defineEntity({
  name: "HookDelivery",
  tableName: "hook_deliveries",
  properties: {
    id: p.integer().primary().autoincrement(),
    eventId: p.integer().nullable(),
    url: p.string().length(2000),
    payload: p.json<Record<string, unknown>>(),
    /** pending → delivered | failed */
    status: p.string().length(16),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    leaseUntil: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastDurationMs: p.integer().nullable(),
    lastResponseExcerpt: p.string().length(1024).nullable(),
    lastError: p.string().length(1024).nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
  indexes: [{ properties: ["status", "nextAttemptAt"], name: "hook_deliveries_due_index" }],
})
