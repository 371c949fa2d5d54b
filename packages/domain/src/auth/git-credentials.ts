import { Effect } from "effect"
import { anonymous, userActor, type Actor } from "../shared/actor.ts"
import { Unauthorized } from "../shared/errors.ts"
import { Credentials } from "../shared/ports.ts"
import type { User } from "../users/model.ts"
import { UserRepository } from "../users/repository.ts"

/** What a git client sends with HTTP Basic: a username (or e-mail) and a password or private token. */
export interface BasicCredentials {
  readonly login: string
  readonly secret: string
}

const answersTo = (user: User, login: string) => user.username === login || user.email.toLowerCase() === login.toLowerCase()

/**
 * The git client's identity: anonymous without credentials; with them, the user whose private
 * token or password the secret is. Wrong credentials and blocked accounts are the same 401.
 */
export const authenticateGitClient = Effect.fnUntraced(function* (credentials: BasicCredentials | undefined) {
  if (credentials === undefined) return anonymous as Actor
  if (credentials.login === "" || credentials.secret === "") return yield* new Unauthorized()
  const users = yield* UserRepository
  const secrets = yield* Credentials
  // The token first: one digest lookup, where a password costs a deliberately slow hash.
  const byToken = yield* users.findByTokenDigest(secrets.digestToken(credentials.secret))
  if (byToken !== undefined && answersTo(byToken, credentials.login)) {
    if (byToken.state !== "active") return yield* new Unauthorized()
    return userActor(byToken)
  }
  const found = yield* users.findForLogin(credentials.login)
  const ok = yield* secrets.verifyPassword(credentials.secret, found?.passwordHash ?? "")
  if (found === undefined || !ok || found.user.state !== "active") return yield* new Unauthorized()
  return userActor(found.user)
})
