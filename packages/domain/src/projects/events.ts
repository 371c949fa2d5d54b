import { systemEvent, type DomainEvent, isoSeconds } from "../shared/events.ts"
import type { User } from "../users/model.ts"
import { fullPath, type ProjectDetails } from "./model.ts"

/** System hook payload of project_create / project_destroy (GitLab's SystemHooksService). */
export const projectSystemEvent = (
  name: "project_create" | "project_destroy",
  details: ProjectDetails,
  at: Date,
): DomainEvent =>
  systemEvent(
    name,
    {
      created_at: isoSeconds(details.project.createdAt),
      name: details.project.name,
      path: details.project.path,
      path_with_namespace: fullPath(details),
      project_id: details.project.id,
      owner_name: details.owner?.name ?? null,
      owner_email: details.owner?.email ?? null,
    },
    at,
  )

const ACCESS_NAMES: Record<number, string> = { 10: "Guest", 20: "Reporter", 30: "Developer", 40: "Master", 50: "Owner" }

/** System hook payload of user_add_to_team / user_remove_from_team. */
export const membershipSystemEvent = (
  name: "user_add_to_team" | "user_remove_from_team",
  details: ProjectDetails,
  user: User,
  accessLevel: number,
  at: Date,
): DomainEvent =>
  systemEvent(
    name,
    {
      created_at: isoSeconds(at),
      project_name: details.project.name,
      project_path: details.project.path,
      project_id: details.project.id,
      user_name: user.name,
      user_email: user.email,
      project_access: ACCESS_NAMES[accessLevel] ?? String(accessLevel),
    },
    at,
  )
