import type { User } from "../users/model.ts"

/** A direct project membership row with its user. */
export interface ProjectMember {
  readonly projectId: number
  readonly user: User
  readonly accessLevel: number
  readonly createdAt: Date
}

export interface NewMembership {
  readonly projectId: number
  readonly userId: number
  readonly accessLevel: number
  readonly createdAt: Date
}
