import { Effect, Layer } from "effect"
import { NoteRepository, type Note, type Noteable, type NoteableType, type NoteView } from "@labrador/domain"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { idPage } from "../shared/pages.ts"
import { toBool, toDate } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { NoteEntity } from "./entity.ts"

const NOTE_COLUMNS = [
  "n.id",
  "n.project_id",
  "n.note",
  "n.attachment",
  "n.author_id",
  "n.noteable_type",
  "n.noteable_id",
  "n.system",
  "n.created_at",
  "n.updated_at",
] as const

const toView = (row: Record<string, unknown>): NoteView => ({
  note: {
    id: Number(row.id),
    projectId: Number(row.project_id),
    body: String(row.note),
    attachment: (row.attachment as string | null) ?? null,
    authorId: Number(row.author_id),
    noteable:
      row.noteable_type === null || row.noteable_type === undefined
        ? null
        : { type: row.noteable_type as NoteableType, id: Number(row.noteable_id) },
    system: toBool(row.system),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  },
  author: userFromColumns(row, "u")!,
})

const notesFrom = (k: Kysely<DB>) => k.selectFrom("notes as n")

/** The notes of one target of the project: its wall when `noteable` is null. */
const ofTarget = (k: Kysely<DB>, projectId: number, noteable: Noteable | null) => {
  const q = notesFrom(k).where("n.project_id", "=", projectId)
  return noteable === null
    ? q.where("n.noteable_type", "is", null)
    : q.where("n.noteable_type", "=", noteable.type).where("n.noteable_id", "=", noteable.id)
}

export const NoteRepositoryLive = Layer.effect(
  NoteRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const withAuthor = (q: ReturnType<typeof notesFrom>) =>
      q.innerJoin("users as u", "u.id", "n.author_id").select([...NOTE_COLUMNS, ...userColumns("u", "u")])
    return NoteRepository.of({
      list: (projectId, noteable, request) =>
        db.query((k) =>
          idPage(
            request,
            () => ofTarget(k, projectId, noteable),
            "n.id",
            async (ids) =>
              (await withAuthor(notesFrom(k)).where("n.id", "in", ids).orderBy("n.id").execute()).map(toView),
          ),
        ),
      find: (projectId, noteable, noteId) =>
        db
          .query((k) =>
            withAuthor(ofTarget(k, projectId, noteable))
              .where("n.id", "=", noteId)
              .executeTakeFirst(),
          )
          .pipe(Effect.map((row) => (row ? toView(row as Record<string, unknown>) : undefined))),
      insert: (note) =>
        db
          .run((em) =>
            em.insert(NoteEntity, {
              project: note.projectId,
              note: note.body,
              attachment: note.attachment,
              author: note.authorId,
              noteableType: note.noteable?.type ?? null,
              noteableId: note.noteable?.id ?? null,
              system: note.system,
              createdAt: note.createdAt,
              updatedAt: note.updatedAt,
            }),
          )
          .pipe(Effect.map((id): Note => ({ ...note, id }))),
      removeAll: (projectId, noteable) =>
        db
          .run((em) =>
            em.nativeDelete(NoteEntity, { project: projectId, noteableType: noteable.type, noteableId: noteable.id }),
          )
          .pipe(Effect.asVoid),
    })
  }),
)
