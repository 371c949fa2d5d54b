import { Clock, Effect } from "effect"
import { AccessLevel } from "../shared/access.ts"
import type { Actor } from "../shared/actor.ts"
import { Conflict, Forbidden, NotFound } from "../shared/errors.ts"
import { Outbox } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { EventRepository } from "../events/repository.ts"
import { MembershipRepository } from "../members/repository.ts"
import type { Namespace } from "../namespaces/model.ts"
import { NamespaceRepository } from "../namespaces/repository.ts"
import { withRepositoryChanges } from "../repositories/journal.ts"
import type { User } from "../users/model.ts"
import { UserPolicy } from "../users/policy.ts"
import { UserRepository } from "../users/repository.ts"
import { membershipSystemEvent, projectSystemEvent } from "./events.ts"
import { type Project, type ProjectAttributes, type ProjectDetails } from "./model.ts"
import { ProjectRepository } from "./repository.ts"
import { parameterize, validateProject } from "./rules.ts"

/** The gitlab.yml feature defaults of the era. */
const FEATURE_DEFAULTS = {
  issuesEnabled: true,
  wallEnabled: false,
  mergeRequestsEnabled: true,
  wikiEnabled: true,
  snippetsEnabled: false,
}

/** POST /projects: into the caller's namespace, or a namespace he may manage. */
export const createProject = Effect.fnUntraced(function* (actor: Actor, attrs: ProjectAttributes) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  yield* requireAttributes(attrs, ["name"])
  const namespaces = yield* NamespaceRepository
  let namespace: Namespace | undefined
  if (attrs.namespaceId !== undefined) {
    namespace = yield* namespaces.findById(attrs.namespaceId)
    if (namespace === undefined || !(user.admin || namespace.ownerId === user.id))
      return yield* new NotFound({ resource: "Namespace" })
  } else namespace = yield* namespaces.personalOf(user.id)
  if (namespace === undefined) return yield* new NotFound({ resource: "Namespace" })
  return yield* createIn(user, namespace, attrs)
})

/** POST /projects/user/:user_id: an admin creates a project as (and for) another user. */
export const createProjectForUser = Effect.fnUntraced(function* (
  actor: Actor,
  userId: number,
  attrs: ProjectAttributes,
) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(attrs, ["name"])
  const target = yield* (yield* UserRepository).findById(userId)
  if (target === undefined) return yield* new NotFound({ resource: "User" })
  const namespace = yield* (yield* NamespaceRepository).personalOf(target.id)
  if (namespace === undefined) return yield* new NotFound({ resource: "Namespace" })
  return yield* createIn(target, namespace, { ...attrs, path: undefined, namespaceId: undefined })
})

/**
 * Inserts the project unless its name or path is taken, with the creator's membership of a
 * personal project and the events.
 */
const insertProject = Effect.fnUntraced(function* (creator: User, namespace: Namespace, project: Omit<Project, "id">) {
  const projects = yield* ProjectRepository
  const now = project.createdAt
  const taken = yield* projects.taken(namespace.id, project.name, project.path)
  if (taken.name || taken.path) {
    const message: Record<string, Array<string>> = {}
    if (taken.name) message.name = ["has already been taken"]
    if (taken.path) message.path = ["has already been taken"]
    return yield* new Conflict({ message })
  }
  const { id } = yield* projects.insert(project)
  const details = (yield* projects.findById(id))!
  const outbox = [projectSystemEvent("project_create", details, now)]
  // A personal project's creator becomes its master; group projects get no row.
  if (namespace.kind === "user") {
    yield* (yield* MembershipRepository).insert({
      projectId: id,
      userId: creator.id,
      accessLevel: AccessLevel.MASTER,
      createdAt: now,
    })
    yield* (yield* EventRepository).record([
      { projectId: id, actionName: "joined", authorId: creator.id, createdAt: now },
    ])
    outbox.push(membershipSystemEvent("user_add_to_team", details, creator, AccessLevel.MASTER, now))
  }
  yield* (yield* Outbox).record(outbox)
  return details as ProjectDetails
})

const createIn = Effect.fnUntraced(function* (creator: User, namespace: Namespace, attrs: ProjectAttributes) {
  const projects = yield* ProjectRepository
  const personal = namespace.kind === "user" && namespace.ownerId === creator.id
  if (personal && (yield* projects.countPersonal(creator.id)) >= creator.projectsLimit) return yield* new Forbidden()
  const name = attrs.name!.trim()
  const path = attrs.path?.trim() || parameterize(name)
  const invalid = validateProject({ name, path, description: attrs.description })
  if (invalid) return yield* invalid

  const now = new Date(yield* Clock.currentTimeMillis)
  const project: Omit<Project, "id"> = {
    name,
    path,
    description: attrs.description ?? null,
    defaultBranch: attrs.defaultBranch ?? null,
    public: attrs.public ?? false,
    issuesEnabled: attrs.issuesEnabled ?? FEATURE_DEFAULTS.issuesEnabled,
    wallEnabled: attrs.wallEnabled ?? FEATURE_DEFAULTS.wallEnabled,
    mergeRequestsEnabled: attrs.mergeRequestsEnabled ?? FEATURE_DEFAULTS.mergeRequestsEnabled,
    wikiEnabled: attrs.wikiEnabled ?? FEATURE_DEFAULTS.wikiEnabled,
    snippetsEnabled: attrs.snippetsEnabled ?? FEATURE_DEFAULTS.snippetsEnabled,
    namespaceId: namespace.id,
    creatorId: creator.id,
    forkedFromProjectId: null,
    createdAt: now,
    lastActivityAt: now,
  }
  // The row first: its unique keys keep a concurrent create of the same path off the directory.
  return yield* withRepositoryChanges(
    [{ kind: "create", path: `${namespace.path}/${path}` }],
    insertProject(creator, namespace, project),
  )
})
