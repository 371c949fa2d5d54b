import { Effect, Layer } from "effect"
import { KeyRepository } from "../keys/repository.ts"
import type { SshKey } from "../keys/model.ts"
import type { Namespace } from "../namespaces/model.ts"
import { NamespaceRepository } from "../namespaces/repository.ts"
import { Conflict } from "../shared/errors.ts"
import type { DomainEvent } from "../shared/events.ts"
import { offsetOf, pageOf } from "../shared/paging.ts"
import { Credentials, Outbox, Settings, Transactions } from "../shared/ports.ts"
import type { NewUser, User } from "../users/model.ts"
import type { Project } from "../projects/model.ts"
import { ProjectRepository } from "../projects/repository.ts"
import { GitRepositories } from "../repositories/port.ts"
import { memoryGit, memoryIntents, memoryProjects } from "./in-memory-projects.ts"
import { RepositoryIntents } from "../repositories/intents.ts"
import { UserRepository } from "../users/repository.ts"
import { CredentialChecks } from "../auth/credential-checks.ts"
import type { ProjectEvent } from "../events/model.ts"
import { EventRepository } from "../events/repository.ts"
import type { NewGroupMember } from "../groups/model.ts"
import { GroupRepository } from "../groups/repository.ts"
import { DeliveryQueue, HookSender, type AttemptResult, type Delivery } from "../hooks/delivery.ts"
import type { ProjectHook } from "../hooks/model.ts"
import { HookRepository } from "../hooks/repository.ts"
import { SystemHookRepository, type SystemHook } from "../hooks/system-hooks.ts"
import type { Issue } from "../issues/model.ts"
import { IssueRepository } from "../issues/repository.ts"
import { MembershipRepository } from "../members/repository.ts"
import type { Milestone } from "../milestones/model.ts"
import { MilestoneRepository } from "../milestones/repository.ts"
import type { Note } from "../notes/model.ts"
import { NoteRepository } from "../notes/repository.ts"
import type { Commit } from "../repositories/model.ts"
import { ProtectedBranchRepository } from "../repositories/protected-branches.ts"
import { RepositoryReader } from "../repositories/reader.ts"
import type { Snippet } from "../snippets/model.ts"
import { SnippetRepository } from "../snippets/repository.ts"
import type { Team } from "../teams/model.ts"
import { TeamRepository } from "../teams/repository.ts"
import {
  memoryDeliveries,
  memoryGroups,
  memoryProtectedBranches,
  memoryReader,
  memorySender,
  memorySystemHooks,
  memoryTeams,
} from "./in-memory-more.ts"
import { memoryTracker } from "./in-memory-tracker.ts"

/** Everything the in-memory ports hold, exposed so a test can look at the state left behind. */
export interface MemoryStore {
  users: Map<number, NewUser & { id: number }>
  namespaces: Map<string, Namespace>
  keys: Map<number, SshKey>
  events: Array<DomainEvent>
  projects: Map<number, Project>
  /** `${projectId}:${userId}` → access level. */
  memberships: Map<string, number>
  deletedProjects: Map<number, number | null>
  repositories: Set<string>
  issues: Map<number, Issue>
  milestones: Map<number, Milestone>
  notes: Map<number, Note>
  snippets: Map<number, Snippet>
  snippetContents: Map<number, string>
  /** `${projectId}:${userId}` → when the direct membership began (its level is in `memberships`). */
  memberSince: Map<string, Date>
  hooks: Map<number, ProjectHook>
  systemHooks: Map<number, SystemHook>
  projectEvents: Map<number, ProjectEvent>
  teams: Map<number, Team>
  /** `${teamId}:${userId}` */
  teamMembers: Map<
    string,
    { readonly teamId: number; readonly userId: number; readonly accessLevel: number; readonly createdAt: Date }
  >
  /** `${teamId}:${projectId}` */
  teamProjects: Map<
    string,
    {
      readonly teamId: number
      readonly projectId: number
      readonly greatestAccessLevel: number
      readonly createdAt: Date
    }
  >
  /** `${groupId}:${userId}` */
  groupMembers: Map<string, NewGroupMember>
  /** `${projectId}:${branch}` */
  protectedBranches: Set<string>
  /** Refs per repository path (`namespace/path`), naming commits of `commits`. */
  git: Map<string, { readonly branches: Map<string, string>; readonly tags: Map<string, string> }>
  commits: Map<string, Commit>
  /** How many of `events` (the outbox) the delivery queue has fanned out. */
  dispatched: number
  deliveries: Map<
    number,
    Delivery & {
      dueAt: Date
      leasedUntil: Date | null
      delivered: boolean
      gaveUp: boolean
      results: Array<AttemptResult>
    }
  >
  /** What the in-memory HookSender posted, and the status it answers. */
  sent: Array<{ readonly url: string; readonly payload: Readonly<Record<string, unknown>> }>
  senderStatus: number
  nextId: number
}

