import { raw } from "@mikro-orm/core"
import { Effect, Layer } from "effect"
import { offsetOf, pageOf, UserRepository } from "@labrador/domain"
import { Database, type DB } from "../shared/em.ts"
import { rowLimit } from "../shared/sql.ts"
import { UserEntity } from "./entity.ts"
import { toUser, toUserRow } from "./mapper.ts"

const likePattern = (text: string) => `%${text.toLowerCase()}%`

export const UserRepositoryLive = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const one = (where: Record<string, unknown>) =>
      db.run((em) => em.findOne(UserEntity, where)).pipe(Effect.map((row) => (row ? toUser(row) : undefined)))

    return UserRepository.of({
      findById: (id) => one({ id }),
      findByIdOrUsername: (value) =>
        one(/^\d+$/.test(value) ? { $or: [{ id: Number(value) }, { username: value }] } : { username: value }),
      findForLogin: (login) =>
        db
          .run(
            async (em) =>
              (await em.findOne(UserEntity, { email: login.toLowerCase() })) ??
              (await em.findOne(UserEntity, { username: login })),
          )
          .pipe(Effect.map((row) => (row ? { user: toUser(row), passwordHash: row.passwordHash } : undefined))),
      findByTokenDigest: (tokenDigest) => one({ tokenDigest }),
      sealedToken: (id) =>
        db
          .run((em) => em.findOne(UserEntity, { id }, { fields: ["tokenSealed"] }))
          .pipe(Effect.map((row) => row?.tokenSealed)),
      list: (filter, request) =>
        db
          .run((em) => {
            const where: Record<string, unknown> = {}
            if (filter.search) {
              const pattern = likePattern(filter.search)
              where.$or = ["name", "email", "username"].map((column) => ({
                [raw(`lower(${column})`)]: { $like: pattern },
              }))
            }
            if (filter.active !== undefined) where.state = filter.active ? "active" : { $ne: "active" }
            return em.findAndCount(UserEntity, where, {
              orderBy: { id: "asc" },
              limit: request.perPage,
              offset: offsetOf(request),
            })
          })
          .pipe(Effect.map(([rows, total]) => pageOf(request, rows.map(toUser), total))),
      emailTaken: (email, except) =>
        db
          .run((em) =>
            em.count(UserEntity, {
              email: email.toLowerCase(),
              ...(except === undefined ? {} : { id: { $ne: except } }),
            }),
          )
          .pipe(Effect.map((n) => n > 0)),
      usernameTaken: (username, except) =>
        db
          .run((em) =>
            em
              .getKysely<DB>()
              .selectFrom("users")
              .select("id")
              .where((eb) => eb(eb.fn("lower", ["username"]), "=", username.toLowerCase()))
              .where("id", "!=", except ?? -1)
              .limit(rowLimit(1))
              .execute(),
          )
          .pipe(Effect.map((rows) => rows.length > 0)),
      insert: (draft) =>
        db
          .runUnique("username", (em) => em.insert(UserEntity, toUserRow(draft)))
          .pipe(Effect.map((id) => toUser({ ...toUserRow(draft), id }))),
      update: (id, changes, secrets) => {
        const data: Record<string, unknown> = { ...secrets, updatedAt: new Date() }
        for (const [key, value] of Object.entries(changes))
          if (value !== undefined) data[key] = key === "email" ? String(value).toLowerCase() : value
        return db
          .runUnique("email", (em) => em.nativeUpdate(UserEntity, { id }, data))
          .pipe(
            Effect.andThen(db.run((em) => em.findOneOrFail(UserEntity, { id }, { disableIdentityMap: true }))),
            Effect.map(toUser),
          )
      },
      remove: (id) => db.run((em) => em.nativeDelete(UserEntity, { id })).pipe(Effect.asVoid),
    })
  }),
)
