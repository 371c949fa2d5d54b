import { Effect } from "effect"
import { Unauthorized } from "../shared/errors.ts"
import { Credentials } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { loginOf } from "../users/read-users.ts"
import { UserRepository } from "../users/repository.ts"

export interface LoginInput {
  readonly login?: string | undefined
  readonly email?: string | undefined
  readonly password?: string | undefined
}

/**
 * POST /session: `email` wins over `login`; either is matched as an email first, then as a
 * username. Every failed match is the same 401, so nothing tells which half was wrong.
 */
export const login = Effect.fnUntraced(function* (input: LoginInput) {
  const name = input.email !== undefined && input.email.trim() !== "" ? input.email : input.login
  yield* requireAttributes({ login: name, password: input.password }, ["login", "password"])
  const found = yield* (yield* UserRepository).findForLogin(name!.trim())
  const credentials = yield* Credentials
  // Verify against a dummy hash when the user is unknown so both paths cost the same.
  const ok = yield* credentials.verifyPassword(input.password!, found?.passwordHash ?? "")
  if (found === undefined || !ok || found.user.state !== "active") return yield* new Unauthorized()
  return yield* loginOf(found.user)
})
