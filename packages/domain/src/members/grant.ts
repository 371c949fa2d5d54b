import { Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { membershipSystemEvent } from "../projects/events.ts"
import type { ProjectDetails } from "../projects/model.ts"
import { Outbox } from "../shared/ports.ts"
import type { User } from "../users/model.ts"
import { MembershipRepository } from "./repository.ts"

/**
 * Gives `user` at least `level` on the project as a membership row (GitLab 5.x's users_projects):
 * a new member joins (event and user_add_to_team); an existing lower level is raised; a higher one
 * is kept. Runs inside the caller's transaction.
 */
export const grantProjectAccess = Effect.fnUntraced(function* (
  details: ProjectDetails,
  user: User,
  level: number,
  now: Date,
) {
  const members = yield* MembershipRepository
  const existing = yield* members.find(details.project.id, user.id)
  if (existing !== undefined) {
    if (existing.accessLevel < level) yield* members.updateLevel(details.project.id, user.id, level)
    return
  }
  yield* members.insert({ projectId: details.project.id, userId: user.id, accessLevel: level, createdAt: now })
  yield* (yield* EventRepository).record([
    { projectId: details.project.id, actionName: "joined", authorId: user.id, createdAt: now },
  ])
  yield* (yield* Outbox).record([membershipSystemEvent("user_add_to_team", details, user, level, now)])
})
