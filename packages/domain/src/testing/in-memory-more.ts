import { Effect } from "effect"
import { GroupRepository } from "../groups/repository.ts"
import type { Group } from "../groups/model.ts"
import { DeliveryQueue, HookSender, type AttemptResult, type Delivery } from "../hooks/delivery.ts"
import { SystemHookRepository, type SystemHook } from "../hooks/system-hooks.ts"
import type { ProjectDetails } from "../projects/model.ts"
import { ProtectedBranchRepository } from "../repositories/protected-branches.ts"
import type { Commit } from "../repositories/model.ts"
import { RepositoryReader } from "../repositories/reader.ts"
import { Conflict } from "../shared/errors.ts"
import { offsetOf, pageOf, type PageRequest } from "../shared/paging.ts"
import { TeamRepository } from "../teams/repository.ts"
import type { Team } from "../teams/model.ts"
import type { User } from "../users/model.ts"
import type { MemoryStore } from "./in-memory.ts"

const paged = <A>(all: ReadonlyArray<A>, request: PageRequest) =>
  pageOf(request, all.slice(offsetOf(request), offsetOf(request) + request.perPage), all.length)

/** User teams, their members and projects. */
export const memoryTeams = (
  store: MemoryStore,
  userOf: (id: number) => User | undefined,
  detailsOf: (projectId: number) => ProjectDetails | undefined,
) =>
  TeamRepository.of({
    findById: (id) => Effect.sync(() => store.teams.get(id)),
    list: (memberId, page) =>
      Effect.sync(() =>
        paged(
          [...store.teams.values()]
            .filter((t) => memberId === undefined || store.teamMembers.has(`${t.id}:${memberId}`))
            .toSorted((a, b) => a.id - b.id),
          page,
        ),
      ),
    taken: (name, path) =>
      Effect.sync(() => {
        const all = [...store.teams.values()]
        return {
          name: all.some((t) => t.name.toLowerCase() === name.toLowerCase()),
          path: all.some((t) => t.path.toLowerCase() === path.toLowerCase()),
        }
      }),
    insert: (draft) =>
      [...store.teams.values()].some((t) => t.path.toLowerCase() === draft.path.toLowerCase())
        ? Effect.fail(Conflict.taken("path"))
        : Effect.sync(() => {
            const team: Team = { ...draft, id: store.nextId++ }
            store.teams.set(team.id, team)
            return team
          }),
    listMembers: (teamId, page) =>
      Effect.sync(() =>
        paged(
          [...store.teamMembers.values()]
            .filter((m) => m.teamId === teamId)
            .toSorted((a, b) => a.userId - b.userId)
            .map((m) => ({ ...m, user: userOf(m.userId)!, groupAdmin: false, updatedAt: m.createdAt })),
          page,
        ),
      ),
    findMember: (teamId, userId) =>
      Effect.sync(() => {
        const m = store.teamMembers.get(`${teamId}:${userId}`)
        return m && { ...m, user: userOf(userId)!, groupAdmin: false, updatedAt: m.createdAt }
      }),
    insertMember: (member) =>
      store.teamMembers.has(`${member.teamId}:${member.userId}`)
        ? Effect.fail(Conflict.taken("user_id"))
        : Effect.sync(() => void store.teamMembers.set(`${member.teamId}:${member.userId}`, member)),
    removeMember: (teamId, userId) => Effect.sync(() => void store.teamMembers.delete(`${teamId}:${userId}`)),
    listProjects: (teamId, page) =>
      Effect.sync(() =>
        paged(
          [...store.teamProjects.values()]
            .filter((p) => p.teamId === teamId)
            .toSorted((a, b) => a.projectId - b.projectId)
            .map((p) => ({ ...p, details: detailsOf(p.projectId)!, updatedAt: p.createdAt })),
          page,
        ),
      ),
    findProject: (teamId, projectId) =>
      Effect.sync(() => {
        const p = store.teamProjects.get(`${teamId}:${projectId}`)
        return p && { ...p, details: detailsOf(projectId)!, updatedAt: p.createdAt }
      }),
    insertProject: (assignment) =>
      store.teamProjects.has(`${assignment.teamId}:${assignment.projectId}`)
        ? Effect.fail(Conflict.taken("project_id"))
        : Effect.sync(() => void store.teamProjects.set(`${assignment.teamId}:${assignment.projectId}`, assignment)),
    removeProject: (teamId, projectId) => Effect.sync(() => void store.teamProjects.delete(`${teamId}:${projectId}`)),
  })

