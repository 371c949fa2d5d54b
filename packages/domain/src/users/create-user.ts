import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { userEvent } from "./events.ts"
import { Credentials, Outbox, Settings, Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { NamespaceRepository } from "../namespaces/repository.ts"
import type { NewUser, UserAttributes } from "./model.ts"
import { UserPolicy } from "./policy.ts"
import { UserRepository } from "./repository.ts"
import { validateUserAttributes } from "./rules.ts"
import { ensureUnique } from "./uniqueness.ts"

/** POST /users: an admin creates an account; its personal namespace comes with it. */
export const createUser = Effect.fnUntraced(function* (actor: Actor, attrs: UserAttributes) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(attrs, ["email", "password", "name", "username"])
  const invalid = validateUserAttributes(attrs)
  if (invalid) return yield* invalid

  const credentials = yield* Credentials
  const settings = yield* Settings
  const token = yield* credentials.newToken
  const passwordHash = yield* credentials.hashPassword(attrs.password!)
  const now = new Date(yield* Clock.currentTimeMillis)
  const draft: NewUser = {
    username: attrs.username!,
    email: attrs.email!,
    name: attrs.name!,
    bio: attrs.bio ?? null,
    skype: attrs.skype ?? "",
    linkedin: attrs.linkedin ?? "",
    twitter: attrs.twitter ?? "",
    websiteUrl: attrs.websiteUrl ?? "",
    themeId: 1,
    colorSchemeId: 1,
    state: "active",
    createdAt: now,
    externUid: attrs.externUid ?? null,
    provider: attrs.provider ?? null,
    projectsLimit: attrs.projectsLimit ?? settings.defaultProjectsLimit,
    canCreateGroup: attrs.canCreateGroup ?? settings.defaultCanCreateGroup,
    canCreateTeam: settings.defaultCanCreateTeam,
    admin: attrs.admin ?? false,
    passwordHash,
    tokenDigest: credentials.digestToken(token),
    tokenSealed: credentials.sealToken(token),
  }
  return yield* insertUser(draft)
})

/** Inserts the account unless its email or username is taken, with its namespace and event. */
const insertAccount = Effect.fnUntraced(function* (draft: NewUser) {
  yield* ensureUnique({ email: draft.email, username: draft.username })
  const user = yield* (yield* UserRepository).insert(draft)
  yield* (yield* NamespaceRepository).createPersonal(user)
  yield* (yield* Outbox).record([userEvent("user_create", user)])
  return user
})

/**
 * Writes a new account with its namespace and its `user_create` event in one transaction. Shared
 * by the API and by the server's first-start seeding of `root`.
 */
export const insertUser = Effect.fnUntraced(function* (draft: NewUser) {
  return yield* (yield* Transactions).transact(insertAccount(draft))
})
