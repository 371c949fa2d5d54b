import type { Milestone } from "@labrador/domain"
import { isoTime } from "./time.ts"

/** v3 `Milestone`. */
export const presentMilestone = (milestone: Milestone) => ({
  id: milestone.id,
  project_id: milestone.projectId,
  title: milestone.title,
  description: milestone.description,
  due_date: milestone.dueDate,
  state: milestone.state,
  updated_at: isoTime(milestone.updatedAt),
  created_at: isoTime(milestone.createdAt),
})