/** Groups are namespaces of kind "group" in the same store as the personal ones. */
export const memoryGroups = (
  store: MemoryStore,
  userOf: (id: number) => User | undefined,
  detailsOf: (projectId: number) => ProjectDetails | undefined,
) => {
  const all = () =>
    [...store.namespaces.values()].filter((n): n is Group => n.kind === "group").toSorted((a, b) => a.id - b.id)
  const member = (groupId: number, userId: number) => {
    const m = store.groupMembers.get(`${groupId}:${userId}`)
    return m && { ...m, user: userOf(userId)!, updatedAt: m.createdAt }
  }
  return GroupRepository.of({
    findById: (id) => Effect.sync(() => all().find((g) => g.id === id)),
    list: (visibleTo, page) =>
      Effect.sync(() =>
        paged(
          all().filter(
            (g) => visibleTo === undefined || g.ownerId === visibleTo || store.groupMembers.has(`${g.id}:${visibleTo}`),
          ),
          page,
        ),
      ),
    nameTaken: (name) =>
      Effect.sync(() => [...store.namespaces.values()].some((n) => n.name.toLowerCase() === name.toLowerCase())),
    insert: (draft) =>
      store.namespaces.has(draft.path)
        ? Effect.fail(Conflict.taken("path"))
        : Effect.sync(() => {
            const group: Group = { ...draft, id: store.nextId++, kind: "group" }
            store.namespaces.set(group.path, group)
            return group
          }),
    remove: (id) =>
      Effect.sync(() => {
        const group = all().find((g) => g.id === id)
        if (group !== undefined) store.namespaces.delete(group.path)
        for (const project of store.projects.values()) if (project.namespaceId === id) store.projects.delete(project.id)
        for (const key of store.groupMembers.keys()) if (key.startsWith(`${id}:`)) store.groupMembers.delete(key)
      }),
    projects: (groupId) =>
      Effect.sync(() =>
        [...store.projects.values()]
          .filter((p) => p.namespaceId === groupId)
          .toSorted((a, b) => a.id - b.id)
          .map((p) => detailsOf(p.id)!),
      ),
    listMembers: (groupId, page) =>
      Effect.sync(() =>
        paged(
          [...store.groupMembers.values()]
            .filter((m) => m.groupId === groupId)
            .toSorted((a, b) => a.userId - b.userId)
            .map((m) => member(groupId, m.userId)!),
          page,
        ),
      ),
    findMember: (groupId, userId) => Effect.sync(() => member(groupId, userId)),
    insertMember: (m) =>
      store.groupMembers.has(`${m.groupId}:${m.userId}`)
        ? Effect.fail(Conflict.taken("user_id"))
        : Effect.sync(() => void store.groupMembers.set(`${m.groupId}:${m.userId}`, m)),
    removeMember: (groupId, userId) => Effect.sync(() => void store.groupMembers.delete(`${groupId}:${userId}`)),
  })
}

export const memoryProtectedBranches = (store: MemoryStore) =>
  ProtectedBranchRepository.of({
    names: (projectId) =>
      Effect.sync(
        () =>
          new Set(
            [...store.protectedBranches]
              .filter((key) => key.startsWith(`${projectId}:`))
              .map((key) => key.slice(key.indexOf(":") + 1)),
          ),
      ),
    isProtected: (projectId, name) => Effect.sync(() => store.protectedBranches.has(`${projectId}:${name}`)),
    protect: (projectId, name) => Effect.sync(() => void store.protectedBranches.add(`${projectId}:${name}`)),
    unprotect: (projectId, name) => Effect.sync(() => void store.protectedBranches.delete(`${projectId}:${name}`)),
  })

/**
 * Repositories' history as commits with parents and refs per repository (`store.git`), enough for
 * the rules that read refs and walk history; trees, blobs, diffs and archives hold nothing.
 */
export const memoryReader = (store: MemoryStore) => {
  const repoOf = (repo: string) =>
    store.git.get(repo) ?? { branches: new Map<string, string>(), tags: new Map<string, string>() }
  const commit = (id: string) => store.commits.get(id)
  const heads = (refs: Map<string, string>) =>
    [...refs].toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, id]) => ({ name, commit: commit(id)! }))
  /** Every commit reachable from `tips`, newest first by commit time. */
  const reachable = (tips: ReadonlyArray<string>) => {
    const seen = new Set<string>()
    const walk = [...tips]
    while (walk.length > 0) {
      const id = walk.pop()!
      if (seen.has(id) || commit(id) === undefined) continue
      seen.add(id)
      walk.push(...commit(id)!.parentIds)
    }
    return [...seen]
      .map((id) => commit(id)!)
      .toSorted((a, b) => b.committedAt.epochSeconds - a.committedAt.epochSeconds)
  }
  const between = (include: string, exclude: ReadonlyArray<string>, limit: number) => {
    const excluded = new Set(reachable(exclude).map((c) => c.id))
    const commits = reachable([include]).filter((c) => !excluded.has(c.id))
    return { total: commits.length, newest: commits.slice(0, limit) }
  }
  const resolve = (repo: string, ref: string): Commit | undefined => {
    const { branches, tags } = repoOf(repo)
    const id =
      branches.get(ref) ?? tags.get(ref) ?? [...store.commits.keys()].find((c) => ref.length >= 4 && c.startsWith(ref))
    return id === undefined ? undefined : commit(id)
  }
  return RepositoryReader.of({
    branches: (repo) => Effect.sync(() => heads(repoOf(repo).branches)),
    branch: (repo, name) => Effect.sync(() => heads(repoOf(repo).branches).find((h) => h.name === name)),
    tags: (repo) => Effect.sync(() => heads(repoOf(repo).tags)),
    commit: (repo, ref) => Effect.sync(() => resolve(repo, ref)),
    log: (_repo, commitId, skip, limit) => Effect.sync(() => reachable([commitId]).slice(skip, skip + limit)),
    commitsBetween: (_repo, include, exclude, limit) => Effect.sync(() => between(include, exclude, limit)),
    commitsOwnedBy: (_repo, tips, exclude, limit) =>
      Effect.sync(() => tips.map((tip, i) => between(tip, [...exclude, ...tips.filter((_, j) => j !== i)], limit))),
    mergeBase: (_repo, a, b) =>
      Effect.sync(() => {
        const ofB = new Set(reachable([b]).map((c) => c.id))
        return reachable([a]).find((c) => ofB.has(c.id))?.id
      }),
    diff: () => Effect.succeed([]),
    tree: () => Effect.succeed(undefined),
    blobAtPath: () => Effect.succeed(undefined),
    blob: () => Effect.succeed(undefined),
    authors: (_repo, commitId) => Effect.sync(() => reachable([commitId]).map((c) => c.author)),
    archive: () => async function* () {},
  })
}

