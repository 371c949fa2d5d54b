import { AccessLevel } from "../shared/access.ts"
import { atLeast, type ProjectAccess } from "../projects/policy.ts"

/** Repository abilities of 5.x: download from reporter up, push from developer up, protected branches for masters. */
export const RepositoryPolicy = {
  canDownloadCode: (a: ProjectAccess) => atLeast(a, AccessLevel.REPORTER),
  canPush: (a: ProjectAccess) => atLeast(a, AccessLevel.DEVELOPER),
  canPushProtected: (a: ProjectAccess) => atLeast(a, AccessLevel.MASTER),
}
