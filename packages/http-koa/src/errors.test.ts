import { describe, expect, it } from "vitest"
import { Effect, Exit } from "effect"
import {
  Conflict,
  Forbidden,
  Invalid,
  MissingAttribute,
  NotAllowed,
  NotFound,
  PreconditionFailed,
  RateLimited,
  Unauthorized,
} from "@labrador/domain"
import { responseForError, responseForFailure } from "./errors.ts"

describe("the error table", () => {
  it.each([
    [new NotFound({}), 404, { message: "404 Not Found" }],
    [new NotFound({ resource: "User" }), 404, { message: "404 User Not Found" }],
    [new Unauthorized(), 401, { message: "401 Unauthorized" }],
    [new Forbidden(), 403, { message: "403 Forbidden" }],
    [new MissingAttribute({ attribute: "title" }), 400, { message: '400 (Bad request) "title" not given' }],
    [new Invalid({ errors: { email: ["is invalid"] } }), 400, { message: { email: ["is invalid"] } }],
    [Conflict.taken("key"), 409, { message: { key: ["has already been taken"] } }],
    [new NotAllowed(), 405, { message: "405 Method Not Allowed" }],
    [new PreconditionFailed({ message: "412 Precondition Failed" }), 412, { message: "412 Precondition Failed" }],
  ])("%s → %i", (error, status, body) => {
    expect(responseForError(error)).toMatchObject({ status, body })
  })

  it("429 carries Retry-After", () => {
    expect(responseForError(new RateLimited({ retryAfterSeconds: 7 }))).toEqual({
      status: 429,
      body: { message: "429 Too Many Requests" },
      headers: { "Retry-After": "7" },
    })
  })

  it("a defect is not a response: the caller logs it and answers 500 without detail", async () => {
    const exit = await Effect.runPromiseExit(Effect.die(new Error("secret stack")))
    if (Exit.isSuccess(exit)) throw new Error("expected a failure")
    const response = responseForFailure(exit)
    expect("defect" in response && (response.defect as Error).message).toBe("secret stack")
    const typed = await Effect.runPromiseExit(Effect.fail(new Forbidden()))
    if (Exit.isSuccess(typed)) throw new Error("expected a failure")
    expect(responseForFailure(typed)).toEqual({ status: 403, body: { message: "403 Forbidden" } })
  })

  it("an unknown failure (not a domain error) is a defect too", async () => {
    const exit = await Effect.runPromiseExit(Effect.fail({ _tag: "SomethingElse" }))
    if (Exit.isSuccess(exit)) throw new Error("expected a failure")
    expect("defect" in responseForFailure(exit)).toBe(true)
  })
})
