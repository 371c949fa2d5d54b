import { Effect, Layer } from "effect"
import {
  IssueRepository,
  type Issue,
  type IssueChanges,
  type IssueFilter,
  type IssueState,
  type IssueView,
  type PageRequest,
} from "@labrador/domain"
import { milestoneColumns, milestoneFromColumns } from "../milestones/columns.ts"
import { nextProjectCounter } from "../shared/counters.ts"
import type { Kysely } from "kysely"
import { Database, type DB, type Em } from "../shared/em.ts"
import { idPage } from "../shared/pages.ts"
import { toDate, toNullableInt } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { IssueEntity, IssueLabelEntity } from "./entity.ts"

const ISSUE_COLUMNS = [
  "i.id",
  "i.iid",
  "i.project_id",
  "i.title",
  "i.description",
  "i.milestone_id",
  "i.assignee_id",
  "i.author_id",
  "i.state",
  "i.created_at",
  "i.updated_at",
] as const

const toIssue = (row: Record<string, unknown>, labels: ReadonlyArray<string>): Issue => ({
  id: Number(row.id),
  iid: Number(row.iid),
  projectId: Number(row.project_id),
  title: String(row.title),
  description: (row.description as string | null) ?? null,
  labels,
  milestoneId: toNullableInt(row.milestone_id),
  assigneeId: toNullableInt(row.assignee_id),
  authorId: Number(row.author_id),
  state: row.state as IssueState,
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
})

/** Issues with author, assignee and milestone in one query. */
const viewQuery = (k: Kysely<DB>) =>
  k
    .selectFrom("issues as i")
    .innerJoin("users as a", "a.id", "i.author_id")
    .leftJoin("users as s", "s.id", "i.assignee_id")
    .leftJoin("milestones as m", "m.id", "i.milestone_id")
    .select([...ISSUE_COLUMNS, ...userColumns("a", "a"), ...userColumns("s", "s"), ...milestoneColumns("m", "m")])

/** The rows as views, with their labels read in one more query. */
const toViews = async (k: Kysely<DB>, rows: ReadonlyArray<Record<string, unknown>>): Promise<Array<IssueView>> => {
  const labels = new Map<number, Array<string>>()
  if (rows.length > 0) {
    const labelRows: Array<Record<string, unknown>> = await k
      .selectFrom("issue_labels")
      .select(["issue_id", "name"])
      .where(
        "issue_id",
        "in",
        rows.map((row) => Number(row.id)),
      )
      .orderBy("issue_id")
      .orderBy("position")
      .execute()
    for (const row of labelRows) {
      const id = Number(row.issue_id)
      labels.set(id, [...(labels.get(id) ?? []), String(row.name)])
    }
  }
  return rows.map((row) => ({
    issue: toIssue(row, labels.get(Number(row.id)) ?? []),
    author: userFromColumns(row, "a")!,
    assignee: userFromColumns(row, "s"),
    milestone: milestoneFromColumns(row, "m"),
  }))
}

const issuesFrom = (k: Kysely<DB>) => k.selectFrom("issues as i")
type IssuesQuery = ReturnType<typeof issuesFrom>

/** The list filters as conditions on `issues as i`. */
const filtered = (k: Kysely<DB>, query: IssuesQuery, filter: IssueFilter) => {
  let q = query
  if (filter.state === "opened") q = q.where("i.state", "in", ["opened", "reopened"])
  if (filter.state === "closed") q = q.where("i.state", "=", "closed")
  if (filter.milestoneId !== undefined) q = q.where("i.milestone_id", "=", filter.milestoneId)
  const milestoneTitle = filter.milestoneTitle
  if (milestoneTitle !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("milestones as fm")
          .select("fm.id")
          .whereRef("fm.id", "=", "i.milestone_id")
          .where("fm.title", "=", milestoneTitle),
      ),
    )
  for (const label of filter.labels ?? [])
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("issue_labels as fl")
          .select("fl.id")
          .whereRef("fl.issue_id", "=", "i.id")
          .where("fl.name", "=", label),
      ),
    )
  return q
}

const insertLabels = (em: Em, issueId: number, projectId: number, labels: ReadonlyArray<string>) =>
  labels.length === 0
    ? Promise.resolve()
    : em
        .insertMany(
          IssueLabelEntity,
          labels.map((name, position) => ({ issue: issueId, projectId, name, position })),
        )
        .then(() => undefined)

export const IssueRepositoryLive = Layer.effect(
  IssueRepository,
  Effect.gen(function* () {
    const db = yield* Database

    const page = (scope: (query: IssuesQuery) => IssuesQuery, filter: IssueFilter, request: PageRequest) =>
      db.query((k) =>
        idPage(
          request,
          () => filtered(k, scope(issuesFrom(k)), filter),
          "i.id",
          async (ids) => toViews(k, await viewQuery(k).where("i.id", "in", ids).orderBy("i.id").execute()),
        ),
      )

    return IssueRepository.of({
      listForProject: (projectId, filter, request) =>
        page((q) => q.where("i.project_id", "=", projectId), filter, request),
      listByAuthor: (authorId, filter, request) => page((q) => q.where("i.author_id", "=", authorId), filter, request),
      find: (projectId, issueId) =>
        db.query(async (k) => {
          const row = await viewQuery(k)
            .where("i.id", "=", issueId)
            .where("i.project_id", "=", projectId)
            .executeTakeFirst()
          return row ? (await toViews(k, [row]))[0] : undefined
        }),
      insert: (issue) =>
        db.run(async (em) => {
          // The counter first: its row lock is the transaction's first write, so concurrent creators queue here.
          const iid = await nextProjectCounter(em, issue.projectId, "issues")
          const id = await em.insert(IssueEntity, {
            project: issue.projectId,
            iid,
            title: issue.title,
            description: issue.description,
            milestone: issue.milestoneId,
            assignee: issue.assigneeId,
            author: issue.authorId,
            state: issue.state,
            createdAt: issue.createdAt,
            updatedAt: issue.updatedAt,
          })
          await insertLabels(em, id, issue.projectId, issue.labels)
          const created: Issue = { ...issue, id, iid }
          return created
        }),
      update: (current, changes: IssueChanges) =>
        db.run(async (em) => {
          const set: Record<string, unknown> = { updatedAt: changes.updatedAt }
          if (changes.title !== undefined) set.title = changes.title
          if (changes.description !== undefined) set.description = changes.description
          if (changes.milestoneId !== undefined) set.milestone = changes.milestoneId
          if (changes.assigneeId !== undefined) set.assignee = changes.assigneeId
          if (changes.state !== undefined) set.state = changes.state
          const affected = await em.nativeUpdate(IssueEntity, { id: current.id, state: current.state }, set)
          if (affected === 0) return false
          if (changes.labels !== undefined) {
            await em.nativeDelete(IssueLabelEntity, { issue: current.id })
            await insertLabels(em, current.id, current.projectId, changes.labels)
          }
          return true
        }),
    })
  }),
)