export const makeStore = (): MemoryStore => ({
  users: new Map(),
  namespaces: new Map(),
  keys: new Map(),
  events: [],
  projects: new Map(),
  memberships: new Map(),
  deletedProjects: new Map(),
  repositories: new Set(),
  issues: new Map(),
  milestones: new Map(),
  notes: new Map(),
  snippets: new Map(),
  snippetContents: new Map(),
  memberSince: new Map(),
  hooks: new Map(),
  systemHooks: new Map(),
  projectEvents: new Map(),
  teams: new Map(),
  teamMembers: new Map(),
  teamProjects: new Map(),
  groupMembers: new Map(),
  protectedBranches: new Set(),
  git: new Map(),
  commits: new Map(),
  dispatched: 0,
  deliveries: new Map(),
  sent: [],
  senderStatus: 200,
  nextId: 1,
})

const toUser = ({ passwordHash: _p, tokenDigest: _d, tokenSealed: _s, ...user }: NewUser & { id: number }): User => user

const users = (store: MemoryStore) =>
  UserRepository.of({
    findById: (id) => Effect.sync(() => mapOpt(store.users.get(id), toUser)),
    findByIdOrUsername: (value) =>
      Effect.sync(() =>
        mapOpt(
          [...store.users.values()].find((u) => String(u.id) === value || u.username === value),
          toUser,
        ),
      ),
    findForLogin: (login) =>
      Effect.sync(() => {
        const all = [...store.users.values()]
        const row =
          all.find((u) => u.email.toLowerCase() === login.toLowerCase()) ?? all.find((u) => u.username === login)
        return row && { user: toUser(row), passwordHash: row.passwordHash }
      }),
    findByTokenDigest: (digest) =>
      Effect.sync(() =>
        mapOpt(
          [...store.users.values()].find((u) => u.tokenDigest === digest),
          toUser,
        ),
      ),
    sealedToken: (id) => Effect.sync(() => store.users.get(id)?.tokenSealed),
    list: (filter, request) =>
      Effect.sync(() => {
        const q = filter.search?.toLowerCase()
        const all = [...store.users.values()]
          .filter((u) => !q || [u.name, u.email, u.username].some((s) => s.toLowerCase().includes(q)))
          .filter((u) => filter.active === undefined || (u.state === "active") === filter.active)
          .toSorted((a, b) => a.id - b.id)
        const offset = offsetOf(request)
        return pageOf(request, all.slice(offset, offset + request.perPage).map(toUser), all.length)
      }),
    emailTaken: (email, except) =>
      Effect.sync(() =>
        [...store.users.values()].some((u) => u.id !== except && u.email.toLowerCase() === email.toLowerCase()),
      ),
    usernameTaken: (username, except) =>
      Effect.sync(() =>
        [...store.users.values()].some((u) => u.id !== except && u.username.toLowerCase() === username.toLowerCase()),
      ),
    insert: (draft) =>
      Effect.sync(() => {
        const row = { ...draft, id: store.nextId++ }
        store.users.set(row.id, row)
        return toUser(row)
      }),
    update: (id, changes, secrets) =>
      Effect.sync(() => {
        const row = store.users.get(id)!
        const next = { ...row, ...definedOnly(changes), ...definedOnly(secrets) }
        store.users.set(id, next)
        return toUser(next)
      }),
    remove: (id) =>
      Effect.sync(() => {
        store.users.delete(id)
        for (const [keyId, key] of store.keys) if (key.userId === id) store.keys.delete(keyId)
      }),
  })

