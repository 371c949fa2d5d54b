import type { IssueView } from "@labrador/domain"
import { presentMilestone } from "./milestone.ts"
import { isoTime } from "./time.ts"
import { presentUserBasic } from "./user.ts"

/** v3 `Issue`, with GitLab 6.1's per-project `iid` after the global id. */
export const presentIssue = ({ issue, author, assignee, milestone }: IssueView) => ({
  id: issue.id,
  iid: issue.iid,
  project_id: issue.projectId,
  title: issue.title,
  description: issue.description,
  labels: [...issue.labels],
  milestone: milestone === null ? null : presentMilestone(milestone),
  assignee: assignee === null ? null : presentUserBasic(assignee),
  author: presentUserBasic(author),
  state: issue.state,
  updated_at: isoTime(issue.updatedAt),
  created_at: isoTime(issue.createdAt),
})
