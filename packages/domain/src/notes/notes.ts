import { Clock, Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import { findIssueIn } from "../issues/issues.ts"
import { findProjectVisibleTo, findVisibleProject } from "../projects/find-visible.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import { ProjectRepository } from "../projects/repository.ts"
import type { Actor } from "../shared/actor.ts"
import { Invalid, NotFound } from "../shared/errors.ts"
import { MAX_TEXT_LENGTH, tooLong } from "../shared/lengths.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { requireAttributes } from "../shared/required.ts"
import { findSnippetIn } from "../snippets/snippets.ts"
import { UserPolicy } from "../users/policy.ts"
import type { User } from "../users/model.ts"
import type { NewNote, Noteable, NoteTarget, NoteView } from "./model.ts"
import { NotePolicy } from "./policy.ts"
import { NoteRepository } from "./repository.ts"

/** The noteable the route names, looked up inside the project (404 otherwise); null for the wall. */
const noteableIn = Effect.fnUntraced(function* (projectId: number, target: NoteTarget) {
  if (target._tag === "Wall") return null
  const { noteable } = target
  switch (noteable.type) {
    case "Issue":
      yield* findIssueIn(projectId, noteable.id)
      break
    case "Snippet":
      yield* findSnippetIn(projectId, noteable.id)
      break
  }
  return noteable as Noteable | null
})

/** GET /projects/:id/notes and /projects/:id/<issues|snippets>/:x/notes */
export const listNotes = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  target: NoteTarget,
  page: PageRequest,
) {
  const { details } = yield* findVisibleProject(actor, ref)
  const noteable = yield* noteableIn(details.project.id, target)
  return yield* (yield* NoteRepository).list(details.project.id, noteable, page)
})

/** GET .../notes/:note_id: only a note of exactly that target (wall notes are not found under an issue, and back). */
export const getNote = Effect.fnUntraced(function* (actor: Actor, ref: string, target: NoteTarget, noteId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  const noteable = yield* noteableIn(details.project.id, target)
  const note = yield* (yield* NoteRepository).find(details.project.id, noteable, noteId)
  if (note === undefined) return yield* new NotFound({})
  return note
})

/** Inserts the note; one on an issue or snippet is also an activity event. */
const insertNote = Effect.fnUntraced(function* (draft: NewNote, author: User) {
  const { projectId, noteable, createdAt: now } = draft
  const note = yield* (yield* NoteRepository).insert(draft)
  if (noteable !== null) {
    yield* (yield* EventRepository).record([
      { projectId, actionName: "opened", targetId: note.id, targetType: "Note", authorId: author.id, createdAt: now },
    ])
    yield* (yield* ProjectRepository).touch(projectId, now)
  }
  const view: NoteView = { note, author }
  return view
})

/**
 * POST .../notes: guests and up; the body is checked before the project lookup. A note on an
 * issue or snippet is an activity event ('opened' on a Note in 5.x); wall notes are not.
 */
export const createNote = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  target: NoteTarget,
  input: { readonly body?: string | undefined },
) {
  const author = yield* UserPolicy.requireSignedIn(actor)
  yield* requireAttributes(input, ["body"])
  const { details, access } = yield* findProjectVisibleTo(author, ref)
  yield* ProjectPolicy.require(NotePolicy.canCreate(access))
  const projectId = details.project.id
  const noteable = yield* noteableIn(projectId, target)
  if (input.body!.length > MAX_TEXT_LENGTH) return yield* Invalid.field("note", tooLong(MAX_TEXT_LENGTH))

  const now = new Date(yield* Clock.currentTimeMillis)
  const draft: NewNote = {
    projectId,
    body: input.body!,
    attachment: null,
    authorId: author.id,
    noteable,
    system: false,
    createdAt: now,
    updatedAt: now,
  }
  return yield* (yield* Transactions).transact(insertNote(draft, author))
})
