import { Effect } from "effect"
import { findVisibleProject } from "../projects/find-visible.ts"
import { fullPath } from "../projects/model.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import { RepositoryPolicy } from "./policy.ts"
import type { Actor } from "../shared/actor.ts"

/**
 * The project of a /projects/:id/repository route and its repository address: 404 when the
 * project is not visible, 403 below reporter (download_code guards the whole repository API).
 */
export const findCodeRepository = (actor: Actor, ref: string) =>
  Effect.flatMap(findVisibleProject(actor, ref), (visible) =>
    ProjectPolicy.require(RepositoryPolicy.canDownloadCode(visible.access), {
      ...visible,
      repo: fullPath(visible.details),
    }),
  )
