import { Clock, Effect } from "effect"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { Conflict, Invalid, NotFound } from "../shared/errors.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import { UserRepository } from "../users/repository.ts"
import type { KeyInput, SshKey } from "./model.ts"
import { parseKey } from "./parse.ts"
import { KeyRepository } from "./repository.ts"

/** GET /user/keys: the caller's own keys, all of them. */
export const listOwnKeys = Effect.fnUntraced(function* (actor: Actor) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* (yield* KeyRepository).listForUser(user.id)
})

/** GET /user/keys/:id: someone else's key is 404, admins included. */
export const getOwnKey = Effect.fnUntraced(function* (actor: Actor, keyId: number) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  const key = yield* (yield* KeyRepository).findForUser(user.id, keyId)
  if (key === undefined) return yield* new NotFound({ resource: "Key" })
  return key
})

/** POST /user/keys */
export const addOwnKey = Effect.fnUntraced(function* (actor: Actor, input: KeyInput) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  yield* requireAttributes(input, ["title", "key"])
  return yield* addKey(user.id, input)
})

/** POST /users/:id/keys: an admin adds a key to someone's account. */
export const addKeyForUser = Effect.fnUntraced(function* (actor: Actor, userId: number, input: KeyInput) {
  yield* UserPolicy.requireAdmin(actor)
  yield* requireAttributes(input, ["title", "key"])
  if ((yield* (yield* UserRepository).findById(userId)) === undefined) return yield* new NotFound({ resource: "User" })
  return yield* addKey(userId, input)
})

/** GET /users/:id/keys (6.x): an admin reads someone's keys. */
export const listKeysOfUser = Effect.fnUntraced(function* (actor: Actor, userId: number) {
  yield* UserPolicy.requireAdmin(actor)
  if ((yield* (yield* UserRepository).findById(userId)) === undefined) return yield* new NotFound({ resource: "User" })
  return yield* (yield* KeyRepository).listForUser(userId)
})

/** DELETE /user/keys/:id: idempotent; another user's key id deletes nothing and still answers 200. */
export const deleteOwnKey = Effect.fnUntraced(function* (actor: Actor, keyId: number) {
  const user = yield* UserPolicy.requireSignedIn(actor)
  return yield* removeKeyOf(user.id, keyId)
})

/** DELETE /users/:id/keys/:key_id (6.x): admin; idempotent. */
export const deleteKeyOfUser = Effect.fnUntraced(function* (actor: Actor, userId: number, keyId: number) {
  yield* UserPolicy.requireAdmin(actor)
  if ((yield* (yield* UserRepository).findById(userId)) === undefined) return yield* new NotFound({ resource: "User" })
  return yield* removeKeyOf(userId, keyId)
})

/** Inserts the key unless its fingerprint is already registered. */
const insertKey = Effect.fnUntraced(function* (key: Omit<SshKey, "id">) {
  const keys = yield* KeyRepository
  if (yield* keys.fingerprintTaken(key.fingerprint)) return yield* Conflict.taken("key")
  return yield* keys.insert(key)
})

const addKey = Effect.fnUntraced(function* (userId: number, input: KeyInput) {
  const parsed = parseKey(input.title!, input.key!)
  if (parsed instanceof Invalid) return yield* parsed
  const createdAt = new Date(yield* Clock.currentTimeMillis)
  return yield* (yield* Transactions).transact(
    insertKey({ userId, title: input.title!, key: parsed.text, fingerprint: parsed.fingerprint, createdAt }),
  )
})

/** Removes the user's key with that id, if there is one. */
const removeKeyIfPresent = Effect.fnUntraced(function* (userId: number, keyId: number) {
  const keys = yield* KeyRepository
  const key = yield* keys.findForUser(userId, keyId)
  if (key === undefined) return alreadyAbsent as Deletion<SshKey>
  yield* keys.remove(key.id)
  return removed(key) as Deletion<SshKey>
})

const removeKeyOf = Effect.fnUntraced(function* (userId: number, keyId: number) {
  return yield* (yield* Transactions).transact(removeKeyIfPresent(userId, keyId))
})
