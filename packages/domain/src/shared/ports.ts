import { Context, type Effect } from "effect"
import type { DomainEvent } from "./events.ts"

/**
 * Secrets handling: password hashes, token digests and the sealed copy of tokens that v3 must
 * show again. Live implementation keyed by the server secret; tests use an in-memory one.
 */
export class Credentials extends Context.Service<
  Credentials,
  {
    hashPassword(password: string): Effect.Effect<string>
    verifyPassword(password: string, hash: string): Effect.Effect<boolean>
    /** A fresh random token (20 URL-safe characters, as GitLab's). */
    readonly newToken: Effect.Effect<string>
    /** The lookup key of a token; the token itself is never stored in the clear. */
    digestToken(token: string): string
    /** The name of a passed password check: a keyed digest of the stored hash and the password. */
    digestPasswordCheck(passwordHash: string, password: string): string
    sealToken(token: string): string
    openToken(sealed: string): string
  }
>()("@labrador/domain/shared/Credentials") {}

/** Runs an effect as one unit of work: all of its writes land together or not at all. */
export class Transactions extends Context.Service<
  Transactions,
  {
    transact<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R>
  }
>()("@labrador/domain/shared/Transactions") {}

/** Server settings the rules depend on (GitLab's gitlab.yml defaults). */
export class Settings extends Context.Service<
  Settings,
  {
    readonly defaultProjectsLimit: number
    readonly defaultCanCreateGroup: boolean
    readonly defaultCanCreateTeam: boolean
  }
>()("@labrador/domain/shared/Settings") {
  static readonly defaults = { defaultProjectsLimit: 10, defaultCanCreateGroup: true, defaultCanCreateTeam: true }
}

/** Port: the outbox. Written inside the transaction of the change; read by the hook worker. */
export class Outbox extends Context.Service<
  Outbox,
  {
    record(events: ReadonlyArray<DomainEvent>): Effect.Effect<void>
  }
>()("@labrador/domain/shared/Outbox") {}
