import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound, type Unauthorized } from "../shared/errors.ts"
import { UserPolicy } from "../users/policy.ts"
import type { ProjectDetails } from "./model.ts"
import type { User } from "../users/model.ts"
import { accessOf, ProjectPolicy, type ProjectAccess } from "./policy.ts"
import { ProjectRepository } from "./repository.ts"

export interface VisibleProject {
  readonly details: ProjectDetails
  readonly access: ProjectAccess
}

const NUMERIC_ID = /^\d+$/

// Combinators rather than generators below, and as few steps as they can be: they run on every
// /projects/:id request.

/** `:id` of every /projects/:id route: a numeric id first, then `namespace/path`. */
export const findProjectByRef = (ref: string): Effect.Effect<ProjectDetails | undefined, never, ProjectRepository> =>
  // A numeric ref has no slash, so it can name no project by path.
  Effect.flatMap(Effect.service(ProjectRepository), (projects) =>
    NUMERIC_ID.test(ref) ? projects.findById(Number(ref)) : byFullPath(projects, ref),
  )

const byFullPath = (projects: ProjectRepository["Service"], ref: string): Effect.Effect<ProjectDetails | undefined> => {
  const slash = ref.indexOf("/")
  if (slash <= 0 || slash === ref.length - 1 || ref.indexOf("/", slash + 1) !== -1) return Effect.succeed(undefined)
  return projects.findByFullPath(ref.slice(0, slash), ref.slice(slash + 1))
}

/** The project the route names, when the signed-in actor may read it; 401 for anyone else, 404 when not visible. */
export const findVisibleProject = (
  actor: Actor,
  ref: string,
): Effect.Effect<VisibleProject, Unauthorized | NotFound, ProjectRepository> =>
  UserPolicy.whenSignedIn(actor, (user) => findProjectVisibleTo(user, ref))

/** The same for a use case that has already checked the sign-in (it needs the user first), so that it is checked once. */
export const findProjectVisibleTo = (
  user: User,
  ref: string,
): Effect.Effect<VisibleProject, NotFound, ProjectRepository> =>
  Effect.flatMap(findProjectByRef(ref), (details) =>
    details === undefined
      ? Effect.fail(new NotFound({ resource: "Project" }))
      : Effect.flatMap(accessOf(user, details), (access) => ProjectPolicy.requireRead(access, { details, access })),
  )
