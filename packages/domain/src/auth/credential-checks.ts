import { Context, Effect, Layer } from "effect"

/** A client's recent failed sign-ins: how many since `since`, and until when it is turned away. */
export interface FailedSignIns {
  readonly count: number
  readonly since: number
  readonly bannedUntil: number
}

/**
 * Port: what a server remembers for a short while of the credentials it checked: password checks
 * that succeeded (under a digest of the stored hash and the password, never the password) and
 * each client's failures. Per process by design: a record only spares this server a hash or turns
 * one client away from it; the user's row is still read and checked on every request.
 */
export class CredentialChecks extends Context.Service<
  CredentialChecks,
  {
    /** Until when (epoch ms) the check named `key` counts as passed; undefined when never or forgotten. */
    verifiedUntil(key: string): Effect.Effect<number | undefined>
    markVerified(key: string, until: number): Effect.Effect<void>
    failures(client: string): Effect.Effect<FailedSignIns | undefined>
    /** Records the client's failures; undefined forgets them (a success). */
    setFailures(client: string, record: FailedSignIns | undefined): Effect.Effect<void>
  }
>()("@labrador/domain/auth/CredentialChecks") {
  /** In process memory, bounded: beyond `capacity` entries of a kind the oldest are dropped. */
  static readonly layer = (capacity = 10_000): Layer.Layer<CredentialChecks> =>
    Layer.sync(CredentialChecks, () => {
      const verified = new Map<string, number>()
      const failed = new Map<string, FailedSignIns>()
      // Maps keep insertion order: re-inserting moves a key last, so the first one is the oldest.
      const put = <V>(map: Map<string, V>, key: string, value: V) => {
        map.delete(key)
        if (map.size >= capacity) map.delete(map.keys().next().value as string)
        map.set(key, value)
      }
      return CredentialChecks.of({
        verifiedUntil: (key) => Effect.sync(() => verified.get(key)),
        markVerified: (key, until) => Effect.sync(() => put(verified, key, until)),
        failures: (client) => Effect.sync(() => failed.get(client)),
        setFailures: (client, record) =>
          Effect.sync(() => void (record === undefined ? failed.delete(client) : put(failed, client, record))),
      })
    })
}
