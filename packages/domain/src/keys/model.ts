import { Schema } from "effect"

/** An SSH public key: a user's, or (later) a deploy key with no user. */
export const SshKey = Schema.Struct({
  id: Schema.Int,
  userId: Schema.NullOr(Schema.Int),
  title: Schema.String,
  key: Schema.String,
  fingerprint: Schema.String,
  createdAt: Schema.Date,
})
export type SshKey = typeof SshKey.Type

export interface KeyInput {
  readonly title?: string | undefined
  readonly key?: string | undefined
}
