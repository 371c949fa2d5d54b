import { Effect } from "effect"
import { Credentials, insertUser, Settings, UserRepository } from "@labrador/domain"
import type { AppRuntime } from "@labrador/http-koa"

export interface SeededRoot {
  readonly password: string
  readonly token: string
  /** True when they were generated here and must be shown to the operator once. */
  readonly generated: boolean
}

/** First start: creates `root` (admin) with the configured or generated password and token. */
export const seedRoot = (runtime: AppRuntime, wanted: Wanted) => runtime.runPromise(seedProgram(wanted))

interface Wanted {
  readonly password?: string | undefined
  readonly token?: string | undefined
}

const seedProgram = Effect.fnUntraced(function* (wanted: Wanted) {
  const users = yield* UserRepository
  if ((yield* users.findByIdOrUsername("root")) !== undefined) return undefined
  const credentials = yield* Credentials
  const settings = yield* Settings
  const token = wanted.token ?? (yield* credentials.newToken)
  const password = wanted.password ?? (yield* credentials.newToken)
  yield* insertUser({
    username: "root",
    email: "admin@example.com",
    name: "Administrator",
    bio: null,
    skype: "",
    linkedin: "",
    twitter: "",
    websiteUrl: "",
    themeId: 1,
    colorSchemeId: 1,
    state: "active",
    createdAt: new Date(),
    externUid: null,
    provider: null,
    projectsLimit: 10000,
    canCreateGroup: settings.defaultCanCreateGroup,
    canCreateTeam: settings.defaultCanCreateTeam,
    admin: true,
    passwordHash: yield* credentials.hashPassword(password),
    tokenDigest: credentials.digestToken(token),
    tokenSealed: credentials.sealToken(token),
  })
  const seeded: SeededRoot = { password, token, generated: wanted.password === undefined || wanted.token === undefined }
  return seeded
})
