import type { User } from "../users/model.ts"

/** A project snippet. Its content is read on its own (GET .../raw), never with lists. */
export interface Snippet {
  readonly id: number
  readonly projectId: number
  readonly title: string
  readonly fileName: string
  readonly authorId: number
  /** null: never expires. Expired snippets stay listed and readable through the API. */
  readonly expiresAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface SnippetView {
  readonly snippet: Snippet
  readonly author: User
}

export interface SnippetInput {
  readonly title?: string | undefined
  readonly fileName?: string | undefined
  /** Sent as `code`. */
  readonly content?: string | undefined
  /** Sent as `lifetime`: when the snippet expires. */
  readonly lifetime?: string | undefined
}

export type NewSnippet = Omit<Snippet, "id"> & { readonly content: string }

export type SnippetChanges = Partial<Pick<Snippet, "title" | "fileName" | "expiresAt">> & {
  readonly content?: string
  readonly updatedAt: Date
}
