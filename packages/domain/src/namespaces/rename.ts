import { Effect } from "effect"
import type { RepositoryChange } from "../repositories/intents.ts"
import { sameProjects } from "../repositories/journal.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { NamespaceRepository } from "./repository.ts"

/** The moves of a user's projects' repositories that renaming his namespace from `from` to `to` brings. */
export const personalNamespaceMoves = Effect.fnUntraced(function* (userId: number, from: string, to: string) {
  const namespace = yield* (yield* NamespaceRepository).personalOf(userId)
  if (namespace === undefined) return []
  const inside = yield* (yield* ProjectRepository).listInNamespace(namespace.id)
  return inside.map((project): RepositoryChange => ({
    kind: "move",
    projectId: project.id,
    from: `${from}/${project.path}`,
    to: `${to}/${project.path}`,
  }))
})

/**
 * A renamed user's namespace takes his projects' repositories along (`moves`, journaled by the
 * caller), inside the caller's transaction, so that the paths on disk and in the database never disagree.
 */
export const renamePersonalNamespace = Effect.fnUntraced(function* (
  userId: number,
  to: string,
  moves: ReadonlyArray<RepositoryChange>,
) {
  const namespaces = yield* NamespaceRepository
  const namespace = yield* namespaces.personalOf(userId)
  yield* namespaces.renamePersonal(userId, to)
  const inside = namespace === undefined ? [] : yield* (yield* ProjectRepository).listInNamespace(namespace.id)
  yield* sameProjects(
    moves,
    inside.map((project) => project.id),
  )
})

/** The removals of the repositories of every project in the namespaces the user owns (personal and groups). */
export const ownedProjectRemovals = Effect.fnUntraced(function* (userId: number) {
  const projects = yield* ProjectRepository
  const removals: Array<RepositoryChange> = []
  for (const namespace of yield* (yield* NamespaceRepository).ownedBy(userId))
    for (const project of yield* projects.listInNamespace(namespace.id))
      removals.push({ kind: "remove", projectId: project.id, path: `${namespace.path}/${project.path}` })
  return removals
})

/**
 * A deleted user's namespaces (personal and owned groups) go with him, and so do their projects;
 * their repositories with them (`removals`, journaled by the caller): nothing is left on disk that
 * the database no longer knows.
 */
export const removeOwnedProjects = Effect.fnUntraced(function* (
  userId: number,
  removals: ReadonlyArray<RepositoryChange>,
) {
  const projects = yield* ProjectRepository
  const inside: Array<number> = []
  for (const namespace of yield* (yield* NamespaceRepository).ownedBy(userId))
    for (const project of yield* projects.listInNamespace(namespace.id)) {
      inside.push(project.id)
      yield* projects.remove(project.id)
    }
  yield* sameProjects(removals, inside)
})