const namespaces = (store: MemoryStore) => {
  const personal = (ownerId: number) =>
    [...store.namespaces.values()].find((n) => n.ownerId === ownerId && n.kind === "user")
  return NamespaceRepository.of({
    findById: (id) => Effect.sync(() => [...store.namespaces.values()].find((n) => n.id === id)),
    personalOf: (ownerId) => Effect.sync(() => personal(ownerId)),
    ownedBy: (ownerId) => Effect.sync(() => [...store.namespaces.values()].filter((n) => n.ownerId === ownerId)),
    pathTaken: (path, except) =>
      Effect.sync(() =>
        [...store.namespaces.values()].some(
          (n) => n.path.toLowerCase() === path.toLowerCase() && !(n.kind === "user" && n.ownerId === except),
        ),
      ),
    createPersonal: (owner) =>
      store.namespaces.has(owner.username)
        ? Effect.fail(Conflict.taken("username"))
        : Effect.sync(() => {
            const now = new Date(0)
            store.namespaces.set(owner.username, {
              id: store.nextId++,
              name: owner.username,
              path: owner.username,
              ownerId: owner.id,
              kind: "user",
              description: "",
              createdAt: now,
              updatedAt: now,
            })
          }),
    renamePersonal: (ownerId, path) =>
      Effect.sync(() => {
        const current = personal(ownerId)
        if (current === undefined) return
        store.namespaces.delete(current.path)
        store.namespaces.set(path, { ...current, name: path, path })
      }),
    removePersonal: (ownerId) =>
      Effect.sync(() => {
        const current = personal(ownerId)
        if (current !== undefined) store.namespaces.delete(current.path)
      }),
  })
}

const keys = (store: MemoryStore) =>
  KeyRepository.of({
    listForUser: (userId) => Effect.sync(() => [...store.keys.values()].filter((k) => k.userId === userId)),
    findForUser: (userId, keyId) =>
      Effect.sync(() => mapOpt(store.keys.get(keyId), (k) => (k.userId === userId ? k : undefined))),
    fingerprintTaken: (fp) => Effect.sync(() => [...store.keys.values()].some((k) => k.fingerprint === fp)),
    insert: (key) =>
      Effect.sync(() => {
        const row = { ...key, id: store.nextId++ }
        store.keys.set(row.id, row)
        return row
      }),
    remove: (keyId) => Effect.sync(() => void store.keys.delete(keyId)),
  })

/** Readable stand-ins for the secret handling: fine for tests, never for a server. */
const credentials = Credentials.of({
  hashPassword: (password) => Effect.succeed(`plain:${password}`),
  verifyPassword: (password, hash) => Effect.succeed(hash === `plain:${password}`),
  newToken: Effect.sync(() => Math.random().toString(36).slice(2, 12).padEnd(20, "x")),
  digestToken: (token) => `digest:${token}`,
  digestPasswordCheck: (hash, password) => `check:${hash}:${password.length}:${password}`,
  sealToken: (token) => `sealed:${token}`,
  openToken: (sealed) => sealed.slice("sealed:".length),
})

/** Every domain port, in memory, over one store the caller keeps. */
export const inMemoryLayer = (store: MemoryStore = makeStore()) => {
  const userOf = (id: number) => mapOpt(store.users.get(id), toUser)
  const projects = memoryProjects(store, userOf)
  const detailsOf = (projectId: number) => Effect.runSync(projects.findById(projectId))
  const tracker = memoryTracker(store, userOf)
  return Layer.mergeAll(
    Layer.succeed(UserRepository, users(store)),
    Layer.succeed(NamespaceRepository, namespaces(store)),
    Layer.succeed(KeyRepository, keys(store)),
    Layer.succeed(Credentials, credentials),
    CredentialChecks.layer(),
    Layer.succeed(Transactions, Transactions.of({ transact: (effect) => effect })),
    Layer.succeed(Outbox, Outbox.of({ record: (events) => Effect.sync(() => void store.events.push(...events)) })),
    Layer.succeed(Settings, Settings.of(Settings.defaults)),
    Layer.succeed(ProjectRepository, projects),
    Layer.succeed(GitRepositories, memoryGit(store)),
    Layer.succeed(RepositoryIntents, memoryIntents()),
    Layer.succeed(IssueRepository, tracker.issues),
    Layer.succeed(MilestoneRepository, tracker.milestones),
    Layer.succeed(NoteRepository, tracker.notes),
    Layer.succeed(SnippetRepository, tracker.snippets),
    Layer.succeed(MembershipRepository, tracker.members),
    Layer.succeed(HookRepository, tracker.hooks),
    Layer.succeed(EventRepository, tracker.events),
    Layer.succeed(TeamRepository, memoryTeams(store, userOf, detailsOf)),
    Layer.succeed(GroupRepository, memoryGroups(store, userOf, detailsOf)),
    Layer.succeed(ProtectedBranchRepository, memoryProtectedBranches(store)),
    Layer.succeed(RepositoryReader, memoryReader(store)),
    Layer.succeed(SystemHookRepository, memorySystemHooks(store)),
    Layer.succeed(DeliveryQueue, memoryDeliveries(store)),
    Layer.succeed(HookSender, memorySender(store)),
  )
}

const mapOpt = <A, B>(value: A | undefined, f: (a: A) => B | undefined): B | undefined =>
  value === undefined ? undefined : f(value)

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
