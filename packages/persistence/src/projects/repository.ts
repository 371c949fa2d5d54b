import { Effect, Layer } from "effect"
import {
  ProjectRepository,
  type ForkSource,
  type Project,
  type ProjectDetails,
  type ProjectFilter,
} from "@labrador/domain"
import { namespaceColumns, namespaceFromColumns } from "../namespaces/columns.ts"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { idPage } from "../shared/pages.ts"
import { prepared } from "../shared/prepared.ts"
import { containsPattern, rowLimit, takenNameAndPath, toBool, toCount, toDate, toNullableInt } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { accessGrants, ownedNamespaceIds, readableBy } from "./access.ts"
import { DeletedProjectEntity, ProjectEntity } from "./entity.ts"

const PROJECT_COLUMNS = [
  "p.id",
  "p.name",
  "p.path",
  "p.description",
  "p.default_branch",
  "p.public",
  "p.issues_enabled",
  "p.wall_enabled",
  "p.merge_requests_enabled",
  "p.wiki_enabled",
  "p.snippets_enabled",
  "p.namespace_id",
  "p.creator_id",
  "p.forked_from_project_id",
  "p.created_at",
  "p.last_activity_at",
] as const

const toProject = (row: Record<string, unknown>): Project => ({
  id: Number(row.id),
  name: String(row.name),
  path: String(row.path),
  description: (row.description as string | null) ?? null,
  defaultBranch: (row.default_branch as string | null) ?? null,
  public: toBool(row.public),
  issuesEnabled: toBool(row.issues_enabled),
  wallEnabled: toBool(row.wall_enabled),
  mergeRequestsEnabled: toBool(row.merge_requests_enabled),
  wikiEnabled: toBool(row.wiki_enabled),
  snippetsEnabled: toBool(row.snippets_enabled),
  namespaceId: Number(row.namespace_id),
  creatorId: toNullableInt(row.creator_id),
  forkedFromProjectId: toNullableInt(row.forked_from_project_id),
  createdAt: toDate(row.created_at),
  lastActivityAt: toDate(row.last_activity_at),
})

/**
 * Projects with namespace and owner, in one query; fork sources in a second one when any. Shared
 * with the resources that list projects of their own (groups, teams).
 */
export const detailsQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("projects as p")
    .innerJoin("namespaces as n", "n.id", "p.namespace_id")
    .leftJoin("users as u", "u.id", "n.owner_id")
    .select([...PROJECT_COLUMNS, ...namespaceColumns("n", "n"), ...userColumns("u", "u")])

