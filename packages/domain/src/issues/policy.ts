import { AccessLevel } from "../shared/access.ts"
import { atLeast, ProjectPolicy, type ProjectAccess } from "../projects/policy.ts"
import type { Issue } from "./model.ts"

const isUser = (access: ProjectAccess, userId: number | null) => access.userId !== undefined && access.userId === userId

/** Issue abilities of 5.x (spec/v3/projects.yaml abilities_5x, item_authors). */
export const IssuePolicy = {
  /** write_issue: guests and up. */
  canCreate: (access: ProjectAccess) => atLeast(access, AccessLevel.GUEST),
  /** Masters (and the owner, admins), the issue's author and its assignee. */
  canModify: (access: ProjectAccess, issue: Issue) =>
    ProjectPolicy.canAdminProject(access) || isUser(access, issue.authorId) || isUser(access, issue.assigneeId),
}
