import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { findMilestoneIn } from "../milestones/milestones.ts"
import { NoteRepository } from "../notes/repository.ts"
import { findProjectVisibleTo, findVisibleProject } from "../projects/find-visible.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { Actor } from "../shared/actor.ts"
import { Invalid, NotAllowed, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Outbox, Transactions } from "../shared/ports.ts"
import { givenAttributes, isBlank, requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import { UserRepository } from "../users/repository.ts"
import { issueActivity, issueHookEvent, statusChangeNote } from "./events.ts"
import type { Milestone } from "../milestones/model.ts"
import type { User } from "../users/model.ts"
import type { IssueChanges, IssueFilter, IssueInput, IssueView, NewIssue } from "./model.ts"
import { IssuePolicy } from "./policy.ts"
import { IssueRepository } from "./repository.ts"
import { nextIssueState, normalizeLabels, validateIssue } from "./rules.ts"

/** The list filters as the client sent them. */
export interface IssueFilterInput {
  readonly state?: string | undefined
  readonly labels?: ReadonlyArray<string> | undefined
  readonly milestone?: string | undefined
}

const issueFilter = (input: IssueFilterInput): Effect.Effect<IssueFilter, Invalid> => {
  const state = isBlank(input.state) ? undefined : input.state
  if (state !== undefined && state !== "opened" && state !== "closed" && state !== "all")
    return Effect.fail(Invalid.field("state", "is invalid"))
  const labels = input.labels === undefined ? [] : normalizeLabels(input.labels)
  return Effect.succeed({
    state,
    labels: labels.length === 0 ? undefined : labels,
    milestoneTitle: isBlank(input.milestone) ? undefined : input.milestone,
  })
}

/** The attributes given (5.x attributes_for_keys); labels that name nothing count as absent. */
const issueAttributes = (input: IssueInput): IssueInput => {
  const given = givenAttributes(input)
  const labels = given.labels === undefined ? undefined : normalizeLabels(given.labels)
  return { ...given, labels: labels === undefined || labels.length === 0 ? undefined : labels }
}

const findAssignee = Effect.fnUntraced(function* (userId: number) {
  const user = yield* (yield* UserRepository).findById(userId)
  if (user === undefined) return yield* new NotFound({ resource: "User" })
  return user
})

/** The issue with that global id in the project; 404 otherwise (another project's issue included). */
export const findIssueIn = Effect.fnUntraced(function* (projectId: number, issueId: number) {
  const view = yield* (yield* IssueRepository).find(projectId, issueId)
  if (view === undefined) return yield* new NotFound({})
  return view
})

/** GET /issues: the issues the caller authored, in every project. */
export const listMyIssues = Effect.fnUntraced(function* (actor: Actor, filter: IssueFilterInput, page: PageRequest) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* IssueRepository).listByAuthor(user.id, yield* issueFilter(filter), page)
})

/** GET /projects/:id/issues */
export const listProjectIssues = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  filter: IssueFilterInput,
  page: PageRequest,
) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* (yield* IssueRepository).listForProject(details.project.id, yield* issueFilter(filter), page)
})

/** GET /projects/:id/issues/:issue_id */
export const getIssue = Effect.fnUntraced(function* (actor: Actor, ref: string, issueId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* findIssueIn(details.project.id, issueId)
})

/** Inserts the issue with its activity event and its hook event. */
const insertIssue = Effect.fnUntraced(function* (
  draft: NewIssue,
  author: User,
  assignee: User | null,
  milestone: Milestone | null,
) {
  const { projectId, createdAt: now } = draft
  const issue = yield* (yield* IssueRepository).insert(draft)
  yield* (yield* EventRepository).record([issueActivity(issue, "opened", author.id, now)])
  yield* (yield* ProjectRepository).touch(projectId, now)
  yield* (yield* Outbox).record([issueHookEvent(issue, now)])
  const view: IssueView = { issue, author, assignee, milestone }
  return view
})

/**
 * Writes the changes unless another request changed the state since `current` was read; a state
 * change also records its event and system note.
 */