export const loadDetails = async (
  db: Kysely<DB>,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<Array<ProjectDetails>> => {
  const sourceIds = [
    ...new Set(rows.map((r) => toNullableInt(r.forked_from_project_id)).filter((id): id is number => id !== null)),
  ]
  const sources = new Map<number, ForkSource>()
  if (sourceIds.length > 0) {
    const sourceRows: Array<Record<string, unknown>> = await detailsQuery(db).where("p.id", "in", sourceIds).execute()
    for (const row of sourceRows)
      sources.set(Number(row.id), {
        id: Number(row.id),
        name: String(row.name),
        path: String(row.path),
        namespace: namespaceFromColumns(row, "n"),
        namespaceOwnerName: userFromColumns(row, "u")?.name ?? null,
      })
  }
  return rows.map((row) => ({
    project: toProject(row),
    namespace: namespaceFromColumns(row, "n"),
    owner: userFromColumns(row, "u"),
    forkedFrom: sources.get(toNullableInt(row.forked_from_project_id) ?? -1) ?? null,
  }))
}

// The lookups every /projects/:id request makes, compiled once.
const byId = prepared({ id: -7_300_001 }, (k, a) => detailsQuery(k).where("p.id", "=", a.id).limit(rowLimit(1)))
const byFullPath = prepared({ namespace: "\u0000namespace", path: "\u0000path" }, (k, a) =>
  detailsQuery(k)
    .where((eb) =>
      eb.and([eb(eb.fn("lower", ["n.path"]), "=", a.namespace), eb(eb.fn("lower", ["p.path"]), "=", a.path)]),
    )
    .limit(rowLimit(1)),
)
const levelOf = prepared({ project: -7_300_002, user: -7_300_003 }, (k, a) =>
  k
    .selectFrom(accessGrants(k, a.user).as("g"))
    .select((eb) => eb.fn.max("g.access_level").as("level"))
    .where("g.project_id", "=", a.project),
)

const projectsFrom = (k: Kysely<DB>) => k.selectFrom("projects as p")
type ProjectsQuery = ReturnType<typeof projectsFrom>

export const ProjectRepositoryLive = Layer.effect(
  ProjectRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const first = (rows: (k: Kysely<DB>) => Promise<Array<Record<string, unknown>>>) =>
      db.query(async (k) => {
        const [row] = await rows(k)
        return row ? (await loadDetails(k, [row]))[0] : undefined
      })
    const page = (
      scope: (k: Kysely<DB>, q: ProjectsQuery) => ProjectsQuery,
      filter: ProjectFilter,
      request: { page: number; perPage: number },
    ) =>
      db.query((k) =>
        idPage(
          request,
          () => {
            const q = scope(k, projectsFrom(k))
            return filter.search
              ? q.where((eb) => eb(eb.fn("lower", ["p.name"]), "like", containsPattern(filter.search!)))
              : q
          },
          "p.id",
          async (ids) =>
            loadDetails(k, await detailsQuery(k).where("p.id", "in", ids).orderBy("p.id", "asc").execute()),
        ),
      )

    return ProjectRepository.of({
      findById: (id) => first((k) => byId(k, { id })),
      findByFullPath: (namespacePath, path) =>
        first((k) => byFullPath(k, { namespace: namespacePath.toLowerCase(), path: path.toLowerCase() })),
      accessLevel: (projectId, userId) =>
        db.query(async (k) => toCount((await levelOf(k, { project: projectId, user: userId }))[0]?.level)),
      listAuthorized: (userId, filter, request) =>
        page(
          (k, q) =>
            q.where(
              filter.ownedOnly
                ? (eb) => eb("p.namespace_id", "in", ownedNamespaceIds(k, userId))
                : readableBy(k, userId),
            ),
          filter,
          request,
        ),
      listAll: (filter, request) => page((_k, q) => q, filter, request),
      listInNamespace: (namespaceId) =>
        db
          .query((k) =>
            k
              .selectFrom("projects as p")
              .select(PROJECT_COLUMNS)
              .where("p.namespace_id", "=", namespaceId)
              .orderBy("p.id")
              .execute(),
          )
          .pipe(Effect.map((rows: Array<Record<string, unknown>>) => rows.map(toProject))),
      taken: (namespaceId, name, path, except) =>
        db.query((k) =>
          takenNameAndPath(
            k
              .selectFrom("projects")
              .where("namespace_id", "=", namespaceId)
              .where("id", "!=", except ?? -1),
            name,
            path,
          ),
        ),
      countPersonal: (userId) =>
        db
          .query((k) =>
            k
              .selectFrom("projects as p")
              .innerJoin("namespaces as n", "n.id", "p.namespace_id")
              .select((eb) => eb.fn.countAll().as("total"))
              .where("n.owner_id", "=", userId)
              .where("n.type", "is", null)
              .executeTakeFirstOrThrow(),
          )
          .pipe(Effect.map((row) => toCount(row.total))),
      insert: (project) =>
        db
          .runUnique("path", (em) => {
            const { namespaceId, ...columns } = project
            return em.insert(ProjectEntity, { ...columns, namespace: namespaceId })
          })
          .pipe(Effect.map((id) => ({ ...project, id }))),
      moveToNamespace: (projectId, namespaceId) =>
        db
          .runUnique("path", (em) => em.nativeUpdate(ProjectEntity, { id: projectId }, { namespace: namespaceId }))
          .pipe(Effect.asVoid),
      setForkedFrom: (projectId, from) =>
        db
          .run((em) => em.nativeUpdate(ProjectEntity, { id: projectId }, { forkedFromProjectId: from }))
          .pipe(Effect.asVoid),
      touch: (projectId, at) =>
        db.run((em) => em.nativeUpdate(ProjectEntity, { id: projectId }, { lastActivityAt: at })).pipe(Effect.asVoid),
      setDefaultBranchIfUnset: (projectId, name) =>
        db
          .run((em) => em.nativeUpdate(ProjectEntity, { id: projectId, defaultBranch: null }, { defaultBranch: name }))
          .pipe(Effect.asVoid),
      remove: (projectId) =>
        db
          .run(async (em) => {
            await em.nativeUpdate(ProjectEntity, { forkedFromProjectId: projectId }, { forkedFromProjectId: null })
            await em.nativeDelete(ProjectEntity, { id: projectId })
          })
          .pipe(Effect.asVoid),
      rememberDeleted: (projectId, formerOwnerId, at) =>
        db
          .run((em) => em.upsert(DeletedProjectEntity, { id: projectId, formerOwnerId, deletedAt: at }))
          .pipe(Effect.asVoid),
      deletedOwner: (projectId) =>
        db
          .run((em) => em.findOne(DeletedProjectEntity, { id: projectId }))
          .pipe(Effect.map((row) => (row ? { formerOwnerId: row.formerOwnerId ?? null } : undefined))),
    })
  }),
)
