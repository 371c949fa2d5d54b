import { Effect, Layer } from "effect"
import { NamespaceRepository } from "@labrador/domain"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { rowLimit } from "../shared/sql.ts"
import { namespaceColumns, namespaceFromColumns } from "./columns.ts"
import { NamespaceEntity } from "./entity.ts"

const namespacesFrom = (k: Kysely<DB>) => k.selectFrom("namespaces as n").select(namespaceColumns("n", "n"))
type NamespacesQuery = ReturnType<typeof namespacesFrom>

export const NamespaceRepositoryLive = Layer.effect(
  NamespaceRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const one = (where: (q: NamespacesQuery) => NamespacesQuery) =>
      db
        .query((k) => where(namespacesFrom(k)).limit(rowLimit(1)).executeTakeFirst())
        .pipe(Effect.map((row) => (row ? namespaceFromColumns(row, "n") : undefined)))
    return NamespaceRepository.of({
      findById: (id) => one((q) => q.where("n.id", "=", id)),
      ownedBy: (userId) =>
        db
          .query((k) => namespacesFrom(k).where("n.owner_id", "=", userId).orderBy("n.id").execute())
          .pipe(Effect.map((rows) => rows.map((row) => namespaceFromColumns(row, "n")))),
      personalOf: (userId) => one((q) => q.where("n.owner_id", "=", userId).where("n.type", "is", null)),
      pathTaken: (path, exceptOwnerId) =>
        db
          .query((k) =>
            k
              .selectFrom("namespaces")
              .select("id")
              .where((eb) => eb(eb.fn("lower", ["path"]), "=", path.toLowerCase()))
              .where((eb) =>
                exceptOwnerId === undefined
                  ? eb.lit(true)
                  : eb.or([
                      eb("owner_id", "is", null),
                      eb("owner_id", "!=", exceptOwnerId),
                      eb("type", "is not", null),
                    ]),
              )
              .limit(rowLimit(1))
              .execute(),
          )
          .pipe(Effect.map((rows) => rows.length > 0)),
      createPersonal: (owner) =>
        db
          .runUnique("username", (em) => {
            const now = new Date()
            return em.insert(NamespaceEntity, {
              name: owner.username,
              path: owner.username,
              owner: owner.id,
              type: null,
              description: "",
              createdAt: now,
              updatedAt: now,
            })
          })
          .pipe(Effect.asVoid),
      renamePersonal: (ownerId, path) =>
        db
          .runUnique("username", (em) =>
            em.nativeUpdate(
              NamespaceEntity,
              { owner: ownerId, type: null },
              { name: path, path, updatedAt: new Date() },
            ),
          )
          .pipe(Effect.asVoid),
      removePersonal: (ownerId) =>
        db.run((em) => em.nativeDelete(NamespaceEntity, { owner: ownerId, type: null })).pipe(Effect.asVoid),
    })
  }),
)
