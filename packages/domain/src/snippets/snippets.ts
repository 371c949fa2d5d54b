import { Clock, Effect } from "effect"
import { NoteRepository } from "../notes/repository.ts"
import { findProjectVisibleTo, findVisibleProject } from "../projects/find-visible.ts"
import { ProjectPolicy } from "../projects/policy.ts"
import type { Actor } from "../shared/actor.ts"
import { alreadyAbsent, removed, type Deletion } from "../shared/deletion.ts"
import { NotFound } from "../shared/errors.ts"
import type { PageRequest } from "../shared/paging.ts"
import { Transactions } from "../shared/ports.ts"
import { givenAttributes, requireAttributes } from "../shared/required.ts"
import { UserPolicy } from "../users/policy.ts"
import type { SnippetChanges, SnippetInput, SnippetView } from "./model.ts"
import { SnippetPolicy } from "./policy.ts"
import { SnippetRepository } from "./repository.ts"
import { parseLifetime, validateSnippet } from "./rules.ts"

/** The snippet with that id in the project; 404 otherwise (another project's snippet included). */
export const findSnippetIn = Effect.fnUntraced(function* (projectId: number, snippetId: number) {
  const view = yield* (yield* SnippetRepository).find(projectId, snippetId)
  if (view === undefined) return yield* new NotFound({})
  return view
})

/** GET /projects/:id/snippets: every snippet of the project, expired ones included. */
export const listSnippets = Effect.fnUntraced(function* (actor: Actor, ref: string, page: PageRequest) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* (yield* SnippetRepository).list(details.project.id, page)
})

/** GET /projects/:id/snippets/:snippet_id */
export const getSnippet = Effect.fnUntraced(function* (actor: Actor, ref: string, snippetId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  return yield* findSnippetIn(details.project.id, snippetId)
})

/** GET /projects/:id/snippets/:snippet_id/raw: the content exactly as stored. */
export const snippetContent = Effect.fnUntraced(function* (actor: Actor, ref: string, snippetId: number) {
  const { details } = yield* findVisibleProject(actor, ref)
  const content = yield* (yield* SnippetRepository).content(details.project.id, snippetId)
  if (content === undefined) return yield* new NotFound({})
  return content
})

/** POST /projects/:id/snippets: reporters and up; title, file_name and code are required, in that order. */
export const createSnippet = Effect.fnUntraced(function* (actor: Actor, ref: string, input: SnippetInput) {
  const author = yield* UserPolicy.requireSignedIn(actor)
  const { details, access } = yield* findProjectVisibleTo(author, ref)
  yield* ProjectPolicy.require(SnippetPolicy.canCreate(access))
  yield* requireAttributes(input, ["title", ["fileName", "file_name"], ["content", "code"]])
  const given = givenAttributes(input)
  const invalid = validateSnippet(given)
  if (invalid) return yield* invalid
  const now = new Date(yield* Clock.currentTimeMillis)
  const snippet = yield* (yield* SnippetRepository).insert({
    projectId: details.project.id,
    title: given.title!,
    fileName: given.fileName!,
    content: given.content!,
    authorId: author.id,
    expiresAt: given.lifetime === undefined ? null : parseLifetime(given.lifetime)!,
    createdAt: now,
    updatedAt: now,
  })
  const view: SnippetView = { snippet, author }
  return view
})

/** PUT /projects/:id/snippets/:snippet_id: the author or a master; present attributes only. */
export const updateSnippet = Effect.fnUntraced(function* (
  actor: Actor,
  ref: string,
  snippetId: number,
  input: SnippetInput,
) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  const current = yield* findSnippetIn(details.project.id, snippetId)
  yield* ProjectPolicy.require(SnippetPolicy.canModify(access, current.snippet))
  const given = givenAttributes(input)
  const invalid = validateSnippet(given)
  if (invalid) return yield* invalid
  const changes: { -readonly [K in keyof SnippetChanges]: SnippetChanges[K] } = {
    updatedAt: new Date(yield* Clock.currentTimeMillis),
  }
  if (given.title !== undefined) changes.title = given.title
  if (given.fileName !== undefined) changes.fileName = given.fileName
  if (given.content !== undefined) changes.content = given.content
  if (given.lifetime !== undefined) changes.expiresAt = parseLifetime(given.lifetime)!
  if (Object.keys(changes).length === 1) return current
  yield* (yield* SnippetRepository).update(current.snippet.id, changes)
  const { content: _content, ...shown } = changes
  const view: SnippetView = { ...current, snippet: { ...current.snippet, ...shown } }
  return view
})

/** Removes the snippet with its notes. */
const removeSnippet = Effect.fnUntraced(function* (projectId: number, current: SnippetView) {
  yield* (yield* NoteRepository).removeAll(projectId, { type: "Snippet", id: current.snippet.id })
  yield* (yield* SnippetRepository).remove(projectId, current.snippet.id)
  return removed(current) as Deletion<SnippetView>
})

/**
 * DELETE /projects/:id/snippets/:snippet_id: idempotent. An absent snippet is a 200; one that
 * exists needs the author or a master. Its notes go with it.
 */
export const deleteSnippet = Effect.fnUntraced(function* (actor: Actor, ref: string, snippetId: number) {
  const { details, access } = yield* findVisibleProject(actor, ref)
  const snippets = yield* SnippetRepository
  const current = yield* snippets.find(details.project.id, snippetId)
  if (current === undefined) return alreadyAbsent as Deletion<SnippetView>
  yield* ProjectPolicy.require(SnippetPolicy.canModify(access, current.snippet))
  return yield* (yield* Transactions).transact(removeSnippet(details.project.id, current))
})
