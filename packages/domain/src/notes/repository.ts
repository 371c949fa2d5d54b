import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { NewNote, Note, Noteable, NoteView } from "./model.ts"

/** Port: notes of a project. `noteable` null means the wall; lists are in ascending id order. */
export class NoteRepository extends Context.Service<
  NoteRepository,
  {
    list(projectId: number, noteable: Noteable | null, page: PageRequest): Effect.Effect<Page<NoteView>>
    /** The note when it hangs on exactly that noteable (or on the wall) of the project. */
    find(projectId: number, noteable: Noteable | null, noteId: number): Effect.Effect<NoteView | undefined>
    insert(note: NewNote): Effect.Effect<Note>
    /** Every note of one noteable (a deleted snippet takes its notes with it). */
    removeAll(projectId: number, noteable: Noteable): Effect.Effect<void>
  }
>()("@labrador/domain/notes/NoteRepository") {}
