import { Effect } from "effect"
import { AccessLevel } from "../shared/access.ts"
import type { Actor } from "../shared/actor.ts"
import { Forbidden, NotFound } from "../shared/errors.ts"
import type { User } from "../users/model.ts"
import type { ProjectDetails } from "./model.ts"
import { ProjectRepository } from "./repository.ts"

/** What the actor holds on one project: the level every ability below is read from. */
export interface ProjectAccess {
  readonly userId: number | undefined
  /** Highest level from membership, teams and groups; 0 for none. */
  readonly level: number
  /** Owner of the project's namespace: master rights plus remove/rename/transfer. */
  readonly isOwner: boolean
  /** Site admins act as owners on every project (GitLab 6.x; 5.x gave them nothing). */
  readonly isAdmin: boolean
}

const NO_ACCESS: ProjectAccess = { userId: undefined, level: 0, isOwner: false, isAdmin: false }

/** A signed-in user's access; the caller has checked the sign-in. Combinators: this runs on every /projects/:id request. */
export const accessOf = (
  user: User,
  details: ProjectDetails,
): Effect.Effect<ProjectAccess, never, ProjectRepository> => {
  if (details.namespace.ownerId === user.id)
    return Effect.succeed({ userId: user.id, level: AccessLevel.OWNER, isOwner: true, isAdmin: user.admin })
  return Effect.map(
    Effect.flatMap(Effect.service(ProjectRepository), (projects) => projects.accessLevel(details.project.id, user.id)),
    (level): ProjectAccess => ({ userId: user.id, level, isOwner: false, isAdmin: user.admin }),
  )
}

/** Any actor's access, anonymous included (git over HTTP reads public projects without one). */
export const accessTo = (
  actor: Actor,
  details: ProjectDetails,
): Effect.Effect<ProjectAccess, never, ProjectRepository> =>
  actor._tag === "User" ? accessOf(actor.user, details) : Effect.succeed(NO_ACCESS)

/** Levels are cumulative; the namespace owner and site admins hold every one. Each resource's policy reads its abilities from this. */
export const atLeast = (access: ProjectAccess, level: number): boolean =>
  access.isAdmin || access.isOwner || access.level >= level

/**
 * The project's own abilities (spec/v3/projects.yaml abilities_5x); those on what a project holds
 * live in that resource's policy (issues, notes, snippets, milestones, repositories).
 */
export const ProjectPolicy = {
  canRead: (a: ProjectAccess) => atLeast(a, AccessLevel.GUEST),
  /** Members, hooks, deploy keys, any issue/snippet/milestone/note. */
  canAdminProject: (a: ProjectAccess) => atLeast(a, AccessLevel.MASTER),
  canRemoveProject: (a: ProjectAccess) => a.isAdmin || a.isOwner,

  /** Fails with 404 (existence is not leaked) when the actor may not read the project; else `value`. */
  requireRead: <A = void>(a: ProjectAccess, value?: A): Effect.Effect<A, NotFound> =>
    ProjectPolicy.canRead(a) ? Effect.succeed(value as A) : Effect.fail(new NotFound({ resource: "Project" })),
  /** Fails with 403 when the actor may read but not do this; else `value`. */
  require: <A = void>(allowed: boolean, value?: A): Effect.Effect<A, Forbidden> =>
    allowed ? Effect.succeed(value as A) : Effect.fail(new Forbidden()),
}
