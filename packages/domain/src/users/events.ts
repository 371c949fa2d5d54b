import { systemEvent, type DomainEvent, isoSeconds } from "../shared/events.ts"
import type { User } from "./model.ts"

/** System hook payloads of user_create / user_destroy (GitLab's SystemHooksService). */
export const userEvent = (name: "user_create" | "user_destroy", user: User, at: Date = user.createdAt): DomainEvent =>
  systemEvent(
    name,
    { created_at: isoSeconds(user.createdAt), name: user.name, email: user.email, user_id: user.id },
    at,
  )
