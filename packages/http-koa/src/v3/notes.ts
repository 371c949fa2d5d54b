import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded, required } from "../params.ts"
import { presentNote } from "../presenters/note.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const noteRef = { note_id: path(Param.int) }
const noteInput = { body: required(Param.string) }

/**
 * The three note routes of one target kind: list, show, create. `target` reads the route's
 * noteable from the decoded params. Merge request notes join when merge requests exist.
 */
const noteRoutes = <S extends typeof projectRef>(
  router: Routes,
  runtime: AppRuntime,
  base: string,
  ref: S,
  target: (p: Decoded<S>) => Domain.NoteTarget,
): void => {
  // The spec is generic here, so each part of it is read through its own declaration's type.
  const projectId = (p: Decoded<S>) => (p as Decoded<typeof projectRef>).id
  router.get(
    base,
    listEndpoint(runtime, {
      params: ref,
      run: (actor, p, page) => Domain.listNotes(actor, projectId(p), target(p), page),
      present: presentNote,
    }),
  )
  router.get(
    `${base}/:note_id`,
    endpoint(runtime, {
      params: { ...ref, ...noteRef },
      run: (actor, p) =>
        Domain.getNote(
          actor,
          projectId(p as Decoded<S>),
          target(p as Decoded<S>),
          (p as Decoded<typeof noteRef>).note_id,
        ),
      present: presentNote,
    }),
  )
  router.post(
    base,
    endpoint(runtime, {
      params: { ...ref, ...noteInput },
      run: (actor, p) =>
        Domain.createNote(actor, projectId(p as Decoded<S>), target(p as Decoded<S>), {
          body: (p as Decoded<typeof noteInput>).body,
        }),
      present: presentNote,
    }),
  )
}

/** Notes (spec/v3/notes.yaml): the project wall, issues and snippets. */
export const notesRoutes = (router: Routes, runtime: AppRuntime): void => {
  noteRoutes(router, runtime, "/projects/:id/notes", projectRef, () => Domain.wall)
  noteRoutes(
    router,
    runtime,
    "/projects/:id/issues/:issue_id/notes",
    { ...projectRef, issue_id: path(Param.int) },
    (p) => Domain.onIssue(p.issue_id),
  )
  noteRoutes(
    router,
    runtime,
    "/projects/:id/snippets/:snippet_id/notes",
    { ...projectRef, snippet_id: path(Param.int) },
    (p) => Domain.onSnippet(p.snippet_id),
  )
}
