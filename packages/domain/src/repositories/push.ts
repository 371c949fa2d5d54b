import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { fullPath, type ProjectDetails } from "../projects/model.ts"
import type { ProjectAccess } from "../projects/policy.ts"
import { RepositoryPolicy } from "./policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { DomainEvent } from "../shared/events.ts"
import { Outbox, Transactions } from "../shared/ports.ts"
import type { User } from "../users/model.ts"
import type { GitGrant } from "./git-access.ts"
import {
  BRANCH_PREFIX,
  commitTimeIso,
  commitTitle,
  TAG_PREFIX,
  TRUNCATED_MESSAGE_NOTICE,
  ZERO_ID,
  type Commit,
  type RefHead,
  type RefUpdate,
} from "./model.ts"
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
export const refVerdict = (
  update: RefUpdate,
  access: ProjectAccess,
  protectedNames: ReadonlySet<string>,
): RefVerdict => {
  if (update.ref.startsWith(TAG_PREFIX)) return allow
  if (!update.ref.startsWith(BRANCH_PREFIX)) return { _tag: "Refuse", reason: PushRefusal.notBranchOrTag }
  if (!protectedNames.has(update.ref.slice(BRANCH_PREFIX.length))) return allow
  if (!RepositoryPolicy.canPushProtected(access)) return { _tag: "Refuse", reason: PushRefusal.protectedBranch }
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
    return updates.map((update) => ({
      update,
      verdict: { _tag: "Refuse", reason: PushRefusal.duplicateRef } satisfies RefVerdict,
    }))
  const protectedNames = yield* (yield* ProtectedBranchRepository).names(grant.details.project.id)
  return updates.map((update) => ({ update, verdict: refVerdict(update, grant.access, protectedNames) }))
})

/** GitLab lists at most the last 20 commits of a push in its payload (total_commits_count has them all). */
export const PUSH_COMMITS_LIMIT = 20

/**
 * Most ref updates one push may ask for; a push naming more is refused whole, before git reads
 * its pack (git shows the reason beside each ref). Mirrors of larger repositories push in batches.
 */
export const MAX_REFS_PER_PUSH = 2000

/** Why a push is refused whole before git sees it, if it is. */
export const pushSizeRefusal = (updates: ReadonlyArray<RefUpdate>): string | undefined =>
  updates.length > MAX_REFS_PER_PUSH
    ? `this push updates ${updates.length} refs, at most ${MAX_REFS_PER_PUSH} may be pushed at once`
    : undefined

/**
 * More refs than this of one kind (branch or tag) and one action (created, pushed, removed) in a
 * push make one bulk event in the feed instead of one each: GitLab's push_event_activities_limit
 * (default 3, since 12.4). The branches' hooks still get one payload each, as in 5.x and 6.x.
 */
export const PUSH_EVENT_ACTIVITIES_LIMIT = 3

/**
 * What the messages of one push's payloads may add up to. Each commit is read up to
 * COMMIT_READ_BYTES; past this budget a commit shows only its title, so that a push of many refs
 * with large messages still makes payloads of bounded size.
 */
export const PUSH_MESSAGES_BUDGET = 4 * 1024 * 1024
/** The most of a title kept once the budget is spent. */
const BUDGET_TITLE_CHARS = 1024

/** The addresses a push payload shows, from the server's external URL. */
const linksOf = (externalUrl: string, details: ProjectDetails) => {
  const base = externalUrl.replace(/\/+$/, "")
  const path = fullPath(details)
  return { base, path, ssh: `git@${new URL(base).hostname}:${path}.git`, web: `${base}/${path}` }
}

type PushAction = "created" | "pushed" | "removed"
type RefType = "branch" | "tag"

const actionOf = (update: RefUpdate): PushAction =>
  update.before === ZERO_ID ? "created" : update.after === ZERO_ID ? "removed" : "pushed"
const refTypeOf = (update: RefUpdate): RefType => (update.ref.startsWith(TAG_PREFIX) ? "tag" : "branch")

/** The commits a payload lists: how many there are, the newest first; `truncated` when they could not be read. */
interface PushedCommits {
  readonly total: number
  readonly newest: ReadonlyArray<Commit>
  readonly truncated: boolean
}

const noCommits: PushedCommits = { total: 0, newest: [], truncated: false }
const unreadCommits: PushedCommits = { total: 0, newest: [], truncated: true }

/** A read that fails leaves its payloads without commits, marked truncated, rather than losing the push's events. */
const orUnread = <A>(effect: Effect.Effect<A>, fallback: A): Effect.Effect<A> =>
  Effect.catchCause(effect, () => Effect.succeed(fallback))

