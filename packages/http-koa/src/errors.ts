import { Cause, Exit } from "effect"
import type { DomainError } from "@labrador/domain"

export interface ErrorResponse {
  readonly status: number
  readonly body: unknown
  readonly headers?: Record<string, string>
}

/** The one table from a domain failure to GitLab's status and body. A new tag is a type error here. */
const table: { readonly [T in DomainError["_tag"]]: (error: Extract<DomainError, { _tag: T }>) => ErrorResponse } = {
  NotFound: (e) => ({ status: 404, body: { message: `404 ${e.resource ? `${e.resource} ` : ""}Not Found` } }),
  Unauthorized: () => ({ status: 401, body: { message: "401 Unauthorized" } }),
  Forbidden: () => ({ status: 403, body: { message: "403 Forbidden" } }),
  MissingAttribute: (e) => ({ status: 400, body: { message: `400 (Bad request) "${e.attribute}" not given` } }),
  Invalid: (e) => ({ status: 400, body: { message: e.errors } }),
  Conflict: (e) => ({ status: 409, body: { message: e.message } }),
  NotAllowed: () => ({ status: 405, body: { message: "405 Method Not Allowed" } }),
  PreconditionFailed: (e) => ({ status: 412, body: { message: e.message } }),
  RateLimited: (e) => ({
    status: 429,
    body: { message: "429 Too Many Requests" },
    headers: { "Retry-After": String(e.retryAfterSeconds) },
  }),
}

export const internalError: ErrorResponse = { status: 500, body: { message: "500 Internal Server Error" } }
export const routeNotFound: ErrorResponse = { status: 404, body: { error: "404 Not Found" } }

const isDomainError = (error: unknown): error is DomainError =>
  typeof error === "object" &&
  error !== null &&
  "_tag" in error &&
  typeof (error as { _tag: unknown })._tag === "string" &&
  (error as { _tag: string })._tag in table

/** A failed exit as a response, or `defect` when it is a bug (the caller logs it and answers 500). */
export const responseForFailure = (
  exit: Exit.Failure<unknown, unknown>,
): ErrorResponse | { readonly defect: unknown } => {
  const failure = exit.cause.reasons.find(Cause.isFailReason)
  if (failure && isDomainError(failure.error)) return responseForError(failure.error)
  return { defect: Cause.squash(exit.cause) }
}

export const responseForError = (error: DomainError): ErrorResponse =>
  (table[error._tag] as (e: DomainError) => ErrorResponse)(error)
