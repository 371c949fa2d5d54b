import { randomUUID } from "node:crypto"
import { defineEntity, p } from "@mikro-orm/core"
import { Effect, Layer } from "effect"
import { RepositoryIntents, type RepositoryChange, type RepositoryIntent } from "@labrador/domain"
import { Database } from "../shared/em.ts"

/** The journal of repository changes under way (`RepositoryIntents`); a row lives for one change. */
export const RepositoryIntentEntity = defineEntity({
  name: "RepositoryIntent",
  tableName: "repository_intents",
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.string().length(16),
    projectId: p.integer().nullable(),
    /** The repository's `namespace/path`; for a move, where it was. */
    path: p.string().length(512),
    /** For a move, where it goes. */
    target: p.string().length(512).nullable(),
    trash: p.string().length(64),
    createdAt: p.datetime(),
  },
})

interface IntentRow {
  readonly id: number | string
  readonly kind: string
  readonly project_id: number | string | null
  readonly path: string
  readonly target: string | null
  readonly trash: string
}

const toIntent = (row: IntentRow): RepositoryIntent => {
  const base = { id: Number(row.id), trash: row.trash }
  if (row.kind === "create") return { ...base, kind: "create", path: row.path }
  if (row.kind === "remove") return { ...base, kind: "remove", projectId: Number(row.project_id), path: row.path }
  return { ...base, kind: "move", projectId: Number(row.project_id), from: row.path, to: row.target ?? "" }
}

const toRow = (change: RepositoryChange) => {
  switch (change.kind) {
    case "create":
      return { kind: change.kind, project_id: null, path: change.path, target: null }
    case "remove":
      return { kind: change.kind, project_id: change.projectId, path: change.path, target: null }
    case "move":
      return { kind: change.kind, project_id: change.projectId, path: change.from, target: change.to }
  }
}

const COLUMNS = ["id", "kind", "project_id", "path", "target", "trash"] as const

export const RepositoryIntentsLive = Layer.effect(
  RepositoryIntents,
  Effect.gen(function* () {
    const db = yield* Database
    return RepositoryIntents.of({
      record: (changes) =>
        changes.length === 0
          ? Effect.succeed([])
          : db.query(async (k): Promise<ReadonlyArray<RepositoryIntent>> => {
              const rows = changes.map((change) => ({
                ...toRow(change),
                trash: randomUUID(),
                created_at: db.sqlTime(new Date()),
              }))
              const inserted: Array<IntentRow> = await k
                .insertInto("repository_intents")
                .values(rows)
                .returning(COLUMNS)
                .execute()
              // In the order given, whatever order the database returns them in.
              const byTrash = new Map(inserted.map((row) => [row.trash, row]))
              return rows.map((row) => toIntent(byTrash.get(row.trash)!))
            }),
      hold: (ids) =>
        ids.length === 0
          ? Effect.succeed(true)
          : db.query(async (k) => {
              const query = k.selectFrom("repository_intents").select("id").where("id", "in", ids)
              // PostgreSQL: the row lock keeps another server's reconciler waiting; SQLite has one writer.
              const rows: Array<unknown> = await (db.dialect === "postgresql" ? query.forUpdate() : query).execute()
              return rows.length === ids.length
            }),
      forget: (ids) =>
        ids.length === 0
          ? Effect.void
          : db.query((k) => k.deleteFrom("repository_intents").where("id", "in", ids).execute()).pipe(Effect.asVoid),
      pending: () =>
        db
          .query<Array<IntentRow>>((k) => k.selectFrom("repository_intents").select(COLUMNS).orderBy("id").execute())
          .pipe(Effect.map((rows) => rows.map(toIntent))),
    })
  }),
)
