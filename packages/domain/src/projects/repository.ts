import { Context, type Effect } from "effect"
import type { Conflict } from "../shared/errors.ts"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { Project, ProjectDetails } from "./model.ts"

export interface ProjectFilter {
  /** Substring of the name (SQL LIKE), case-insensitive. */
  readonly search?: string | undefined
  /** Only projects whose namespace the user owns. */
  readonly ownedOnly?: boolean | undefined
}

/** Port: projects, looked up with what every view of them needs. */
export class ProjectRepository extends Context.Service<
  ProjectRepository,
  {
    findById(id: number): Effect.Effect<ProjectDetails | undefined>
    findByFullPath(namespacePath: string, path: string): Effect.Effect<ProjectDetails | undefined>
    /**
     * The user's access level on the project from every source that grants one (direct
     * membership, teams, groups), 0 when none. Namespace ownership is the policy's business.
     */
    accessLevel(projectId: number, userId: number): Effect.Effect<number>
    /** The caller's authorized projects (owned namespaces, memberships, teams, groups), ascending id. */
    listAuthorized(userId: number, filter: ProjectFilter, page: PageRequest): Effect.Effect<Page<ProjectDetails>>
    /** Every project (admins). */
    listAll(filter: ProjectFilter, page: PageRequest): Effect.Effect<Page<ProjectDetails>>
    listInNamespace(namespaceId: number): Effect.Effect<ReadonlyArray<Project>>
    /** Which of name and path another project of the namespace already uses. */
    taken(
      namespaceId: number,
      name: string,
      path: string,
      exceptProjectId?: number,
    ): Effect.Effect<{ readonly name: boolean; readonly path: boolean }>
    /** Projects in the user's personal namespace (what projects_limit counts). */
    countPersonal(userId: number): Effect.Effect<number>
    insert(project: Omit<Project, "id">): Effect.Effect<Project, Conflict>
    moveToNamespace(projectId: number, namespaceId: number): Effect.Effect<void, Conflict>
    setForkedFrom(projectId: number, forkedFromProjectId: number | null): Effect.Effect<void>
    touch(projectId: number, at: Date): Effect.Effect<void>
    /** Sets default_branch unless one is set already (the first push names it). */
    setDefaultBranchIfUnset(projectId: number, name: string): Effect.Effect<void>
    remove(projectId: number): Effect.Effect<void>
    /** Deleted projects are remembered with their former owner so a repeated DELETE stays 200. */
    rememberDeleted(projectId: number, formerOwnerId: number | null, at: Date): Effect.Effect<void>
    deletedOwner(projectId: number): Effect.Effect<{ readonly formerOwnerId: number | null } | undefined>
  }
>()("@labrador/domain/projects/ProjectRepository") {}
