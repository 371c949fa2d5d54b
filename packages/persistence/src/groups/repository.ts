import { Effect, Layer } from "effect"
import { GroupRepository, type Group, type GroupMember } from "@labrador/domain"
import { offsetPage } from "../shared/pages.ts"
import { namespaceColumns, namespaceFromColumns } from "../namespaces/columns.ts"
import { NamespaceEntity } from "../namespaces/entity.ts"
import { detailsQuery, loadDetails } from "../projects/repository.ts"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { rowLimit, toDate } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { GroupMemberEntity } from "./entity.ts"

const GROUP_TYPE = "Group"

const groupsQuery = (k: Kysely<DB>) => k.selectFrom("namespaces as n").where("n.type", "=", GROUP_TYPE)

const membersQuery = (k: Kysely<DB>, groupId: number) =>
  k.selectFrom("group_members as gm").innerJoin("users as u", "u.id", "gm.user_id").where("gm.group_id", "=", groupId)

const MEMBER_COLUMNS = [
  "gm.group_id",
  "gm.access_level",
  "gm.created_at as member_created_at",
  "gm.updated_at as member_updated_at",
  ...userColumns("u", "u"),
] as const

const toMember = (row: Record<string, unknown>): GroupMember => ({
  groupId: Number(row.group_id),
  user: userFromColumns(row, "u")!,
  accessLevel: Number(row.access_level),
  createdAt: toDate(row.member_created_at),
  updatedAt: toDate(row.member_updated_at),
})

export const GroupRepositoryLive = Layer.effect(
  GroupRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return GroupRepository.of({
      findById: (id) =>
        db
          .query((k) => groupsQuery(k).select(namespaceColumns("n", "n")).where("n.id", "=", id).executeTakeFirst())
          .pipe(Effect.map((row) => (row ? namespaceFromColumns(row as Record<string, unknown>, "n") : undefined))),
      list: (visibleTo, request) =>
        db.query(async (k) => {
          const scoped = (q: ReturnType<typeof groupsQuery>) =>
            visibleTo === undefined
              ? q
              : q.where((eb) =>
                  eb.or([
                    eb("n.owner_id", "=", visibleTo),
                    eb("n.id", "in", k.selectFrom("group_members").select("group_id").where("user_id", "=", visibleTo)),
                  ]),
                )
          return offsetPage(
            request,
            () => scoped(groupsQuery(k)),
            "n.id",
            namespaceColumns("n", "n"),
            (row) => namespaceFromColumns(row, "n"),
          )
        }),
      nameTaken: (name) =>
        db
          .query((k) =>
            k
              .selectFrom("namespaces")
              .select("id")
              .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
              .limit(rowLimit(1))
              .execute(),
          )
          .pipe(Effect.map((rows) => rows.length > 0)),
      insert: (group) =>
        db
          .runUnique("path", (em) =>
            em.insert(NamespaceEntity, {
              name: group.name,
              path: group.path,
              owner: group.ownerId,
              type: GROUP_TYPE,
              description: group.description,
              createdAt: group.createdAt,
              updatedAt: group.updatedAt,
            }),
          )
          .pipe(Effect.map((id): Group => ({ ...group, id, kind: "group" }))),
      remove: (id) => db.run((em) => em.nativeDelete(NamespaceEntity, { id, type: GROUP_TYPE })).pipe(Effect.asVoid),
      projects: (groupId) =>
        db.query(async (k) =>
          loadDetails(k, await detailsQuery(k).where("p.namespace_id", "=", groupId).orderBy("p.id").execute()),
        ),
      listMembers: (groupId, request) =>
        db.query((k) => offsetPage(request, () => membersQuery(k, groupId), "u.id", MEMBER_COLUMNS, toMember)),
      findMember: (groupId, userId) =>
        db
          .query((k) =>
            membersQuery(k, groupId).select(MEMBER_COLUMNS).where("gm.user_id", "=", userId).executeTakeFirst(),
          )
          .pipe(Effect.map((row) => (row ? toMember(row as Record<string, unknown>) : undefined))),
      insertMember: (member) =>
        db
          .runUnique("user_id", (em) =>
            em.insert(GroupMemberEntity, {
              group: member.groupId,
              user: member.userId,
              accessLevel: member.accessLevel,
              createdAt: member.createdAt,
              updatedAt: member.createdAt,
            }),
          )
          .pipe(Effect.asVoid),
      removeMember: (groupId, userId) =>
        db.run((em) => em.nativeDelete(GroupMemberEntity, { group: groupId, user: userId })).pipe(Effect.asVoid),
    })
  }),
)
