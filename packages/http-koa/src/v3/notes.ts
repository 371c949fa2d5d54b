import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint, listEndpoint } from "../endpoint.ts"
import { Param, type Decoded, type ParamSpec } from "../params.ts"
import { presentNote } from "../presenters/note.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

/**
 * The three note routes of one target kind: list, show, create. `target` reads the route's
 * noteable from the decoded params. Merge request notes join when merge requests exist.
 */
const noteRoutes = <S extends ParamSpec>(router: Routes, runtime: AppRuntime, base: string, ref: S, target: (p: Decoded<S>) => Domain.NoteTarget): void => {
  const projectId = (p: Decoded<S>) => String((p as Decoded<typeof projectRef>).id ?? "")
  router.get(base, listEndpoint(runtime, { params: ref, run: (actor, p, page) => Domain.listNotes(actor, projectId(p), target(p), page), present: presentNote }))
  router.get(
    `${base}/:note_id`,
    endpoint(runtime, { params: { ...ref, note_id: Param.int }, run: (actor, p) => Domain.getNote(actor, projectId(p), target(p), p.note_id ?? 0), present: presentNote }),
  )
  router.post(
    base,
    endpoint(runtime, { params: { ...ref, body: Param.string }, run: (actor, p) => Domain.createNote(actor, projectId(p), target(p), { body: p.body }), present: presentNote }),
  )
}

/** Notes (spec/v3/notes.yaml): the project wall, issues and snippets. */
export const notesRoutes = (router: Routes, runtime: AppRuntime): void => {
  noteRoutes(router, runtime, "/projects/:id/notes", projectRef, () => Domain.wall)
  noteRoutes(router, runtime, "/projects/:id/issues/:issue_id/notes", { ...projectRef, issue_id: Param.int }, (p) => Domain.onIssue(p.issue_id ?? 0))
  noteRoutes(router, runtime, "/projects/:id/snippets/:snippet_id/notes", { ...projectRef, snippet_id: Param.int }, (p) => Domain.onSnippet(p.snippet_id ?? 0))
}
