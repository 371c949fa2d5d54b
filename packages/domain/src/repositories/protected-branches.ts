import { Context, type Effect } from "effect"

/** Port: the protected-branch rows of the projects (one per exact branch name). */
export class ProtectedBranchRepository extends Context.Service<
  ProtectedBranchRepository,
  {
    names(projectId: number): Effect.Effect<ReadonlySet<string>>
    isProtected(projectId: number, name: string): Effect.Effect<boolean>
    /** Protecting an already protected branch changes nothing. */
    protect(projectId: number, name: string, at: Date): Effect.Effect<void>
    unprotect(projectId: number, name: string): Effect.Effect<void>
  }
>()("@labrador/domain/repositories/ProtectedBranchRepository") {}
