import { Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { NotFound } from "../shared/errors.ts"
import { offsetOf, zeroBasedPageRequest } from "../shared/paging.ts"
import { requireAttributes } from "../shared/required.ts"
import { findCodeRepository } from "./access.ts"
import type { Commit, Comparison, Contributor } from "./model.ts"
import { RepositoryReader } from "./reader.ts"
import { isReadableRef } from "./refs.ts"

/** A ref the client named, resolved to a commit; undefined when it names none. */
export const resolveCommit = Effect.fnUntraced(function* (repo: string, ref: string) {
  if (!isReadableRef(ref)) return undefined
  return yield* (yield* RepositoryReader).commit(repo, ref)
})

const requireCommit = Effect.fnUntraced(function* (repo: string, ref: string) {
  const commit = yield* resolveCommit(repo, ref)
  if (commit === undefined) return yield* new NotFound({ resource: "Commit" })
  return commit
})

/** `ref_name` when given, else the project's default branch, else master (GitLab's fallback). */
export const refOrDefault = (ref: string | undefined, defaultBranch: string | null): string =>
  ref === undefined || ref === "" ? (defaultBranch ?? "master") : ref

/** The commits list's own paging: `page` is ZERO-based (offset = page × per_page) in every v3 version. */
export const commitPage = (page: unknown, perPage: unknown): { readonly offset: number; readonly limit: number } => {
  const request = zeroBasedPageRequest(page, perPage)
  return { offset: offsetOf(request), limit: request.perPage }
}

/** GET /projects/:id/repository/commits: history of the ref, newest first; an unknown ref is an empty list. */
export const listCommits = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  input: { readonly refName?: string | undefined; readonly page?: unknown; readonly perPage?: unknown },
) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const tip = yield* resolveCommit(repo, refOrDefault(input.refName, details.project.defaultBranch))
  if (tip === undefined) return [] as ReadonlyArray<Commit>
  const { offset, limit } = commitPage(input.page, input.perPage)
  return yield* (yield* RepositoryReader).log(repo, tip.id, offset, limit)
})

/** GET /projects/:id/repository/commits/:sha */
export const getCommit = Effect.fnUntraced(function* (actor: Actor, ref: string, sha: string) {
  const { repo } = yield* findCodeRepository(actor, ref)
  return yield* requireCommit(repo, sha)
})

/** GET /projects/:id/repository/commits/:sha/diff: against the first parent, or the empty tree for a root commit. */
export const getCommitDiff = Effect.fnUntraced(function* (actor: Actor, ref: string, sha: string) {
  const { repo } = yield* findCodeRepository(actor, ref)
  const commit = yield* requireCommit(repo, sha)
  return (yield* (yield* RepositoryReader).diff(repo, commit.parentIds[0] ?? null, commit.id)) ?? []
})

/** Most commits a compare lists; GitLab listed them all, this keeps one request bounded. */
const MAX_COMPARE_COMMITS = 10_000

const unresolved: Comparison = { commit: null, commits: [], diffs: [], compareTimeout: false, compareSameRef: false }

/** GET /projects/:id/repository/compare: from..to commits oldest first, and the three-dot diff. */
export const compareRefs = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  input: { readonly from?: string | undefined; readonly to?: string | undefined },
) {
  const { repo } = yield* findCodeRepository(actor, ref)
  yield* requireAttributes(input, ["from", "to"])
  const from = yield* resolveCommit(repo, input.from!)
  const to = yield* resolveCommit(repo, input.to!)
  if (from === undefined || to === undefined) return unresolved
  if (from.id === to.id) return { ...unresolved, compareSameRef: true } satisfies Comparison
  const reader = yield* RepositoryReader
  const between = yield* reader.commitsBetween(repo, to.id, [from.id], MAX_COMPARE_COMMITS)
  const base = (yield* reader.mergeBase(repo, from.id, to.id)) ?? from.id
  const diffs = yield* reader.diff(repo, base, to.id)
  return {
    commit: to,
    commits: between.newest.toReversed(),
    diffs: diffs ?? [],
    compareTimeout: diffs === undefined,
    compareSameRef: false,
  } satisfies Comparison
})

/** GET /projects/:id/repository/contributors: one per author e-mail over the default branch, most recent first. */
export const listContributors = Effect.fnUntraced(function* (actor: Actor, ref: string) {
  const { details, repo } = yield* findCodeRepository(actor, ref)
  const tip = yield* resolveCommit(repo, refOrDefault(undefined, details.project.defaultBranch))
  if (tip === undefined) return [] as ReadonlyArray<Contributor>
  const byEmail = new Map<string, { name: string; email: string; commits: number }>()
  for (const author of yield* (yield* RepositoryReader).authors(repo, tip.id)) {
    const seen = byEmail.get(author.email)
    if (seen === undefined) byEmail.set(author.email, { name: author.name, email: author.email, commits: 1 })
    else seen.commits++
  }
  // Line counts cost a diff of every commit; GitLab itself answers 0 since 13.4.
  return [...byEmail.values()].map((c): Contributor => ({ ...c, additions: 0, deletions: 0 }))
})
