import { Schema } from "effect"
import type { Namespace } from "../namespaces/model.ts"
import type { User } from "../users/model.ts"

export const Project = Schema.Struct({
  id: Schema.Int,
  name: Schema.String,
  path: Schema.String,
  description: Schema.NullOr(Schema.String),
  defaultBranch: Schema.NullOr(Schema.String),
  public: Schema.Boolean,
  issuesEnabled: Schema.Boolean,
  wallEnabled: Schema.Boolean,
  mergeRequestsEnabled: Schema.Boolean,
  wikiEnabled: Schema.Boolean,
  snippetsEnabled: Schema.Boolean,
  namespaceId: Schema.Int,
  creatorId: Schema.NullOr(Schema.Int),
  forkedFromProjectId: Schema.NullOr(Schema.Int),
  createdAt: Schema.Date,
  lastActivityAt: Schema.Date,
})
export type Project = typeof Project.Type

/** The summary of the source project that a fork shows. */
export interface ForkSource {
  readonly id: number
  readonly name: string
  readonly path: string
  readonly namespace: Namespace
  readonly namespaceOwnerName: string | null
}

/** A project with what every view of it needs: its namespace, the namespace owner, its fork source. */
export interface ProjectDetails {
  readonly project: Project
  readonly namespace: Namespace
  readonly owner: User | null
  readonly forkedFrom: ForkSource | null
}

/** `namespace/path`: the project's address in URLs and on disk. */
export const fullPath = (details: {
  readonly project: { readonly path: string }
  readonly namespace: { readonly path: string }
}): string => `${details.namespace.path}/${details.project.path}`

/** What a creator may set. */
export interface ProjectAttributes {
  readonly name?: string | undefined
  readonly path?: string | undefined
  readonly description?: string | undefined
  readonly defaultBranch?: string | undefined
  readonly issuesEnabled?: boolean | undefined
  readonly wallEnabled?: boolean | undefined
  readonly mergeRequestsEnabled?: boolean | undefined
  readonly wikiEnabled?: boolean | undefined
  readonly snippetsEnabled?: boolean | undefined
  readonly public?: boolean | undefined
  readonly namespaceId?: number | undefined
}
