import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { NewSnippet, Snippet, SnippetChanges, SnippetView } from "./model.ts"

/** Port: project snippets, in ascending id order. */
export class SnippetRepository extends Context.Service<
  SnippetRepository,
  {
    list(projectId: number, page: PageRequest): Effect.Effect<Page<SnippetView>>
    /** The snippet with that id, when it belongs to the project. */
    find(projectId: number, snippetId: number): Effect.Effect<SnippetView | undefined>
    content(projectId: number, snippetId: number): Effect.Effect<string | undefined>
    insert(snippet: NewSnippet): Effect.Effect<Snippet>
    update(snippetId: number, changes: SnippetChanges): Effect.Effect<void>
    remove(projectId: number, snippetId: number): Effect.Effect<void>
  }
>()("@labrador/domain/snippets/SnippetRepository") {}