/**
 * Commits new to the repository with each update that needs them: old..new for an update, what no
 * other branch has for a creation (GitLab 6.x), none for a deletion. Branch creations, however many,
 * are read in one walk; `needed` says which updates get a payload at all.
 */
const pushedCommits = Effect.fnUntraced(function* (
  repo: string,
  updates: ReadonlyArray<RefUpdate>,
  needed: ReadonlyArray<boolean>,
  headsAfter: ReadonlyArray<RefHead>,
) {
  const reader = yield* RepositoryReader
  const result: Array<PushedCommits> = updates.map(() => noCommits)
  const createdBranches = updates.flatMap((update, index) =>
    needed[index] && update.before === ZERO_ID && refTypeOf(update) === "branch" ? [index] : [],
  )
  if (createdBranches.length > 0) {
    const created = new Set(createdBranches.map((index) => updates[index]!.ref))
    const others = [
      ...new Set(headsAfter.filter((head) => !created.has(BRANCH_PREFIX + head.name)).map((head) => head.commit.id)),
    ]
    const owned = yield* orUnread(
      Effect.map(
        reader.commitsOwnedBy(
          repo,
          createdBranches.map((index) => updates[index]!.after),
          others,
          PUSH_COMMITS_LIMIT,
        ),
        (lists) => lists.map((list): PushedCommits => ({ ...list, truncated: false })),
      ),
      createdBranches.map(() => unreadCommits),
    )
    createdBranches.forEach((index, at) => (result[index] = owned[at]!))
  }
  for (const [index, update] of updates.entries()) {
    if (!needed[index] || update.after === ZERO_ID || (update.before === ZERO_ID && refTypeOf(update) === "branch"))
      continue
    const exclude = update.before !== ZERO_ID ? [update.before] : [...new Set(headsAfter.map((head) => head.commit.id))]
    result[index] = yield* orUnread(
      Effect.map(reader.commitsBetween(repo, update.after, exclude, PUSH_COMMITS_LIMIT), (list): PushedCommits => ({
        ...list,
        truncated: false,
      })),
      unreadCommits,
    )
  }
  return result
})

/** The message a payload shows: whole while the push's budget lasts, then only the title. */
const budgetedMessage = (
  commit: Commit,
  budget: { left: number },
): { readonly message: string; readonly truncated: boolean } => {
  if (commit.message.length <= budget.left) {
    budget.left -= commit.message.length
    return { message: commit.message, truncated: commit.messageTruncated }
  }
  budget.left = 0
  return {
    message: `${commitTitle(commit).slice(0, BUDGET_TITLE_CHARS)}\n\n${TRUNCATED_MESSAGE_NOTICE}`,
    truncated: true,
  }
}

/**
 * GitLab's push payload (entities-repository.yaml PushHookPayload), keys in GitLab's order. A payload
 * that is not whole (a message cut, commits that could not be read) says so with `truncated: true`.
 */
const pushPayload = (
  links: ReturnType<typeof linksOf>,
  details: ProjectDetails,
  pusher: User,
  update: RefUpdate,
  pushed: PushedCommits,
  budget: { left: number },
) => {
  let truncated = pushed.truncated
  const commits = pushed.newest.toReversed().map((commit) => {
    const shown = budgetedMessage(commit, budget)
    truncated ||= shown.truncated
    return {
      id: commit.id,
      message: shown.message,
      timestamp: commitTimeIso(commit.committedAt),
      url: `${links.web}/commit/${commit.id}`,
      author: { name: commit.author.name, email: commit.author.email },
    }
  })
  return {
    before: update.before,
    after: update.after,
    ref: update.ref,
    user_id: pusher.id,
    user_name: pusher.name,
    project_id: details.project.id,
    repository: {
      name: details.project.name,
      url: links.ssh,
      description: details.project.description,
      homepage: links.web,
    },
    commits,
    total_commits_count: pushed.total,
    ...(truncated ? { truncated: true } : {}),
  }
}

/**
 * The feed's one event for a group of refs over PUSH_EVENT_ACTIVITIES_LIMIT: GitLab's bulk push data
 * (action, ref_count, ref_type) with the pusher and repository keys of a push payload.
 */
const bulkPayload = (
  links: ReturnType<typeof linksOf>,
  details: ProjectDetails,
  pusher: User,
  action: PushAction,
  refType: RefType,
  refCount: number,
) => ({
  user_id: pusher.id,
  user_name: pusher.name,
  project_id: details.project.id,
  repository: {
    name: details.project.name,
    url: links.ssh,
    description: details.project.description,
    homepage: links.web,
  },
  action,
  ref_type: refType,
  ref_count: refCount,
})

