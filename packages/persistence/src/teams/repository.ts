import { Effect, Layer } from "effect"
import { offsetOf, pageOf, TeamRepository, type Team, type TeamMember, type TeamProject } from "@labrador/domain"
import { offsetPage } from "../shared/pages.ts"
import { detailsQuery, loadDetails } from "../projects/repository.ts"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { rowLimit, takenNameAndPath, toBool, toCount, toDate, toNullableInt } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { TeamMemberEntity, TeamProjectEntity, UserTeamEntity } from "./entity.ts"

const TEAM_COLUMNS = ["t.id", "t.name", "t.path", "t.owner_id", "t.created_at", "t.updated_at"] as const

const toTeam = (row: Record<string, unknown>): Team => ({
  id: Number(row.id),
  name: String(row.name),
  path: String(row.path),
  ownerId: toNullableInt(row.owner_id),
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
})

const membersQuery = (k: Kysely<DB>, teamId: number) =>
  k
    .selectFrom("user_team_user_relationships as tu")
    .innerJoin("users as u", "u.id", "tu.user_id")
    .where("tu.user_team_id", "=", teamId)

const MEMBER_COLUMNS = [
  "tu.user_team_id",
  "tu.permission",
  "tu.group_admin",
  "tu.created_at as member_created_at",
  "tu.updated_at as member_updated_at",
  ...userColumns("u", "u"),
] as const

const toMember = (row: Record<string, unknown>): TeamMember => ({
  teamId: Number(row.user_team_id),
  user: userFromColumns(row, "u")!,
  accessLevel: Number(row.permission),
  groupAdmin: toBool(row.group_admin),
  createdAt: toDate(row.member_created_at),
  updatedAt: toDate(row.member_updated_at),
})

const ASSIGNMENT_COLUMNS = [
  "tp.user_team_id",
  "tp.greatest_access",
  "tp.created_at as assignment_created_at",
  "tp.updated_at as assignment_updated_at",
] as const

const assignedQuery = (k: Kysely<DB>, teamId: number) =>
  detailsQuery(k)
    .innerJoin("user_team_project_relationships as tp", "tp.project_id", "p.id")
    .select(ASSIGNMENT_COLUMNS)
    .where("tp.user_team_id", "=", teamId)

/** Rows of `assignedQuery` as TeamProjects, project details loaded the projects' way. */
const toAssignments = async (k: Kysely<DB>, rows: Array<Record<string, unknown>>): Promise<Array<TeamProject>> => {
  const details = await loadDetails(k, rows)
  return rows.map((row, i) => ({
    teamId: Number(row.user_team_id),
    details: details[i]!,
    greatestAccessLevel: Number(row.greatest_access),
    createdAt: toDate(row.assignment_created_at),
    updatedAt: toDate(row.assignment_updated_at),
  }))
}

export const TeamRepositoryLive = Layer.effect(
  TeamRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return TeamRepository.of({
      findById: (id) =>
        db
          .query((k) => k.selectFrom("user_teams as t").select(TEAM_COLUMNS).where("t.id", "=", id).executeTakeFirst())
          .pipe(Effect.map((row) => (row ? toTeam(row as Record<string, unknown>) : undefined))),
      list: (memberId, request) =>
        db.query(async (k) => {
          const scoped = () => {
            const q = k.selectFrom("user_teams as t")
            return memberId === undefined
              ? q
              : q.where(
                  "t.id",
                  "in",
                  k.selectFrom("user_team_user_relationships").select("user_team_id").where("user_id", "=", memberId),
                )
          }
          return offsetPage(request, scoped, "t.id", TEAM_COLUMNS, toTeam)
        }),
      taken: (name, path) => db.query((k) => takenNameAndPath(k.selectFrom("user_teams"), name, path)),
      insert: (team) =>
        db
          .runUnique("path", (em) =>
            em.insert(UserTeamEntity, {
              name: team.name,
              path: team.path,
              owner: team.ownerId,
              createdAt: team.createdAt,
              updatedAt: team.updatedAt,
            }),
          )
          .pipe(Effect.map((id): Team => ({ ...team, id }))),

      listMembers: (teamId, request) =>
        db.query((k) => offsetPage(request, () => membersQuery(k, teamId), "u.id", MEMBER_COLUMNS, toMember)),
      findMember: (teamId, userId) =>
        db
          .query((k) =>
            membersQuery(k, teamId).select(MEMBER_COLUMNS).where("tu.user_id", "=", userId).executeTakeFirst(),
          )
          .pipe(Effect.map((row) => (row ? toMember(row as Record<string, unknown>) : undefined))),
      insertMember: (member) =>
        db
          .runUnique("user_id", (em) =>
            em.insert(TeamMemberEntity, {
              userTeam: member.teamId,
              user: member.userId,
              permission: member.accessLevel,
              groupAdmin: false,
              createdAt: member.createdAt,
              updatedAt: member.createdAt,
            }),
          )
          .pipe(Effect.asVoid),
      removeMember: (teamId, userId) =>
        db.run((em) => em.nativeDelete(TeamMemberEntity, { userTeam: teamId, user: userId })).pipe(Effect.asVoid),

      listProjects: (teamId, request) =>
        db.query(async (k) => {
          const { total } = await k
            .selectFrom("user_team_project_relationships")
            .select((eb) => eb.fn.countAll().as("total"))
            .where("user_team_id", "=", teamId)
            .executeTakeFirstOrThrow()
          const rows = await assignedQuery(k, teamId)
            .orderBy("p.id")
            .limit(rowLimit(request.perPage))
            .offset(offsetOf(request))
            .execute()
          return pageOf(request, await toAssignments(k, rows), toCount(total))
        }),
      findProject: (teamId, projectId) =>
        db.query(async (k) => {
          const row = await assignedQuery(k, teamId).where("p.id", "=", projectId).executeTakeFirst()
          return row ? (await toAssignments(k, [row]))[0] : undefined
        }),
      insertProject: (assignment) =>
        db
          .runUnique("project_id", (em) =>
            em.insert(TeamProjectEntity, {
              userTeam: assignment.teamId,
              project: assignment.projectId,
              greatestAccess: assignment.greatestAccessLevel,
              createdAt: assignment.createdAt,
              updatedAt: assignment.createdAt,
            }),
          )
          .pipe(Effect.asVoid),
      removeProject: (teamId, projectId) =>
        db
          .run((em) => em.nativeDelete(TeamProjectEntity, { userTeam: teamId, project: projectId }))
          .pipe(Effect.asVoid),
    })
  }),
)
