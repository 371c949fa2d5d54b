import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { NotFound } from "../shared/errors.ts"
import { Outbox } from "../shared/ports.ts"
import { withRepositoryChanges } from "../repositories/journal.ts"
import { UserPolicy } from "../users/policy.ts"
import { projectSystemEvent } from "./events.ts"
import { findProjectByRef } from "./find-visible.ts"
import { fullPath, type ProjectDetails } from "./model.ts"
import { accessTo, ProjectPolicy } from "./policy.ts"
import { ProjectRepository } from "./repository.ts"

/** Removes the project's rows (its repository goes with them, `withRepositoryChanges`). */
const removeProject = Effect.fnUntraced(function* (details: ProjectDetails, now: Date) {
  const projects = yield* ProjectRepository
  yield* projects.rememberDeleted(details.project.id, details.namespace.ownerId, now)
  yield* (yield* Outbox).record([projectSystemEvent("project_destroy", details, now)])
  yield* projects.remove(details.project.id)
  return removed(details) as Deletion<ProjectDetails>
})

/**
 * DELETE /projects/:id: the owner or an admin removes the project with everything in it and its
 * repository. Repeated by someone who could have deleted it: 200 again.
 */
export const deleteProject = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  const projects = yield* ProjectRepository
  const details = yield* findProjectByRef(ref)
  if (details === undefined) {
    const gone = /^\d+$/.test(ref) ? yield* projects.deletedOwner(Number(ref)) : undefined
    if (user.admin && /^\d+$/.test(ref)) return alreadyAbsent as Deletion<ProjectDetails>
    if (gone !== undefined && gone.formerOwnerId === user.id) return alreadyAbsent as Deletion<ProjectDetails>
    return yield* new NotFound({ resource: "Project" })
  }
  const access = yield* accessTo(actor, details)
  yield* ProjectPolicy.requireRead(access)
  yield* ProjectPolicy.require(ProjectPolicy.canRemoveProject(access))

  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* withRepositoryChanges(
    [{ kind: "remove", projectId: details.project.id, path: fullPath(details) }],
    removeProject(details, now),
  )
})
