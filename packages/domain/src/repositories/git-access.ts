import { Effect } from "effect"
import { findProjectByRef } from "../projects/find-visible.ts"
import { fullPath, type ProjectDetails } from "../projects/model.ts"
import { accessTo, ProjectPolicy, type ProjectAccess } from "../projects/policy.ts"
import { RepositoryPolicy } from "./policy.ts"
import type { Actor } from "../shared/actor.ts"
import { Forbidden, NotFound, Unauthorized } from "../shared/errors.ts"

/** The two smart-HTTP services: fetch/clone and push. */
export type GitService = "upload-pack" | "receive-pack"

/** Who may talk to which repository, and as whom. */
export interface GitGrant {
  readonly actor: Actor
  readonly details: ProjectDetails
  readonly access: ProjectAccess
  /** The repository's address (`namespace/path`), canonical case. */
  readonly repo: string
}

/**
 * The access decision for one smart-HTTP request (spec/v3/repositories.yaml git_http): fetch needs
 * download_code (reporter+) or a public project, push needs developer+. Unknown project 404;
 * anonymous and refused 401 (so that git asks for credentials); a reader refused a push 403; anyone
 * else refused, fetches included, 404 (the project is not revealed).
 */
export const authorizeGitAccess = Effect.fnUntraced(function* (actor: Actor, projectPath: string, service: GitService) {
  const details = projectPath.includes("/") ? yield* findProjectByRef(projectPath) : undefined
  if (details === undefined) return yield* new NotFound({ resource: "Project" })
  const access = yield* accessTo(actor, details)
  const allowed =
    service === "upload-pack"
      ? details.project.public || RepositoryPolicy.canDownloadCode(access)
      : RepositoryPolicy.canPush(access)
  if (allowed) {
    const grant: GitGrant = { actor, details, access, repo: fullPath(details) }
    return grant
  }
  if (actor._tag === "Anonymous") return yield* new Unauthorized()
  // A signed-in caller refused a fetch learns nothing (404); one refused a push who may read gets 403.
  if (service === "receive-pack" && (ProjectPolicy.canRead(access) || details.project.public))
    return yield* new Forbidden()
  return yield* new NotFound({ resource: "Project" })
})
