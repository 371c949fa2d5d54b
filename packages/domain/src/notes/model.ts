import type { User } from "../users/model.ts"

/** What a note may hang on. Merge requests join when they exist. */
export type NoteableType = "Issue" | "Snippet"

export interface Noteable {
  readonly type: NoteableType
  readonly id: number
}

/** Where a note route points: the project wall, or one noteable of the project. */
export type NoteTarget = { readonly _tag: "Wall" } | { readonly _tag: "Noteable"; readonly noteable: Noteable }

export const wall: NoteTarget = { _tag: "Wall" }
export const onIssue = (id: number): NoteTarget => ({ _tag: "Noteable", noteable: { type: "Issue", id } })
export const onSnippet = (id: number): NoteTarget => ({ _tag: "Noteable", noteable: { type: "Snippet", id } })

export interface Note {
  readonly id: number
  readonly projectId: number
  /** The text (GitLab's `note` column). */
  readonly body: string
  /** Uploaded file name; the API never uploads one. */
  readonly attachment: string | null
  readonly authorId: number
  /** null for a wall note. */
  readonly noteable: Noteable | null
  /** Written by GitLab itself (a state change), not typed by the author. */
  readonly system: boolean
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface NoteView {
  readonly note: Note
  readonly author: User
}

export type NewNote = Omit<Note, "id">
