/**
 * A fact that hooks or the events feed need, recorded in the same transaction as the change that
 * caused it (the persistence adapter writes it to the outbox).
 */
export interface DomainEvent {
  /** GitLab's event_name, e.g. `user_create`. */
  readonly name: string
  /** Which hooks may receive it: system hooks, or the hooks of one project. */
  readonly scope: { readonly _tag: "System" } | { readonly _tag: "Project"; readonly projectId: number }
  /** The JSON body a hook receives, exactly as GitLab builds it. */
  readonly payload: Readonly<Record<string, unknown>>
  readonly occurredAt: Date
}

export const systemEvent = (name: string, payload: Record<string, unknown>, occurredAt: Date): DomainEvent => ({
  name,
  scope: { _tag: "System" },
  payload: { event_name: name, ...payload },
  occurredAt,
})

/** A time as GitLab's payloads of the era carry it: ISO-8601 UTC, whole seconds ("2013-02-06T16:59:15Z"). */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z")
