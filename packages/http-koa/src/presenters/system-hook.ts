import type { SystemHook } from "@labrador/domain"
import { isoTime } from "./time.ts"

/** v3 `Hook` of a system hook. */
export const presentSystemHook = (hook: SystemHook) => ({
  id: hook.id,
  url: hook.url,
  created_at: isoTime(hook.createdAt),
})

/** The deleted row, raw, as GitLab's web_hooks table had it. */
export const presentDeletedSystemHook = (hook: SystemHook) => ({
  ...presentSystemHook(hook),
  updated_at: isoTime(hook.createdAt),
  project_id: null,
  type: "SystemHook",
  service_id: null,
})