export const memorySystemHooks = (store: MemoryStore) =>
  SystemHookRepository.of({
    list: Effect.sync(() => [...store.systemHooks.values()].toSorted((a, b) => a.id - b.id)),
    find: (id) => Effect.sync(() => store.systemHooks.get(id)),
    insert: (draft) =>
      Effect.sync(() => {
        const hook: SystemHook = { ...draft, id: store.nextId++ }
        store.systemHooks.set(hook.id, hook)
        return hook
      }),
    remove: (id) => Effect.sync(() => void store.systemHooks.delete(id)),
  })

/** One process: a claim leases nothing another worker could see; deliveries stay in the store with their outcome. */
export const memoryDeliveries = (store: MemoryStore) => {
  const add = (url: string, payload: Readonly<Record<string, unknown>>, now: Date) => {
    const id = store.nextId++
    store.deliveries.set(id, {
      id,
      url,
      payload,
      attempts: 0,
      dueAt: now,
      leasedUntil: null,
      delivered: false,
      gaveUp: false,
      results: [],
    })
  }
  return DeliveryQueue.of({
    dispatch: (limit, now) =>
      Effect.sync(() => {
        const events = store.events.slice(store.dispatched, store.dispatched + limit)
        for (const event of events) {
          const urls =
            event.scope._tag === "System"
              ? [...store.systemHooks.values()].map((h) => h.url)
              : [...store.hooks.values()]
                  .filter(
                    (h) =>
                      event.scope._tag === "Project" &&
                      h.projectId === event.scope.projectId &&
                      (event.name === "push"
                        ? h.pushEvents
                        : event.name === "issue"
                          ? h.issuesEvents
                          : h.mergeRequestsEvents),
                  )
                  .map((h) => h.url)
          for (const url of urls) add(url, event.payload, now)
        }
        store.dispatched += events.length
        return events.length
      }),
    enqueue: (url, payload, now) => Effect.sync(() => add(url, payload, now)),
    claim: (limit, now, leaseUntil, except = []) =>
      Effect.sync(() => {
        const due = [...store.deliveries.values()]
          .filter(
            (d) =>
              !d.delivered &&
              !d.gaveUp &&
              d.dueAt <= now &&
              (d.leasedUntil === null || d.leasedUntil <= now) &&
              !except.includes(d.url),
          )
          .slice(0, limit)
        for (const d of due) d.leasedUntil = leaseUntil
        return due.map(({ id, url, payload, attempts }): Delivery => ({ id, url, payload, attempts }))
      }),
    record: (id, result, outcome) =>
      Effect.sync(() => {
        const d = store.deliveries.get(id)!
        Object.assign(d, {
          attempts: d.attempts + 1,
          leasedUntil: null,
          delivered: outcome.delivered,
          gaveUp: !outcome.delivered && outcome.retryAt === null,
          dueAt: outcome.retryAt ?? d.dueAt,
        })
        d.results.push(result)
      }),
    release: (id, retryAt) =>
      Effect.sync(() => void Object.assign(store.deliveries.get(id)!, { leasedUntil: null, dueAt: retryAt })),
  })
}

/** Answers every POST with `store.senderStatus` and keeps what was sent in `store.sent`. */
export const memorySender = (store: MemoryStore) =>
  HookSender.of({
    send: (url, payload) =>
      Effect.sync((): AttemptResult => {
        store.sent.push({ url, payload })
        return { statusCode: store.senderStatus, durationMs: 0, responseExcerpt: null, error: null }
      }),
  })
