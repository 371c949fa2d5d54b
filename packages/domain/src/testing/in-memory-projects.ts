import { Effect } from "effect"
import type { Namespace } from "../namespaces/model.ts"
import type { ProjectDetails, Project } from "../projects/model.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { RepositoryIntents, type RepositoryIntent } from "../repositories/intents.ts"
import { GitRepositories } from "../repositories/port.ts"
import { Conflict } from "../shared/errors.ts"
import { offsetOf, pageOf } from "../shared/paging.ts"
import type { User } from "../users/model.ts"
import type { MemoryStore } from "./in-memory.ts"

/** Projects in memory, over the same store as the users (memberships as a level map). */
export const memoryProjects = (store: MemoryStore, userOf: (id: number) => User | undefined) => {
  const namespaceOf = (id: number): Namespace | undefined => [...store.namespaces.values()].find((n) => n.id === id)
  const details = (project: Project): ProjectDetails => {
    const namespace = namespaceOf(project.namespaceId)!
    const source = project.forkedFromProjectId === null ? undefined : store.projects.get(project.forkedFromProjectId)
    return {
      project,
      namespace,
      owner: namespace.ownerId === null ? null : (userOf(namespace.ownerId) ?? null),
      forkedFrom: source
        ? {
            id: source.id,
            name: source.name,
            path: source.path,
            namespace: namespaceOf(source.namespaceId)!,
            namespaceOwnerName: null,
          }
        : null,
    }
  }
  const levelOf = (projectId: number, userId: number) => store.memberships.get(`${projectId}:${userId}`) ?? 0
  const sorted = () => [...store.projects.values()].toSorted((a, b) => a.id - b.id)
  const matches = (project: Project, search: string | undefined) =>
    !search || project.name.toLowerCase().includes(search.toLowerCase())
  const paged = (all: Array<Project>, request: { page: number; perPage: number }) =>
    pageOf(request, all.slice(offsetOf(request), offsetOf(request) + request.perPage).map(details), all.length)

  return ProjectRepository.of({
    findById: (id) => Effect.sync(() => (store.projects.has(id) ? details(store.projects.get(id)!) : undefined)),
    findByFullPath: (namespacePath, path) =>
      Effect.sync(() => {
        const project = sorted().find(
          (p) =>
            p.path.toLowerCase() === path.toLowerCase() &&
            namespaceOf(p.namespaceId)?.path.toLowerCase() === namespacePath.toLowerCase(),
        )
        return project && details(project)
      }),
    accessLevel: (projectId, userId) => Effect.sync(() => levelOf(projectId, userId)),
    listAuthorized: (userId, filter, request) =>
      Effect.sync(() =>
        paged(
          sorted().filter(
            (p) =>
              matches(p, filter.search) &&
              (namespaceOf(p.namespaceId)?.ownerId === userId || (!filter.ownedOnly && levelOf(p.id, userId) > 0)),
          ),
          request,
        ),
      ),
    listAll: (filter, request) =>
      Effect.sync(() =>
        paged(
          sorted().filter((p) => matches(p, filter.search)),
          request,
        ),
      ),
    listInNamespace: (namespaceId) => Effect.sync(() => sorted().filter((p) => p.namespaceId === namespaceId)),
    taken: (namespaceId, name, path, except) =>
      Effect.sync(() => {
        const others = sorted().filter((p) => p.namespaceId === namespaceId && p.id !== except)
        return {
          name: others.some((p) => p.name.toLowerCase() === name.toLowerCase()),
          path: others.some((p) => p.path.toLowerCase() === path.toLowerCase()),
        }
      }),
    countPersonal: (userId) =>
      Effect.sync(
        () =>
          sorted().filter((p) => {
            const n = namespaceOf(p.namespaceId)
            return n?.kind === "user" && n.ownerId === userId
          }).length,
      ),
    insert: (project) =>
      Effect.sync(() => {
        const row = { ...project, id: store.nextId++ }
        store.projects.set(row.id, row)
        return row
      }),
    moveToNamespace: (projectId, namespaceId) =>
      Effect.suspend(() => {
        const project = store.projects.get(projectId)!
        if (sorted().some((p) => p.namespaceId === namespaceId && p.path === project.path))
          return Effect.fail(Conflict.taken("path"))
        store.projects.set(projectId, { ...project, namespaceId })
        return Effect.void
      }),
    setForkedFrom: (projectId, from) =>
      Effect.sync(
        () => void store.projects.set(projectId, { ...store.projects.get(projectId)!, forkedFromProjectId: from }),
      ),
    touch: (projectId, at) =>
      Effect.sync(() => void store.projects.set(projectId, { ...store.projects.get(projectId)!, lastActivityAt: at })),
    setDefaultBranchIfUnset: (projectId, name) =>
      Effect.sync(() => {
        const project = store.projects.get(projectId)!
        if (project.defaultBranch === null) store.projects.set(projectId, { ...project, defaultBranch: name })
      }),
    remove: (projectId) => Effect.sync(() => void store.projects.delete(projectId)),
    rememberDeleted: (projectId, formerOwnerId) =>
      Effect.sync(() => void store.deletedProjects.set(projectId, formerOwnerId)),
    deletedOwner: (projectId) =>
      Effect.sync(() =>
        store.deletedProjects.has(projectId) ? { formerOwnerId: store.deletedProjects.get(projectId)! } : undefined,
      ),
  })
}

const trashOf = (path: string, trash: string) => `${path.slice(0, path.indexOf("/"))}/.deleted-${trash}`

/** Repositories as a set of paths (trash folders among them): enough for the rules that create, move and remove them. */
export const memoryGit = (store: MemoryStore) =>
  GitRepositories.of({
    create: (path) => Effect.sync(() => void store.repositories.add(path)),
    remove: (path) => Effect.sync(() => void store.repositories.delete(path)),
    trash: (path, trash) =>
      Effect.sync(() => {
        if (store.repositories.delete(path)) store.repositories.add(trashOf(path, trash))
      }),
    restore: (path, trash) =>
      Effect.sync(() => {
        if (!store.repositories.has(path) && store.repositories.delete(trashOf(path, trash)))
          store.repositories.add(path)
      }),
    emptyTrash: (path, trash) => Effect.sync(() => void store.repositories.delete(trashOf(path, trash))),
    move: (from, to) =>
      Effect.sync(() => {
        if (store.repositories.delete(from)) store.repositories.add(to)
      }),
    exists: (path) => Effect.sync(() => store.repositories.has(path)),
    createTag: () => Effect.succeed(true),
    setHead: () => Effect.void,
  })

/** The journal of repository changes in memory (one process: nothing is ever held by another). */
export const memoryIntents = () => {
  const intents = new Map<number, RepositoryIntent>()
  let nextId = 1
  return RepositoryIntents.of({
    record: (changes) =>
      Effect.sync(() =>
        changes.map((change) => {
          const intent: RepositoryIntent = { ...change, id: nextId, trash: `trash${nextId++}` }
          intents.set(intent.id, intent)
          return intent
        }),
      ),
    hold: (ids) => Effect.sync(() => ids.every((id) => intents.has(id))),
    forget: (ids) => Effect.sync(() => ids.forEach((id) => intents.delete(id))),
    pending: () => Effect.sync(() => [...intents.values()]),
  })
}
