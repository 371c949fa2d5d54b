import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { fullPath, type ProjectDetails } from "../projects/model.ts"
import { ProjectPolicy, type ProjectAccess } from "../projects/policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { DomainEvent } from "../shared/events.ts"
import { Outbox, Transactions } from "../shared/ports.ts"
import type { User } from "../users/model.ts"
import type { GitGrant } from "./git-access.ts"
import { BRANCH_PREFIX, commitTimeIso, TAG_PREFIX, ZERO_ID, type RefHead, type RefUpdate } from "./model.ts"
import { GitRepositories } from "./port.ts"
import { ProtectedBranchRepository } from "./protected-branches.ts"
import { RepositoryReader } from "./reader.ts"

/** What may happen to one ref update of a push. */
export type RefVerdict =
  | { readonly _tag: "Allow" }
  | { readonly _tag: "Refuse"; readonly reason: string }
  /** Allowed when the new commit descends from the old one; refused with `reason` otherwise. */
  | { readonly _tag: "FastForwardOnly"; readonly reason: string }

export const PushRefusal = {
  notBranchOrTag: "You can only push branches and tags to this project.",
  protectedBranch: "You are not allowed to push code to protected branches on this project.",
  deleteProtected: "You are not allowed to delete protected branches from this project.",
  forcePushProtected: "You are not allowed to force push code to a protected branch on this project.",
  duplicateRef: "duplicate ref: this push updates the same ref more than once, so none of it is applied.",
} as const

const allow: RefVerdict = { _tag: "Allow" }

/**
 * The protected-branch rule per ref (spec/v3/repositories.yaml git_http.authorization): only
 * masters and the owner update a protected branch, and nobody deletes or rewrites one.
 */
export const refVerdict = (update: RefUpdate, access: ProjectAccess, protectedNames: ReadonlySet<string>): RefVerdict => {
  if (update.ref.startsWith(TAG_PREFIX)) return allow
  if (!update.ref.startsWith(BRANCH_PREFIX)) return { _tag: "Refuse", reason: PushRefusal.notBranchOrTag }
  if (!protectedNames.has(update.ref.slice(BRANCH_PREFIX.length))) return allow
  if (!ProjectPolicy.canPushProtected(access)) return { _tag: "Refuse", reason: PushRefusal.protectedBranch }
  if (update.after === ZERO_ID) return { _tag: "Refuse", reason: PushRefusal.deleteProtected }
  if (update.before === ZERO_ID) return allow
  return { _tag: "FastForwardOnly", reason: PushRefusal.forcePushProtected }
}

/**
 * The verdict on every ref update a push asks for, before git applies any of them. A push naming
 * one ref twice is refused whole: git applies such commands one after the other, so
 * "cur→cur, cur→0, 0→evil" would pass each rule alone and still rewrite a protected branch.
 */
export const authorizePush = Effect.fnUntraced(function* (grant: GitGrant, updates: ReadonlyArray<RefUpdate>) {
  if (new Set(updates.map((update) => update.ref)).size < updates.length)
    return updates.map((update) => ({ update, verdict: { _tag: "Refuse", reason: PushRefusal.duplicateRef } satisfies RefVerdict }))
  const protectedNames = yield* (yield* ProtectedBranchRepository).names(grant.details.project.id)
  return updates.map((update) => ({ update, verdict: refVerdict(update, grant.access, protectedNames) }))
})

/** GitLab lists at most the last 20 commits of a push in its payload (total_commits_count has them all). */
export const PUSH_COMMITS_LIMIT = 20

/** The addresses a push payload shows, from the server's external URL. */
const linksOf = (externalUrl: string, details: ProjectDetails) => {
  const base = externalUrl.replace(/\/+$/, "")
  const path = fullPath(details)
  return { base, path, ssh: `git@${new URL(base).hostname}:${path}.git`, web: `${base}/${path}` }
}

/**
 * Commits new to the repository with this update: old..new for an update, what no other branch
 * has for a creation (GitLab 6.x), none for a deletion.
 */
