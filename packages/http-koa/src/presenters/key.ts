import type { SshKey } from "@labrador/domain"
import { isoTime } from "./time.ts"

/** v3 `SSHKey` entity. */
export const presentKey = (key: SshKey) => ({
  id: key.id,
  title: key.title,
  key: key.key,
  created_at: isoTime(key.createdAt),
})

/** The deleted key row, raw. */
export const presentDeletedKey = (key: SshKey) => ({
  ...presentKey(key),
  user_id: key.userId,
  fingerprint: key.fingerprint,
})
