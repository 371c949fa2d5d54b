import { Clock, Effect } from "effect"
import { NamespaceRepository } from "../namespaces/repository.ts"
import { projectSystemEvent } from "../projects/events.ts"
import { fullPath, type ProjectDetails } from "../projects/model.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { RepositoryChange } from "../repositories/intents.ts"
import { sameProjects, withRepositoryChanges } from "../repositories/journal.ts"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Conflict, NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Outbox, Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import type { Group, GroupAttributes, GroupDetail } from "./model.ts"
import { findGroupVisibleTo, findVisibleGroup, GroupPolicy } from "./policy.ts"
import { GroupRepository } from "./repository.ts"
import { validateGroup } from "./rules.ts"

/** GET /groups: admins see every group, others those they own or belong to. */
export const listGroups = Effect.fnUntraced(function* (actor: Actor, page: PageRequest) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* GroupRepository).list(user.admin ? undefined : user.id, page)
})

/** GET /groups/:id: the group with all of its projects. */
export const getGroup = Effect.fnUntraced(function* (actor: Actor, id: number) {
  const { group } = yield* findVisibleGroup(actor, id)
  const detail: GroupDetail = { group, projects: yield* (yield* GroupRepository).projects(group.id) }
  return detail
})

/** Inserts the group unless its name or its path (shared with every namespace) is taken. */
const insertGroup = Effect.fnUntraced(function* (group: Omit<Group, "id" | "kind">) {
  const groups = yield* GroupRepository
  const taken: Record<string, Array<string>> = {}
  if (yield* groups.nameTaken(group.name)) taken.name = ["has already been taken"]
  if (yield* (yield* NamespaceRepository).pathTaken(group.path)) taken.path = ["has already been taken"]
  if (Object.keys(taken).length > 0) return yield* new Conflict({ message: taken })
  return yield* groups.insert(group)
})

/** Moves the project's row into the group, unless the group has a project of that name or path. */
const moveProject = Effect.fnUntraced(function* (details: ProjectDetails, group: Group) {
  const projects = yield* ProjectRepository
  const taken = yield* projects.taken(group.id, details.project.name, details.project.path, details.project.id)
  if (taken.name || taken.path) {
    const message: Record<string, Array<string>> = {}
    if (taken.name) message.name = ["has already been taken"]
    if (taken.path) message.path = ["has already been taken"]
    return yield* new Conflict({ message })
  }
  yield* projects.moveToNamespace(details.project.id, group.id)
  return group
})

/** Removes the group with its projects' rows: those listed before (`inside`), as journaled. */
const removeGroup = Effect.fnUntraced(function* (group: Group, removals: ReadonlyArray<RepositoryChange>, now: Date) {
  const groups = yield* GroupRepository
  const projects = yield* ProjectRepository
  const inside = yield* groups.projects(group.id)
  yield* sameProjects(
    removals,
    inside.map((details) => details.project.id),
  )
  for (const details of inside) {
    yield* projects.rememberDeleted(details.project.id, group.ownerId, now)
    yield* projects.remove(details.project.id)
  }
  yield* (yield* Outbox).record(inside.map((details) => projectSystemEvent("project_destroy", details, now)))
  yield* groups.remove(group.id)
  return removed(group) as Deletion<Group>
})

/** POST /groups: admins only; the creator owns the group. Name and path are unique across namespaces. */
export const createGroup = Effect.fnUntraced(function* (actor: Actor, attrs: GroupAttributes) {
  const admin = yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(attrs, ["name", "path"])
  const name = attrs.name!.trim()
  const path = attrs.path!.trim()
  const invalid = validateGroup({ name, path })
  if (invalid) return yield* invalid

  const now = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* Transactions).transact(
    insertGroup({ name, path, ownerId: admin.id, description: "", createdAt: now, updatedAt: now }),
  )
})

/**
 * POST /groups/:id/projects/:project_id: admins move a project into a group. The rows and the
 * repository on disk move in one unit of work: a failure on either side leaves both as they were.
 */
export const transferProject = Effect.fnUntraced(function* (actor: Actor, groupId: number, projectId: number) {
  yield* UserPolicy.requireAdmin(actor)
  const group = yield* (yield* GroupRepository).findById(groupId)
  if (group === undefined) return yield* new NotFound({})
  const projects = yield* ProjectRepository
  const details = yield* projects.findById(projectId)
  if (details === undefined) return yield* new NotFound({})
  if (details.project.namespaceId === group.id) return group

  const move = {
    kind: "move" as const,
    projectId: details.project.id,
    from: fullPath(details),
    to: fullPath({ project: details.project, namespace: group }),
  }
  return yield* withRepositoryChanges([move], moveProject(details, group))
})

/**
 * DELETE /groups/:id (6.x): the owner or an admin removes the group with its projects and their
 * repositories. An admin repeating it gets 200.
 */
export const deleteGroup = Effect.fnUntraced(function* (actor: Actor, id: number) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  const groups = yield* GroupRepository
  if (user.admin && (yield* groups.findById(id)) === undefined) return alreadyAbsent as Deletion<Group>
  const { group, access } = yield* findGroupVisibleTo(user, id)
  yield* GroupPolicy.require(GroupPolicy.canRemove(access))

  const now = new Date(yield* Clock.currentTimeMillis)
  const removals = (yield* groups.projects(group.id)).map((details): RepositoryChange => ({
    kind: "remove",
    projectId: details.project.id,
    path: fullPath(details),
  }))
  return yield* withRepositoryChanges(removals, removeGroup(group, removals, now))
})
