import { Context, type Effect } from "effect"
import type { Conflict } from "../shared/errors.ts"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { NewUser, User, UserAttributes, UserSecretsChange } from "./model.ts"

export interface UserFilter {
  /** Matches name, email or username (case-insensitive substring). */
  readonly search?: string | undefined
  readonly active?: boolean | undefined
}

/** Port: where users live. Implemented in persistence; in memory for domain tests. */
export class UserRepository extends Context.Service<
  UserRepository,
  {
    findById(id: number): Effect.Effect<User | undefined>
    /** By id or username: how sudo names its target. */
    findByIdOrUsername(idOrUsername: string): Effect.Effect<User | undefined>
    /** Email (case-insensitive) first, then username: how POST /session reads `login`. */
    findForLogin(login: string): Effect.Effect<{ readonly user: User; readonly passwordHash: string } | undefined>
    findByTokenDigest(digest: string): Effect.Effect<User | undefined>
    sealedToken(userId: number): Effect.Effect<string | undefined>
    list(filter: UserFilter, page: PageRequest): Effect.Effect<Page<User>>
    emailTaken(email: string, exceptUserId?: number): Effect.Effect<boolean>
    usernameTaken(username: string, exceptUserId?: number): Effect.Effect<boolean>
    insert(user: NewUser): Effect.Effect<User, Conflict>
    update(id: number, changes: UserAttributes, secrets: UserSecretsChange): Effect.Effect<User, Conflict>
    remove(id: number): Effect.Effect<void>
  }
>()("@labrador/domain/users/UserRepository") {}
