import { isoSeconds } from "../shared/events.ts"
import type { NewProjectEvent } from "../events/model.ts"
import type { DomainEvent } from "../shared/events.ts"
import type { Issue } from "./model.ts"

/** The activity feed line of an issue opened, closed or reopened (5.x names a reopen 'opened'). */
export const issueActivity = (
  issue: Issue,
  action: "opened" | "closed",
  authorId: number,
  at: Date,
): NewProjectEvent => ({
  projectId: issue.projectId,
  actionName: action,
  targetId: issue.id,
  targetType: "Issue",
  targetTitle: issue.title,
  authorId,
  createdAt: at,
})

/**
 * What a project hook with issues_events receives when an issue is opened or changed (GitLab
 * 6.0's issue payload: the issue's attributes, its new state included, under object_attributes).
 */
export const issueHookEvent = (issue: Issue, at: Date): DomainEvent => ({
  name: "issue",
  scope: { _tag: "Project", projectId: issue.projectId },
  payload: {
    object_kind: "issue",
    object_attributes: {
      id: issue.id,
      title: issue.title,
      assignee_id: issue.assigneeId,
      author_id: issue.authorId,
      project_id: issue.projectId,
      created_at: isoSeconds(issue.createdAt),
      updated_at: isoSeconds(issue.updatedAt),
      position: 0,
      branch_name: null,
      description: issue.description,
      milestone_id: issue.milestoneId,
      state: issue.state,
      iid: issue.iid,
    },
  },
  occurredAt: at,
})

/** The system note 5.x adds to an issue whose state changed. */
export const statusChangeNote = (state: "closed" | "reopened"): string => `_Status changed to ${state}_`
