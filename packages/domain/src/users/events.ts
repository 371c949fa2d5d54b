import { systemEvent, type DomainEvent } from "../shared/events.ts"
import type { User } from "./model.ts"

/** System hook payloads of user_create / user_destroy (GitLab's SystemHooksService). */
export const userEvent = (name: "user_create" | "user_destroy", user: User, at: Date = user.createdAt): DomainEvent =>
  systemEvent(name, { created_at: user.createdAt.toISOString(), name: user.name, email: user.email, user_id: user.id }, at)
