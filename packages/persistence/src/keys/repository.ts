import { Effect, Layer } from "effect"
import { KeyRepository, type SshKey } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { KeyEntity, type KeyRow } from "./entity.ts"

const toKey = (row: KeyRow): SshKey => ({
  id: row.id,
  userId: row.user?.id ?? null,
  title: row.title,
  key: row.key,
  fingerprint: row.fingerprint,
  createdAt: row.createdAt,
})

export const KeyRepositoryLive = Layer.effect(
  KeyRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return KeyRepository.of({
      listForUser: (userId) =>
        db
          .run((em) => em.find(KeyEntity, { user: userId }, { orderBy: { id: "asc" } }))
          .pipe(Effect.map((rows) => rows.map(toKey))),
      findForUser: (userId, keyId) =>
        db
          .run((em) => em.findOne(KeyEntity, { id: keyId, user: userId }))
          .pipe(Effect.map((row) => (row ? toKey(row) : undefined))),
      fingerprintTaken: (fingerprint) =>
        db.run((em) => em.count(KeyEntity, { fingerprint })).pipe(Effect.map((n) => n > 0)),
      insert: (key) =>
        db
          .runUnique("key", (em) =>
            em.insert(KeyEntity, {
              user: key.userId,
              title: key.title,
              key: key.key,
              fingerprint: key.fingerprint,
              createdAt: key.createdAt,
              updatedAt: key.createdAt,
            }),
          )
          .pipe(Effect.map((id) => ({ ...key, id }))),
      remove: (keyId) => db.run((em) => em.nativeDelete(KeyEntity, { id: keyId })).pipe(Effect.asVoid),
    })
  }),
)
