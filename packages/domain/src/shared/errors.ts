import { Data } from "effect"

/** A resource that does not exist, or that the actor may not see (existence is never leaked). */
export class NotFound extends Data.TaggedError("NotFound")<{ readonly resource?: string }> {}

/** No credential, or a credential that matches nobody. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<{}> {}

/** The actor is known and may see the resource, but may not do this to it. */
export class Forbidden extends Data.TaggedError("Forbidden")<{}> {}

/** A required attribute is absent, null or blank. */
export class MissingAttribute extends Data.TaggedError("MissingAttribute")<{ readonly attribute: string }> {}

/** Present attributes failed validation: field → messages, Rails style. */
export class Invalid extends Data.TaggedError("Invalid")<{
  readonly errors: Readonly<Record<string, ReadonlyArray<string>>>
}> {
  static field(field: string, message: string): Invalid {
    return new Invalid({ errors: { [field]: [message] } })
  }
}

/** Creating (or renaming to) something that already exists. */
export class Conflict extends Data.TaggedError("Conflict")<{
  readonly message: string | Readonly<Record<string, ReadonlyArray<string>>>
}> {
  static taken(field: string): Conflict {
    return new Conflict({ message: { [field]: ["has already been taken"] } })
  }
}

/** The request is not supported in the resource's current state. */
export class NotAllowed extends Data.TaggedError("NotAllowed")<{}> {}

export class PreconditionFailed extends Data.TaggedError("PreconditionFailed")<{ readonly message: string }> {}

export class RateLimited extends Data.TaggedError("RateLimited")<{ readonly retryAfterSeconds: number }> {}

export type DomainError =
  | NotFound
  | Unauthorized
  | Forbidden
  | MissingAttribute
  | Invalid
  | Conflict
  | NotAllowed
  | PreconditionFailed
  | RateLimited

/** Collects Rails-style validation messages and fails with one `Invalid` naming every bad field. */
export class Violations {
  private readonly errors: Record<string, Array<string>> = {}

  add(field: string, message: string): this {
    ;(this.errors[field] ??= []).push(message)
    return this
  }

  check(condition: boolean, field: string, message: string): this {
    return condition ? this : this.add(field, message)
  }

  get isEmpty(): boolean {
    return Object.keys(this.errors).length === 0
  }

  toError(): Invalid | undefined {
    return this.isEmpty ? undefined : new Invalid({ errors: this.errors })
  }
}
