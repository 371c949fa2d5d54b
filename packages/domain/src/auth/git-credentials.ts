import { Clock, Effect } from "effect"
import { anonymous, userActor, type Actor } from "../shared/actor.ts"
import { RateLimited, Unauthorized } from "../shared/errors.ts"
import { Credentials } from "../shared/ports.ts"
import type { User } from "../users/model.ts"
import { UserRepository } from "../users/repository.ts"
import { CredentialChecks, type FailedSignIns } from "./credential-checks.ts"

/** What a git client sends with HTTP Basic: a username (or e-mail) and a password or private token. */
export interface BasicCredentials {
  readonly login: string
  readonly secret: string
}

/** git sends the credentials with every request of a clone: a password check counts this long. */
export const VERIFIED_PASSWORD_MS = 60_000
/** GitLab's Rack::Attack `git_basic_auth` defaults: 10 failures within 60 s turn the address away for an hour. */
export const GIT_AUTH_MAX_FAILURES = 10
export const GIT_AUTH_FIND_MS = 60_000
export const GIT_AUTH_BAN_MS = 3_600_000

const answersTo = (user: User, login: string) =>
  user.username === login || user.email.toLowerCase() === login.toLowerCase()

/** The user whose private token or password `credentials` carry, when active; Unauthorized otherwise. */
const identify = Effect.fnUntraced(function* (credentials: BasicCredentials, now: number) {
  const users = yield* UserRepository
  const secrets = yield* Credentials
  // The token first: one digest lookup, where a password costs a deliberately slow hash.
  const byToken = yield* users.findByTokenDigest(secrets.digestToken(credentials.secret))
  if (byToken !== undefined && answersTo(byToken, credentials.login)) {
    if (byToken.state !== "active") return yield* new Unauthorized()
    return byToken
  }
  const found = yield* users.findForLogin(credentials.login)
  // A passed check is named by the stored hash it was made against: a new password (a new salted
  // hash) or a deleted user leaves nothing that matches, and the user's state is read every time.
  const checks = yield* CredentialChecks
  const key = found === undefined ? undefined : secrets.digestPasswordCheck(found.passwordHash, credentials.secret)
  const until = key === undefined ? undefined : yield* checks.verifiedUntil(key)
  const ok =
    (until !== undefined && until > now) ||
    (yield* secrets.verifyPassword(credentials.secret, found?.passwordHash ?? ""))
  if (found === undefined || !ok || found.user.state !== "active") return yield* new Unauthorized()
  if (until === undefined || until <= now) yield* checks.markVerified(key!, now + VERIFIED_PASSWORD_MS)
  return found.user
})

/** The failures after one more at `now`: counted in a window of GIT_AUTH_FIND_MS, banning at the limit. */
const oneMoreFailure = (record: FailedSignIns | undefined, now: number): FailedSignIns => {
  const current =
    record === undefined || now - record.since >= GIT_AUTH_FIND_MS ? { count: 0, since: now, bannedUntil: 0 } : record
  const count = current.count + 1
  return { count, since: current.since, bannedUntil: count >= GIT_AUTH_MAX_FAILURES ? now + GIT_AUTH_BAN_MS : 0 }
}

/**
 * The git client's identity: anonymous without credentials; with them, the user whose private
 * token or password the secret is. Wrong credentials and blocked accounts are the same 401, and
 * count against the client's address (`client`): at the limit it is turned away (RateLimited)
 * without any check until the ban ends; a success forgets its failures (as GitLab's IpRateLimiter).
 */
export const authenticateGitClient = Effect.fnUntraced(function* (
  credentials: BasicCredentials | undefined,
  client: string,
) {
  if (credentials === undefined) return anonymous as Actor
  // A blank half is a client asking for a prompt, not a guess: it does not count (GitLab learnt so).
  if (credentials.login === "" || credentials.secret === "") return yield* new Unauthorized()
  const checks = yield* CredentialChecks
  const now = yield* Clock.currentTimeMillis
  const record = yield* checks.failures(client)
  if (record !== undefined && record.bannedUntil > now)
    return yield* new RateLimited({ retryAfterSeconds: Math.ceil((record.bannedUntil - now) / 1000) })
  const user = yield* identify(credentials, now).pipe(
    Effect.tapErrorTag("Unauthorized", () => checks.setFailures(client, oneMoreFailure(record, now))),
  )
  if (record !== undefined) yield* checks.setFailures(client, undefined)
  return userActor(user)
})
