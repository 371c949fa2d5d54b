import { Clock, Effect } from "effect"
import { ProjectPolicy } from "../projects/policy.ts"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { findCodeRepository } from "./access.ts"
import type { Branch, RefHead } from "./model.ts"
import { ProtectedBranchRepository } from "./protected-branches.ts"
import { RepositoryReader } from "./reader.ts"

const withProtection = (head: RefHead, protectedNames: ReadonlySet<string>): Branch => ({
  ...head,
  protected: protectedNames.has(head.name),
})

const findBranch = Effect.fnUntraced(function* (repo: string, name: string, resource?: string) {
  const head = yield* (yield* RepositoryReader).branch(repo, name)
  if (head === undefined) return yield* new NotFound(resource === undefined ? {} : { resource })
  return head
})

/** GET /projects/:id/repository/branches: every refs/heads/*, by name. */
export const listBranches = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const heads = yield* (yield* RepositoryReader).branches(repo)
  const protectedNames = yield* (yield* ProtectedBranchRepository).names(details.project.id)
  return heads.map((head) => withProtection(head, protectedNames))
})

/** GET /projects/:id/repository/branches/:branch (tags do not count). */
export const getBranch = Effect.fnUntraced(function* (actor: Actor, ref: string, name: string) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const head = yield* findBranch(repo, name, "Branch")
  const isProtected = yield* (yield* ProtectedBranchRepository).isProtected(details.project.id, name)
  return { ...head, protected: isProtected } satisfies Branch
})

/** PUT …/branches/:branch/protect and …/unprotect: masters and the owner; idempotent. */
export const setBranchProtection = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  name: string,
  protect: boolean,
) {
  const { details, access, repo } = yield* findCodeRepository(actor, ref)
  yield* ProjectPolicy.require(ProjectPolicy.canAdminProject(access))
  const head = yield* findBranch(repo, name)
  const rows = yield* ProtectedBranchRepository
  if (protect) yield* rows.protect(details.project.id, name, new Date(yield* Clock.currentTimeMillis))
  else yield* rows.unprotect(details.project.id, name)
  return { ...head, protected: protect } satisfies Branch
})
