import { Effect } from "effect"
import { ProjectRepository } from "../projects/repository.ts"
import { GitRepositories } from "../repositories/port.ts"
import { NamespaceRepository } from "./repository.ts"

/**
 * A renamed user's namespace takes his projects' repositories along, inside the caller's
 * transaction, so that the paths on disk and in the database never disagree.
 */
export const renamePersonalNamespace = Effect.fnUntraced(function* (userId: number, from: string, to: string) {
  const namespaces = yield* NamespaceRepository
  const namespace = yield* namespaces.personalOf(userId)
  yield* namespaces.renamePersonal(userId, to)
  if (namespace === undefined) return
  const git = yield* GitRepositories
  for (const project of yield* (yield* ProjectRepository).listInNamespace(namespace.id)) yield* git.move(`${from}/${project.path}`, `${to}/${project.path}`)
})

/**
 * A deleted user's namespaces (personal and owned groups) go with him, and so do their projects
 * with their repositories: nothing is left on disk that the database no longer knows.
 */
export const removeOwnedProjects = Effect.fnUntraced(function* (userId: number) {
  const projects = yield* ProjectRepository
  const git = yield* GitRepositories
  for (const namespace of yield* (yield* NamespaceRepository).ownedBy(userId))
    for (const project of yield* projects.listInNamespace(namespace.id)) {
      yield* projects.remove(project.id)
      yield* git.remove(`${namespace.path}/${project.path}`)
    }
})
