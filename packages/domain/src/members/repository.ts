import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { NewMembership, ProjectMember } from "./model.ts"

/** Port: direct project memberships (GitLab's users_projects). */
export class MembershipRepository extends Context.Service<
  MembershipRepository,
  {
    /** `query` filters on username (substring, case-insensitive). Ascending user id. */
    list(projectId: number, query: string | undefined, page: PageRequest): Effect.Effect<Page<ProjectMember>>
    find(projectId: number, userId: number): Effect.Effect<ProjectMember | undefined>
    insert(membership: NewMembership): Effect.Effect<void>
    updateLevel(projectId: number, userId: number, accessLevel: number): Effect.Effect<void>
    remove(projectId: number, userId: number): Effect.Effect<void>
  }
>()("@labrador/domain/members/MembershipRepository") {}
