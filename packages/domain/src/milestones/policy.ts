import { AccessLevel } from "../shared/access.ts"
import { atLeast, type ProjectAccess } from "../projects/policy.ts"

/** Milestone abilities of 5.x: every reader reads them (read_milestone), masters administer them (admin_milestone). */
export const MilestonePolicy = {
  canAdmin: (access: ProjectAccess) => atLeast(access, AccessLevel.MASTER),
}
