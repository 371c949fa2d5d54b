import { describe, expect, it } from "vitest"
import { Data, Effect } from "effect"
import { NotFound } from "@labrador/domain"
import { endpoint, listEndpoint } from "./endpoint.ts"
import type { AppRuntime } from "./runtime.ts"

// Building a route never touches the runtime; the checks below are the compiler's.
const runtime = undefined as unknown as AppRuntime

/** A failure the error table (errors.ts) has no row for. */
class Unmapped extends Data.TaggedError("Unmapped")<{}> {}

describe("the error channel of a route", () => {
  it("takes the domain's errors", () => {
    expect(typeof endpoint(runtime, { run: () => Effect.fail(new NotFound({})), present: () => null })).toBe("function")
  })

  it("refuses a tagged error the HTTP layer does not map (a type error, checked by tsc)", () => {
    // @ts-expect-error Unmapped is not a DomainError: it would answer 500 instead of GitLab's status.
    expect(typeof endpoint(runtime, { run: () => Effect.fail(new Unmapped()), present: () => null })).toBe("function")
    // @ts-expect-error the same for lists.
    expect(typeof listEndpoint(runtime, { run: () => Effect.fail(new Unmapped()), present: () => null })).toBe(
      "function",
    )
  })
})