const applyChanges = Effect.fnUntraced(function* (
  current: IssueView,
  changes: IssueChanges,
  assignee: User | null,
  milestone: Milestone | null,
  editor: User,
  now: Date,
) {
  const was = current.issue
  const applied = yield* (yield* IssueRepository).update(was, changes)
  // Another request changed the state between our read and this write.
  if (!applied) return yield* Invalid.field("state_event", "is invalid")
  const issue = { ...was, ...changes }
  yield* (yield* Outbox).record([issueHookEvent(issue, now)])
  if (changes.state !== undefined) {
    const closed = changes.state === "closed"
    yield* (yield* EventRepository).record([issueActivity(issue, closed ? "closed" : "opened", editor.id, now)])
    yield* (yield* ProjectRepository).touch(issue.projectId, now)
    yield* (yield* NoteRepository).insert({
      projectId: issue.projectId,
      body: statusChangeNote(closed ? "closed" : "reopened"),
      attachment: null,
      authorId: editor.id,
      noteable: { type: "Issue", id: issue.id },
      system: true,
      createdAt: now,
      updatedAt: now,
    })
  }
  const view: IssueView = { issue, author: current.author, assignee, milestone }
  return view
})

/** POST /projects/:id/issues: guests and up; the title is checked before the project lookup (5.x). */
export const createIssue = Effect.fnUntraced(function* (actor: Actor, ref: string, input: IssueInput) {
  const author = yield* UserPolicy.requireSignedIn(actor)
  yield* requireAttributes(input, ["title"])
  const { details, access } = yield* findProjectVisibleTo(author, ref)
  yield* ProjectPolicy.require(IssuePolicy.canCreate(access))
  const given = issueAttributes(input)
  const invalid = validateIssue(given)
  if (invalid) return yield* invalid
  const projectId = details.project.id
  const assignee = given.assigneeId === undefined ? null : yield* findAssignee(given.assigneeId)
  const milestone =
    given.milestoneId === undefined ? null : yield* findMilestoneIn(projectId, given.milestoneId, "Milestone")

  const now = new Date(yield* Clock.currentTimeMillis)
  const draft: NewIssue = {
    projectId,
    title: given.title!,
    description: given.description ?? null,
    labels: given.labels ?? [],
    milestoneId: milestone?.id ?? null,
    assigneeId: assignee?.id ?? null,
    authorId: author.id,
    state: "opened",
    createdAt: now,
    updatedAt: now,
  }
  return yield* (yield* Transactions).transact(insertIssue(draft, author, assignee, milestone))
})

/**
 * PUT /projects/:id/issues/:issue_id: the author, the assignee or a master; present attributes
 * only. A state change records the feed's event and 5.x's system note with it.
 */
export const updateIssue = Effect.fnUntraced(function* (actor: Actor, ref: string, issueId: number, input: IssueInput) {
  const editor = yield* UserPolicy.requireSignedIn(actor)
  const { details, access } = yield* findProjectVisibleTo(editor, ref)
  const current = yield* findIssueIn(details.project.id, issueId)
  yield* ProjectPolicy.require(IssuePolicy.canModify(access, current.issue))
  const given = issueAttributes(input)
  const invalid = validateIssue(given)
  if (invalid) return yield* invalid
  const state =
    given.stateEvent === undefined ? current.issue.state : nextIssueState(current.issue.state, given.stateEvent)
  if (state === undefined) return yield* Invalid.field("state_event", "is invalid")
  const assignee = given.assigneeId === undefined ? current.assignee : yield* findAssignee(given.assigneeId)
  const milestone =
    given.milestoneId === undefined
      ? current.milestone
      : yield* findMilestoneIn(details.project.id, given.milestoneId, "Milestone")

  const now = new Date(yield* Clock.currentTimeMillis)
  const was = current.issue
  const changes: { -readonly [K in keyof IssueChanges]: IssueChanges[K] } = { updatedAt: now }
  if (given.title !== undefined && given.title !== was.title) changes.title = given.title
  if (given.description !== undefined && given.description !== was.description) changes.description = given.description
  if (given.labels !== undefined && given.labels.join(",") !== was.labels.join(",")) changes.labels = given.labels
  if ((assignee?.id ?? null) !== was.assigneeId) changes.assigneeId = assignee?.id ?? null
  if ((milestone?.id ?? null) !== was.milestoneId) changes.milestoneId = milestone?.id ?? null
  if (state !== was.state) changes.state = state
  if (Object.keys(changes).length === 1) return current

  return yield* (yield* Transactions).transact(applyChanges(current, changes, assignee, milestone, editor, now))
})

/** DELETE /projects/:id/issues/:issue_id: never supported (close issues instead); 405 without any lookup. */
export const deleteIssue = Effect.fnUntraced(function* (actor: Actor) {
  yield* UserPolicy.requireSignedIn(actor)
  return yield* new NotAllowed()
})
