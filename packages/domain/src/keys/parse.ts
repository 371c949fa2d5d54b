import sshpk from "sshpk"
import { Violations, type Invalid } from "../shared/errors.ts"

export interface ParsedKey {
  /** The whitespace-stripped text that is stored and shown back. */
  readonly text: string
  /** MD5 fingerprint in colon form, as `ssh-keygen -l -E md5` prints it (GitLab's of the era). */
  readonly fingerprint: string
  readonly type: string
}

const MAX_KEY_LENGTH = 5000
const ALLOWED_TYPES = new Set(["rsa", "dsa", "ecdsa", "ed25519"])

/**
 * GitLab's key rules: title 1..255, key at most 5000 characters, an OpenSSH public key line
 * (`ssh-…` or `ecdsa-…`) that really parses. Pure: sshpk only computes.
 */
export const parseKey = (title: string, raw: string): ParsedKey | Invalid => {
  const v = new Violations()
  v.check(title.length <= 255, "title", "is too long (maximum is 255 characters)")
  const text = raw.trim()
  let parsed: sshpk.Key | undefined
  if (text.length > MAX_KEY_LENGTH || !(text.startsWith("ssh-") || text.startsWith("ecdsa-")) || /[\r\n]/.test(text)) {
    v.add("key", "is invalid")
  } else {
    try {
      parsed = sshpk.parseKey(text, "ssh")
      if (!ALLOWED_TYPES.has(parsed.type)) v.add("key", "is invalid")
    } catch {
      v.add("key", "is invalid")
    }
  }
  const invalid = v.toError()
  if (invalid || parsed === undefined) return invalid ?? v.add("key", "is invalid").toError()!
  return { text, fingerprint: parsed.fingerprint("md5").toString("hex"), type: parsed.type }
}
