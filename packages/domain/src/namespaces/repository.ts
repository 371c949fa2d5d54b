import { Context, type Effect } from "effect"
import type { Conflict } from "../shared/errors.ts"
import type { Namespace } from "./model.ts"

/**
 * Port: namespaces (a user's personal one and groups share one path space). Usernames may not
 * take a path a group already has.
 */
export class NamespaceRepository extends Context.Service<
  NamespaceRepository,
  {
    findById(id: number): Effect.Effect<Namespace | undefined>
    personalOf(userId: number): Effect.Effect<Namespace | undefined>
    /** Every namespace the user owns: his personal one and his groups. */
    ownedBy(userId: number): Effect.Effect<ReadonlyArray<Namespace>>
    pathTaken(path: string, exceptOwnerId?: number): Effect.Effect<boolean>
    createPersonal(owner: { readonly id: number; readonly username: string }): Effect.Effect<void, Conflict>
    renamePersonal(ownerId: number, path: string): Effect.Effect<void, Conflict>
    removePersonal(ownerId: number): Effect.Effect<void>
  }
>()("@labrador/domain/namespaces/NamespaceRepository") {}
