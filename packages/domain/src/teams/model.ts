import type { ProjectDetails } from "../projects/model.ts"
import type { User } from "../users/model.ts"

/** A 5.x user team: people and projects, with a cap on what the team grants on each project. */
export interface Team {
  readonly id: number
  readonly name: string
  readonly path: string
  /** The admin who created it; he is not thereby a member. Null once that account is gone. */
  readonly ownerId: number | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A team membership (user_team_user_relationships) with the user. */
export interface TeamMember {
  readonly teamId: number
  readonly user: User
  /** The member's project access inside the team (GitLab's `permission`). */
  readonly accessLevel: number
  /** Internal 5.x flag, always false through the API and never shown. */
  readonly groupAdmin: boolean
  readonly createdAt: Date
  readonly updatedAt: Date
}

/**
 * A project assigned to a team (user_team_project_relationships) with what its view needs. Each
 * team member gets the lower of his team level and `greatestAccessLevel` on it (5.x
 * UserTeamManager); a higher level from another source still wins.
 */
export interface TeamProject {
  readonly teamId: number
  readonly details: ProjectDetails
  /** The most a team member gets on this project through the team (GitLab's `greatest_access`). */
  readonly greatestAccessLevel: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** What POST /user_teams takes. */
export interface TeamAttributes {
  readonly name?: string | undefined
  readonly path?: string | undefined
}
