import { Context, type Effect } from "effect"
import type { ProjectDetails } from "../projects/model.ts"
import type { Conflict } from "../shared/errors.ts"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { Group, GroupMember, NewGroupMember } from "./model.ts"

/** Port: groups (namespaces of type "Group") and their members. */
export class GroupRepository extends Context.Service<
  GroupRepository,
  {
    findById(id: number): Effect.Effect<Group | undefined>
    /** Every group, or (with `visibleTo`) those the user owns or is a member of; ascending id. */
    list(visibleTo: number | undefined, page: PageRequest): Effect.Effect<Page<Group>>
    /** Whether any namespace (group or personal) already has this name, any case. */
    nameTaken(name: string): Effect.Effect<boolean>
    /** A unique-path race is a 409 on `path`. */
    insert(group: Omit<Group, "id" | "kind">): Effect.Effect<Group, Conflict>
    remove(id: number): Effect.Effect<void>
    /** The projects of the group's namespace with what their view needs, ascending id. */
    projects(groupId: number): Effect.Effect<ReadonlyArray<ProjectDetails>>
    /** Ascending user id. */
    listMembers(groupId: number, page: PageRequest): Effect.Effect<Page<GroupMember>>
    findMember(groupId: number, userId: number): Effect.Effect<GroupMember | undefined>
    /** A membership that appeared concurrently is a Conflict. */
    insertMember(member: NewGroupMember): Effect.Effect<void, Conflict>
    removeMember(groupId: number, userId: number): Effect.Effect<void>
  }
>()("@labrador/domain/groups/GroupRepository") {}
