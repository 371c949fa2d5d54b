import type { Orm } from "./database.ts"
import { Layer } from "effect"
import { DeliveryQueueLive } from "./deliveries/queue.ts"
import { SystemHookRepositoryLive } from "./deliveries/system-hooks.ts"
import { EventRepositoryLive } from "./events/repository.ts"
import { ProtectedBranchRepositoryLive } from "./repositories/repository.ts"
import { RepositoryIntentsLive } from "./repositories/intents.ts"
import { IssueRepositoryLive } from "./issues/repository.ts"
import { MilestoneRepositoryLive } from "./milestones/repository.ts"
import { NoteRepositoryLive } from "./notes/repository.ts"
import { SnippetRepositoryLive } from "./snippets/repository.ts"
import { GroupRepositoryLive } from "./groups/repository.ts"
import { HookRepositoryLive } from "./hooks/repository.ts"
import { KeyRepositoryLive } from "./keys/repository.ts"
import { MembershipRepositoryLive } from "./members/repository.ts"
import { cachedProjectRepository } from "./projects/cache.ts"
import { ProjectRepositoryLive } from "./projects/repository.ts"
import { NamespaceRepositoryLive } from "./namespaces/repository.ts"
import { credentialsLayer } from "./shared/credentials.ts"
import { Database } from "./shared/em.ts"
import { OutboxLive } from "./shared/outbox.ts"
import { TeamRepositoryLive } from "./teams/repository.ts"
import { cachedUserRepository } from "./users/cache.ts"
import { UserRepositoryLive } from "./users/repository.ts"

/** Every port persistence implements, over one open ORM and the server secret. */
export const persistenceLayer = (orm: Orm, serverSecret: string, options: { readonly cacheTtlMs?: number } = {}) =>
  Layer.mergeAll(
    cachedUserRepository(options.cacheTtlMs ?? 2_000).pipe(Layer.provide(UserRepositoryLive)),
    NamespaceRepositoryLive,
    KeyRepositoryLive,
    cachedProjectRepository(options.cacheTtlMs ?? 2_000).pipe(Layer.provide(ProjectRepositoryLive)),
    MembershipRepositoryLive,
    HookRepositoryLive,
    EventRepositoryLive,
    ProtectedBranchRepositoryLive,
    RepositoryIntentsLive,
    IssueRepositoryLive,
    MilestoneRepositoryLive,
    NoteRepositoryLive,
    SnippetRepositoryLive,
    GroupRepositoryLive,
    TeamRepositoryLive,
    OutboxLive,
    SystemHookRepositoryLive,
    DeliveryQueueLive,
  ).pipe(Layer.provideMerge(Database.layer(orm)), Layer.merge(credentialsLayer(serverSecret)))
