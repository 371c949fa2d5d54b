import type { ProjectEvent } from "@labrador/domain"

/** v3 `Event`. */
export const presentEvent = (event: ProjectEvent) => ({
  title: event.title,
  project_id: event.projectId,
  action_name: event.actionName,
  target_id: event.targetId,
  target_type: event.targetType,
  author_id: event.authorId,
  data: event.data,
  target_title: event.targetTitle,
})
