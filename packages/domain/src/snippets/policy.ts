import { AccessLevel } from "../shared/access.ts"
import { atLeast, ProjectPolicy, type ProjectAccess } from "../projects/policy.ts"
import type { Snippet } from "./model.ts"

/** Snippet abilities of 5.x: write_snippet from reporter up; modify/admin for masters and the author. */
export const SnippetPolicy = {
  canCreate: (access: ProjectAccess) => atLeast(access, AccessLevel.REPORTER),
  canModify: (access: ProjectAccess, snippet: Snippet) =>
    ProjectPolicy.canAdminProject(access) || (access.userId !== undefined && access.userId === snippet.authorId),
}
