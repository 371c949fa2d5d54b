import { AccessLevel } from "../shared/access.ts"
import { atLeast, type ProjectAccess } from "../projects/policy.ts"

/** Note abilities of 5.x: write_note is a guest rule. Notes are not edited or deleted through the v3 API. */
export const NotePolicy = {
  canCreate: (access: ProjectAccess) => atLeast(access, AccessLevel.GUEST),
}
