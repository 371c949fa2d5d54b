import { Effect, Layer } from "effect"
import { MembershipRepository, type ProjectMember } from "@labrador/domain"
import { offsetPage } from "../shared/pages.ts"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { containsPattern, toDate } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { MembershipEntity } from "./entity.ts"

const toMember = (row: Record<string, unknown>): ProjectMember => ({
  projectId: Number(row.project_id),
  user: userFromColumns(row, "u")!,
  accessLevel: Number(row.access_level),
  createdAt: toDate(row.member_created_at),
})

const membersQuery = (k: Kysely<DB>, projectId: number) =>
  k
    .selectFrom("project_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .where("pm.project_id", "=", projectId)

export const MembershipRepositoryLive = Layer.effect(
  MembershipRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const columns = [
      "pm.project_id",
      "pm.access_level",
      "pm.created_at as member_created_at",
      ...userColumns("u", "u"),
    ] as const
    return MembershipRepository.of({
      list: (projectId, query, request) =>
        db.query((k) => {
          const filtered = (q: ReturnType<typeof membersQuery>) =>
            query ? q.where((eb) => eb(eb.fn("lower", ["u.username"]), "like", containsPattern(query))) : q
          return offsetPage(request, () => filtered(membersQuery(k, projectId)), "u.id", columns, toMember)
        }),
      find: (projectId, userId) =>
        db
          .query((k) => membersQuery(k, projectId).select(columns).where("pm.user_id", "=", userId).executeTakeFirst())
          .pipe(Effect.map((row) => (row ? toMember(row as Record<string, unknown>) : undefined))),
      insert: (m) =>
        db
          .run((em) =>
            em.insert(MembershipEntity, {
              project: m.projectId,
              user: m.userId,
              accessLevel: m.accessLevel,
              createdAt: m.createdAt,
              updatedAt: m.createdAt,
            }),
          )
          .pipe(Effect.asVoid),
      updateLevel: (projectId, userId, accessLevel) =>
        db
          .run((em) =>
            em.nativeUpdate(
              MembershipEntity,
              { project: projectId, user: userId },
              { accessLevel, updatedAt: new Date() },
            ),
          )
          .pipe(Effect.asVoid),
      remove: (projectId, userId) =>
        db.run((em) => em.nativeDelete(MembershipEntity, { project: projectId, user: userId })).pipe(Effect.asVoid),
    })
  }),
)
