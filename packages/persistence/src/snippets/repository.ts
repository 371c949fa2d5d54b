import { Effect, Layer } from "effect"
import { SnippetRepository, type Snippet, type SnippetView } from "@labrador/domain"
import type { Kysely } from "kysely"
import { Database, type DB } from "../shared/em.ts"
import { idPage } from "../shared/pages.ts"
import { toDate } from "../shared/sql.ts"
import { userColumns, userFromColumns } from "../users/columns.ts"
import { SnippetEntity } from "./entity.ts"

// Everything but the content, which only GET .../raw reads.
const SNIPPET_COLUMNS = [
  "sn.id",
  "sn.project_id",
  "sn.title",
  "sn.file_name",
  "sn.author_id",
  "sn.expires_at",
  "sn.created_at",
  "sn.updated_at",
] as const

const toView = (row: Record<string, unknown>): SnippetView => ({
  snippet: {
    id: Number(row.id),
    projectId: Number(row.project_id),
    title: String(row.title),
    fileName: String(row.file_name),
    authorId: Number(row.author_id),
    expiresAt: row.expires_at === null || row.expires_at === undefined ? null : toDate(row.expires_at),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  },
  author: userFromColumns(row, "u")!,
})

const snippetsFrom = (k: Kysely<DB>) => k.selectFrom("snippets as sn")

export const SnippetRepositoryLive = Layer.effect(
  SnippetRepository,
  Effect.gen(function* () {
    const db = yield* Database
    const ofProject = (k: Kysely<DB>, projectId: number) => snippetsFrom(k).where("sn.project_id", "=", projectId)
    const withAuthor = (q: ReturnType<typeof snippetsFrom>) =>
      q.innerJoin("users as u", "u.id", "sn.author_id").select([...SNIPPET_COLUMNS, ...userColumns("u", "u")])
    return SnippetRepository.of({
      list: (projectId, request) =>
        db.query((k) =>
          idPage(
            request,
            () => ofProject(k, projectId),
            "sn.id",
            async (ids) =>
              (await withAuthor(snippetsFrom(k)).where("sn.id", "in", ids).orderBy("sn.id").execute()).map(toView),
          ),
        ),
      find: (projectId, snippetId) =>
        db
          .query((k) => withAuthor(ofProject(k, projectId)).where("sn.id", "=", snippetId).executeTakeFirst())
          .pipe(Effect.map((row) => (row ? toView(row as Record<string, unknown>) : undefined))),
      content: (projectId, snippetId) =>
        db
          .query((k) => ofProject(k, projectId).select("sn.content").where("sn.id", "=", snippetId).executeTakeFirst())
          .pipe(Effect.map((row) => (row ? String((row as Record<string, unknown>).content) : undefined))),
      insert: ({ content, ...snippet }) =>
        db
          .run((em) =>
            em.insert(SnippetEntity, {
              project: snippet.projectId,
              title: snippet.title,
              fileName: snippet.fileName,
              content,
              author: snippet.authorId,
              expiresAt: snippet.expiresAt,
              createdAt: snippet.createdAt,
              updatedAt: snippet.updatedAt,
            }),
          )
          .pipe(Effect.map((id): Snippet => ({ ...snippet, id }))),
      update: (snippetId, changes) =>
        db.run((em) => em.nativeUpdate(SnippetEntity, { id: snippetId }, { ...changes })).pipe(Effect.asVoid),
      remove: (projectId, snippetId) =>
        db.run((em) => em.nativeDelete(SnippetEntity, { id: snippetId, project: projectId })).pipe(Effect.asVoid),
    })
  }),
)