/** The first push names the default branch: master when it exists, else the first branch pushed. */
export const firstDefaultBranch = (
  updates: ReadonlyArray<RefUpdate>,
  headsAfter: ReadonlyArray<RefHead>,
): string | undefined => {
  const existing = new Set(headsAfter.map((head) => head.name))
  if (existing.has("master")) return "master"
  return updates
    .filter((update) => update.ref.startsWith(BRANCH_PREFIX) && update.after !== ZERO_ID)
    .map((update) => update.ref.slice(BRANCH_PREFIX.length))
    .find((name) => existing.has(name))
}

/** What a push records: its feed events (in git's order, a bulk one where its group's first ref was) and the branches' hook payloads. */
interface PushRecord {
  readonly events: ReadonlyArray<Record<string, unknown>>
  readonly hookPayloads: ReadonlyArray<Record<string, unknown>>
}

/** The push's events, the default branch, last_activity_at and the branch hook events. */
const recordPushRows = Effect.fnUntraced(function* (
  pusher: User,
  projectId: number,
  record: PushRecord,
  defaultBranch: string | undefined,
  now: Date,
) {
  const projects = yield* ProjectRepository
  yield* (yield* EventRepository).record(
    record.events.map((data) => ({ projectId, actionName: "opened", authorId: pusher.id, data, createdAt: now })),
  )
  if (defaultBranch !== undefined) yield* projects.setDefaultBranchIfUnset(projectId, defaultBranch)
  yield* projects.touch(projectId, now)
  yield* (yield* Outbox).record(
    record.hookPayloads.map((payload): DomainEvent => ({
      name: "push",
      scope: { _tag: "Project", projectId },
      payload,
      occurredAt: now,
    })),
  )
})

/**
 * The push pipeline (spec/v3/repositories.yaml push_pipeline) for the ref updates git applied, in
 * its order: the feed's push events (one per ref, or one bulk event per group of more than
 * PUSH_EVENT_ACTIVITIES_LIMIT refs of one kind and action), the default branch on the first push,
 * last_activity_at, and every branch's payload queued for the project hooks — all in one
 * transaction. Reading the commits is bounded per commit and per push, and a read that fails
 * leaves a payload without commits marked truncated: an applied push always has its events.
 */
export const recordPush = Effect.fnUntraced(function* (
  pusher: User,
  projectId: number,
  updates: ReadonlyArray<RefUpdate>,
  externalUrl: string,
) {
  if (updates.length === 0) return
  const projects = yield* ProjectRepository
  const details = yield* projects.findById(projectId)
  if (details === undefined) return
  const links = linksOf(externalUrl, details)
  const headsAfter = yield* orUnread((yield* RepositoryReader).branches(links.path), [])
  const groupOf = (update: RefUpdate) => `${refTypeOf(update)} ${actionOf(update)}`
  const groupSizes = new Map<string, number>()
  for (const update of updates) groupSizes.set(groupOf(update), (groupSizes.get(groupOf(update)) ?? 0) + 1)
  const bulk = (update: RefUpdate) => groupSizes.get(groupOf(update))! > PUSH_EVENT_ACTIVITIES_LIMIT
  // A payload for every branch (its hooks) and for every ref that has an event of its own.
  const needed = updates.map((update) => refTypeOf(update) === "branch" || !bulk(update))
  const pushed = yield* pushedCommits(links.path, updates, needed, headsAfter)
  const budget = { left: PUSH_MESSAGES_BUDGET }
  const events: Array<Record<string, unknown>> = []
  const hookPayloads: Array<Record<string, unknown>> = []
  const bulkDone = new Set<string>()
  for (const [index, update] of updates.entries()) {
    const payload = needed[index] ? pushPayload(links, details, pusher, update, pushed[index]!, budget) : undefined
    if (!bulk(update)) events.push(payload!)
    else if (!bulkDone.has(groupOf(update))) {
      bulkDone.add(groupOf(update))
      events.push(
        bulkPayload(links, details, pusher, actionOf(update), refTypeOf(update), groupSizes.get(groupOf(update))!),
      )
    }
    if (payload !== undefined && refTypeOf(update) === "branch") hookPayloads.push(payload)
  }
  const defaultBranch = details.project.defaultBranch === null ? firstDefaultBranch(updates, headsAfter) : undefined
  const now = new Date(yield* Clock.currentTimeMillis)
  yield* (yield* Transactions).transact(recordPushRows(pusher, projectId, { events, hookPayloads }, defaultBranch, now))
  // A clone checks out HEAD: it follows the default branch the first push named.
  if (defaultBranch !== undefined)
    yield* Effect.orDie((yield* GitRepositories).setHead(fullPath(details), defaultBranch))
})
