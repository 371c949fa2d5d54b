import { AccessLevel } from "../shared/access.ts"
import type { Namespace } from "../namespaces/model.ts"
import type { ProjectDetails } from "../projects/model.ts"
import type { User } from "../users/model.ts"

/** A group is a namespace row of type "Group": it shares the path space with usernames. */
export type Group = Namespace

/** GET /groups/:id: the group with every project of its namespace. */
export interface GroupDetail {
  readonly group: Group
  readonly projects: ReadonlyArray<ProjectDetails>
}

/** A user's membership of a group (6.x users_groups) with the user. */
export interface GroupMember {
  readonly groupId: number
  readonly user: User
  readonly accessLevel: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface NewGroupMember {
  readonly groupId: number
  readonly userId: number
  readonly accessLevel: number
  readonly createdAt: Date
}

/** What POST /groups takes. */
export interface GroupAttributes {
  readonly name?: string | undefined
  readonly path?: string | undefined
}

/** 6.x group levels: the project levels plus OWNER. */
export const groupAccessLevels: ReadonlyArray<number> = Object.values(AccessLevel)

export const isGroupAccessLevel = (value: number): boolean => groupAccessLevels.includes(value)
