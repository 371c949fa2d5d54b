import { Context, type Effect } from "effect"
import type { Conflict } from "../shared/errors.ts"
import type { SshKey } from "./model.ts"

/** Port: SSH keys. User keys and deploy keys share it, so a key text is registered once. */
export class KeyRepository extends Context.Service<
  KeyRepository,
  {
    listForUser(userId: number): Effect.Effect<ReadonlyArray<SshKey>>
    findForUser(userId: number, keyId: number): Effect.Effect<SshKey | undefined>
    fingerprintTaken(fingerprint: string): Effect.Effect<boolean>
    insert(key: Omit<SshKey, "id">): Effect.Effect<SshKey, Conflict>
    remove(keyId: number): Effect.Effect<void>
  }
>()("@labrador/domain/keys/KeyRepository") {}
