import { Context, type Effect } from "effect"
import type { Conflict } from "../shared/errors.ts"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { Team, TeamMember, TeamProject } from "./model.ts"

/** Port: user teams, their members and their projects. */
export class TeamRepository extends Context.Service<
  TeamRepository,
  {
    findById(id: number): Effect.Effect<Team | undefined>
    /** Every team, or (with `memberId`) the teams the user belongs to; ascending id. */
    list(memberId: number | undefined, page: PageRequest): Effect.Effect<Page<Team>>
    /** Which of name and path another team already uses, any case. */
    taken(name: string, path: string): Effect.Effect<{ readonly name: boolean; readonly path: boolean }>
    /** A unique-index race is a 409 on `path`. */
    insert(team: Omit<Team, "id">): Effect.Effect<Team, Conflict>

    /** Ascending user id. */
    listMembers(teamId: number, page: PageRequest): Effect.Effect<Page<TeamMember>>
    findMember(teamId: number, userId: number): Effect.Effect<TeamMember | undefined>
    /** A membership that appeared concurrently is a Conflict. */
    insertMember(member: {
      readonly teamId: number
      readonly userId: number
      readonly accessLevel: number
      readonly createdAt: Date
    }): Effect.Effect<void, Conflict>
    removeMember(teamId: number, userId: number): Effect.Effect<void>

    /** Ascending project id. */
    listProjects(teamId: number, page: PageRequest): Effect.Effect<Page<TeamProject>>
    findProject(teamId: number, projectId: number): Effect.Effect<TeamProject | undefined>
    /** An assignment that appeared concurrently is a Conflict. */
    insertProject(assignment: {
      readonly teamId: number
      readonly projectId: number
      readonly greatestAccessLevel: number
      readonly createdAt: Date
    }): Effect.Effect<void, Conflict>
    removeProject(teamId: number, projectId: number): Effect.Effect<void>
  }
>()("@labrador/domain/teams/TeamRepository") {}
