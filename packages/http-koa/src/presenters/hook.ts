import type { ProjectHook } from "@labrador/domain"
import { isoTime } from "./time.ts"

/** v3 `Hook` (with the 6.0 ProjectHook additions). */
export const presentHook = (hook: ProjectHook) => ({
  id: hook.id,
  url: hook.url,
  created_at: isoTime(hook.createdAt),
  project_id: hook.projectId,
  push_events: hook.pushEvents,
  issues_events: hook.issuesEvents,
  merge_requests_events: hook.mergeRequestsEvents,
})
