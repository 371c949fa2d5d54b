import { Effect, Layer } from "effect"
import { NamespaceRepository } from "@labrador/domain"
import { Database } from "../shared/em.ts"
import { rowLimit } from "../shared/sql.ts"
import { namespaceColumns, namespaceFromColumns } from "./columns.ts"
import { NamespaceEntity } from "./entity.ts"

export const NamespaceRepositoryLive = Layer.effect(
  NamespaceRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const one = (where: (q: any) => any) =>
      db
        .run((em) => where(em.getKysely<any>().selectFrom("namespaces as n").select(namespaceColumns("n", "n"))).limit(rowLimit(1)).executeTakeFirst())
        .pipe(Effect.map((row) => (row ? namespaceFromColumns(row as Record<string, unknown>, "n") : undefined)))
    return NamespaceRepository.of({
      findById: (id) => one((q) => q.where("n.id", "=", id)),
      ownedBy: (userId) =>
        db
          .run((em) => em.getKysely<any>().selectFrom("namespaces as n").select(namespaceColumns("n", "n")).where("n.owner_id", "=", userId).orderBy("n.id").execute())
          .pipe(Effect.map((rows: Array<Record<string, unknown>>) => rows.map((row) => namespaceFromColumns(row, "n")))),
      personalOf: (userId) => one((q) => q.where("n.owner_id", "=", userId).where("n.type", "is", null)),
      pathTaken: (path, exceptOwnerId) =>
        db
          .run((em) =>
            em
              .getKysely<any>()
              .selectFrom("namespaces")
              .select("id")
              .where((eb: any) => eb(eb.fn("lower", ["path"]), "=", path.toLowerCase()))
              .where((eb: any) => (exceptOwnerId === undefined ? eb.lit(true) : eb.or([eb("owner_id", "is", null), eb("owner_id", "!=", exceptOwnerId), eb("type", "is not", null)])))
              .limit(rowLimit(1))
              .execute(),
          )
          .pipe(Effect.map((rows) => rows.length > 0)),
      createPersonal: (owner) =>
        db
          .runUnique("username", (em) => {
            const now = new Date()
            return em.insert(NamespaceEntity, { name: owner.username, path: owner.username, owner: owner.id, type: null, description: "", createdAt: now, updatedAt: now })
          })
          .pipe(Effect.asVoid),
      renamePersonal: (ownerId, path) =>
        db
          .runUnique("username", (em) => em.nativeUpdate(NamespaceEntity, { owner: ownerId, type: null }, { name: path, path, updatedAt: new Date() }))
          .pipe(Effect.asVoid),
      removePersonal: (ownerId) => db.run((em) => em.nativeDelete(NamespaceEntity, { owner: ownerId, type: null })).pipe(Effect.asVoid),
    })
  }),
)