const pushedCommits = Effect.fnUntraced(function* (repo: string, update: RefUpdate, headsAfter: ReadonlyArray<RefHead>) {
  if (update.after === ZERO_ID) return { total: 0, newest: [] }
  const exclude =
    update.before !== ZERO_ID
      ? [update.before]
      : [...new Set(headsAfter.filter((head) => BRANCH_PREFIX + head.name !== update.ref).map((head) => head.commit.id))]
  return yield* (yield* RepositoryReader).commitsBetween(repo, update.after, exclude, PUSH_COMMITS_LIMIT)
})

/** GitLab's push payload (entities-repository.yaml PushHookPayload), keys in GitLab's order. */
export const pushPayload = Effect.fnUntraced(function* (details: ProjectDetails, pusher: User, update: RefUpdate, headsAfter: ReadonlyArray<RefHead>, externalUrl: string) {
  const links = linksOf(externalUrl, details)
  const { total, newest } = yield* pushedCommits(links.path, update, headsAfter)
  return {
    before: update.before,
    after: update.after,
    ref: update.ref,
    user_id: pusher.id,
    user_name: pusher.name,
    project_id: details.project.id,
    repository: { name: details.project.name, url: links.ssh, description: details.project.description, homepage: links.web },
    commits: newest.toReversed().map((commit) => ({
      id: commit.id,
      message: commit.message,
      timestamp: commitTimeIso(commit.committedAt),
      url: `${links.web}/commit/${commit.id}`,
      author: { name: commit.author.name, email: commit.author.email },
    })),
    total_commits_count: total,
  }
})

/** The first push names the default branch: master when it exists, else the first branch pushed. */
export const firstDefaultBranch = (updates: ReadonlyArray<RefUpdate>, headsAfter: ReadonlyArray<RefHead>): string | undefined => {
  const existing = new Set(headsAfter.map((head) => head.name))
  if (existing.has("master")) return "master"
  return updates
    .filter((update) => update.ref.startsWith(BRANCH_PREFIX) && update.after !== ZERO_ID)
    .map((update) => update.ref.slice(BRANCH_PREFIX.length))
    .find((name) => existing.has(name))
}

/** A ref update with its push payload. */
interface PushedRef {
  readonly update: RefUpdate
  readonly payload: Record<string, unknown>
}

/** The push's events, the default branch, last_activity_at and the branch hook events. */
const recordPushRows = Effect.fnUntraced(function* (pusher: User, projectId: number, payloads: ReadonlyArray<PushedRef>, defaultBranch: string | undefined, now: Date) {
  const projects = yield* ProjectRepository
  yield* (yield* EventRepository).record(payloads.map(({ payload }) => ({ projectId, actionName: "opened", authorId: pusher.id, data: payload, createdAt: now })))
  if (defaultBranch !== undefined) yield* projects.setDefaultBranchIfUnset(projectId, defaultBranch)
  yield* projects.touch(projectId, now)
  const hookEvents = payloads
    .filter(({ update }) => update.ref.startsWith(BRANCH_PREFIX))
    .map(({ payload }): DomainEvent => ({ name: "push", scope: { _tag: "Project", projectId }, payload, occurredAt: now }))
  yield* (yield* Outbox).record(hookEvents)
})

/**
 * The push pipeline (spec/v3/repositories.yaml push_pipeline) for the ref updates git applied, in
 * its order: one push event per ref, the default branch on the first push, last_activity_at, and
 * the branch payloads queued for the project hooks — all in one transaction.
 */
export const recordPush = Effect.fnUntraced(function* (pusher: User, projectId: number, updates: ReadonlyArray<RefUpdate>, externalUrl: string) {
  if (updates.length === 0) return
  const projects = yield* ProjectRepository
  const details = yield* projects.findById(projectId)
  if (details === undefined) return
  const headsAfter = yield* (yield* RepositoryReader).branches(fullPath(details))
  const payloads: Array<PushedRef> = []
  for (const update of updates) payloads.push({ update, payload: yield* pushPayload(details, pusher, update, headsAfter, externalUrl) })
  const defaultBranch = details.project.defaultBranch === null ? firstDefaultBranch(updates, headsAfter) : undefined
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* (yield* Transactions).transact(recordPushRows(pusher, projectId, payloads, defaultBranch, now))
  // A clone checks out HEAD: it follows the default branch the first push named.
  if (defaultBranch !== undefined) yield* Effect.orDie((yield* GitRepositories).setHead(fullPath(details), defaultBranch))
})
