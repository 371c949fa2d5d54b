import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { IssueRepository } from "../issues/repository.ts"
import { findProjectVisibleTo, findVisibleProject } from "../projects/find-visible.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { Actor } from "../shared/actor.ts"
import { Invalid, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { givenAttributes, requireAttributes } from "../shared/required.ts"
import type { User } from "../users/model.ts"
import { UserPolicy } from "../users/policy.ts"
import type { Milestone, MilestoneChanges, MilestoneInput } from "./model.ts"
import { MilestonePolicy } from "./policy.ts"
import { MilestoneRepository } from "./repository.ts"
import { nextMilestoneState, validateMilestone } from "./rules.ts"

/** The milestone with that id in the project; 404 otherwise (another project's id included). */
export const findMilestoneIn = Effect.fnUntraced(function* (projectId: number, milestoneId: number, resource?: string) {
  const milestone = yield* (yield* MilestoneRepository).find(projectId, milestoneId)
  if (milestone === undefined) return yield* new NotFound(resource === undefined ? {} : { resource })
  return milestone
})

/** The attributes given (5.x attributes_for_keys), the due date trimmed. */
const milestoneAttributes = (input: MilestoneInput): MilestoneInput => {
  const given = givenAttributes(input)
  return { ...given, dueDate: given.dueDate?.trim() }
}

/** GET /projects/:id/milestones */
export const listMilestones = Effect.fnUntraced(function* (actor: Actor, ref: string, page: PageRequest) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* (yield* MilestoneRepository).list(details.project.id, page)
})

/** GET /projects/:id/milestones/:milestone_id */
export const getMilestone = Effect.fnUntraced(function* (actor: Actor, ref: string, milestoneId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* findMilestoneIn(details.project.id, milestoneId)
})

/** GET /projects/:id/milestones/:milestone_id/issues (6.x): the milestone's issues, paginated. */
export const listMilestoneIssues = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  milestoneId: number,
  page: PageRequest,
) {
  const { details } = yield* findVisibleProject(actor, ref)
  const milestone = yield* findMilestoneIn(details.project.id, milestoneId)
  return yield* (yield* IssueRepository).listForProject(details.project.id, { milestoneId: milestone.id }, page)
})

/** POST /projects/:id/milestones: masters; no event (milestones have no author in 5.x). */
export const createMilestone = Effect.fnUntraced(function* (actor: Actor, ref: string, input: MilestoneInput) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  yield* ProjectPolicy.require(MilestonePolicy.canAdmin(access))
  yield* requireAttributes(input, ["title"])
  const given = milestoneAttributes(input)
  const invalid = validateMilestone(given)
  if (invalid) return yield* invalid
  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* MilestoneRepository).insert({
    projectId: details.project.id,
    title: given.title!,
    description: given.description ?? null,
    dueDate: given.dueDate ?? null,
    state: "active",
    createdAt: now,
    updatedAt: now,
  })
})

/** Writes the changes unless another request changed the state first; closing records a 'closed' event. */
const applyChanges = Effect.fnUntraced(function* (
  current: Milestone,
  changes: MilestoneChanges,
  user: User,
  now: Date,
) {
  const applied = yield* (yield* MilestoneRepository).update(current, changes)
  if (!applied) return yield* Invalid.field("state_event", "is invalid")
  const updated: Milestone = { ...current, ...changes }
  if (changes.state === "closed") {
    yield* (yield* EventRepository).record([
      {
        projectId: current.projectId,
        actionName: "closed",
        targetId: current.id,
        targetType: "Milestone",
        targetTitle: updated.title,
        authorId: user.id,
        createdAt: now,
      },
    ])
    yield* (yield* ProjectRepository).touch(current.projectId, now)
  }
  return updated
})

/** PUT /projects/:id/milestones/:milestone_id: present attributes only; close records a 'closed' event. */
export const updateMilestone = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  milestoneId: number,
  input: MilestoneInput,
) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  const { details, access } = yield* findProjectVisibleTo(user, ref)
  yield* ProjectPolicy.require(MilestonePolicy.canAdmin(access))
  const current = yield* findMilestoneIn(details.project.id, milestoneId)
  const given = milestoneAttributes(input)
  const invalid = validateMilestone(given)
  if (invalid) return yield* invalid
  const state = given.stateEvent === undefined ? current.state : nextMilestoneState(current.state, given.stateEvent)
  if (state === undefined) return yield* Invalid.field("state_event", "is invalid")

  const now = new Date(yield* Clock.currentTimeMillis)
  const changes: { -readonly [K in keyof MilestoneChanges]: MilestoneChanges[K] } = { updatedAt: now }
  if (given.title !== undefined && given.title !== current.title) changes.title = given.title
  if (given.description !== undefined && given.description !== current.description)
    changes.description = given.description
  if (given.dueDate !== undefined && given.dueDate !== current.dueDate) changes.dueDate = given.dueDate
  if (state !== current.state) changes.state = state
  if (Object.keys(changes).length === 1) return current

  return yield* (yield* Transactions).transact(applyChanges(current, changes, user, now))
})
