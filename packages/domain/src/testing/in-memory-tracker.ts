import { Effect } from "effect"
import { EventRepository } from "../events/repository.ts"
import type { ProjectEvent } from "../events/model.ts"
import { HookRepository } from "../hooks/repository.ts"
import type { ProjectHook } from "../hooks/model.ts"
import type { Issue, IssueFilter, IssueView } from "../issues/model.ts"
import { IssueRepository } from "../issues/repository.ts"
import { MembershipRepository } from "../members/repository.ts"
import type { Milestone } from "../milestones/model.ts"
import { MilestoneRepository } from "../milestones/repository.ts"
import type { Note, Noteable } from "../notes/model.ts"
import { NoteRepository } from "../notes/repository.ts"
import type { Snippet } from "../snippets/model.ts"
import { SnippetRepository } from "../snippets/repository.ts"
import { offsetOf, pageOf, type PageRequest } from "../shared/paging.ts"
import type { User } from "../users/model.ts"
import type { MemoryStore } from "./in-memory.ts"

/** One page of rows already in order. */
const paged = <A>(all: ReadonlyArray<A>, request: PageRequest) =>
  pageOf(request, all.slice(offsetOf(request), offsetOf(request) + request.perPage), all.length)

const byId = <A extends { readonly id: number }>(rows: Map<number, A>) =>
  [...rows.values()].toSorted((a, b) => a.id - b.id)

const sameNoteable = (a: Noteable | null, b: Noteable | null) =>
  a === null ? b === null : b !== null && a.type === b.type && a.id === b.id

/** Issues, milestones, notes, snippets, memberships, project hooks and the activity feed over the store. */
export const memoryTracker = (store: MemoryStore, userOf: (id: number) => User | undefined) => {
  const user = (id: number) => userOf(id)!
  const issueView = (issue: Issue): IssueView => ({
    issue,
    author: user(issue.authorId),
    assignee: issue.assigneeId === null ? null : (userOf(issue.assigneeId) ?? null),
    milestone: issue.milestoneId === null ? null : (store.milestones.get(issue.milestoneId) ?? null),
  })
  const matches = (issue: Issue, filter: IssueFilter) =>
    (filter.state === undefined ||
      filter.state === "all" ||
      (filter.state === "opened" ? issue.state !== "closed" : issue.state === "closed")) &&
    (filter.labels === undefined || filter.labels.every((label) => issue.labels.includes(label))) &&
    (filter.milestoneId === undefined || issue.milestoneId === filter.milestoneId) &&
    (filter.milestoneTitle === undefined ||
      (issue.milestoneId !== null && store.milestones.get(issue.milestoneId)?.title === filter.milestoneTitle))
  const memberKey = (projectId: number, userId: number) => `${projectId}:${userId}`

  return {
    issues: IssueRepository.of({
      listForProject: (projectId, filter, page) =>
        Effect.sync(() =>
          paged(
            byId(store.issues)
              .filter((i) => i.projectId === projectId && matches(i, filter))
              .map(issueView),
            page,
          ),
        ),
      listByAuthor: (authorId, filter, page) =>
        Effect.sync(() =>
          paged(
            byId(store.issues)
              .filter((i) => i.authorId === authorId && matches(i, filter))
              .map(issueView),
            page,
          ),
        ),
      find: (projectId, issueId) =>
        Effect.sync(() => {
          const issue = store.issues.get(issueId)
          return issue?.projectId === projectId ? issueView(issue) : undefined
        }),
      insert: (draft) =>
        Effect.sync(() => {
          const iid = byId(store.issues).filter((i) => i.projectId === draft.projectId).length + 1
          const issue: Issue = { ...draft, id: store.nextId++, iid }
          store.issues.set(issue.id, issue)
          return issue
        }),
      update: (current, changes) =>
        Effect.sync(() => {
          const row = store.issues.get(current.id)
          if (row === undefined || row.state !== current.state) return false
          store.issues.set(row.id, { ...row, ...changes })
          return true
        }),
    }),
    milestones: MilestoneRepository.of({
      list: (projectId, page) =>
        Effect.sync(() =>
          paged(
            byId(store.milestones).filter((m) => m.projectId === projectId),
            page,
          ),
        ),
      find: (projectId, milestoneId) =>
        Effect.sync(() => {
          const milestone = store.milestones.get(milestoneId)
          return milestone?.projectId === projectId ? milestone : undefined
        }),
      insert: (draft) =>
        Effect.sync(() => {
          const milestone: Milestone = { ...draft, id: store.nextId++ }
          store.milestones.set(milestone.id, milestone)
          return milestone
        }),
      update: (current, changes) =>
        Effect.sync(() => {
          const row = store.milestones.get(current.id)
          if (row === undefined || row.state !== current.state) return false
          store.milestones.set(row.id, { ...row, ...changes })
          return true
        }),
    }),
    notes: NoteRepository.of({
      list: (projectId, noteable, page) =>
        Effect.sync(() =>
          paged(
            byId(store.notes)
              .filter((n) => n.projectId === projectId && sameNoteable(n.noteable, noteable))
              .map((note) => ({ note, author: user(note.authorId) })),
            page,
          ),
        ),
      find: (projectId, noteable, noteId) =>
        Effect.sync(() => {
          const note = store.notes.get(noteId)
          return note?.projectId === projectId && sameNoteable(note.noteable, noteable)
            ? { note, author: user(note.authorId) }
            : undefined
        }),
      insert: (draft) =>
        Effect.sync(() => {
          const note: Note = { ...draft, id: store.nextId++ }
          store.notes.set(note.id, note)
          return note
        }),
      removeAll: (projectId, noteable) =>
        Effect.sync(() => {
          for (const note of byId(store.notes))
            if (note.projectId === projectId && sameNoteable(note.noteable, noteable)) store.notes.delete(note.id)
        }),
    }),
    snippets: SnippetRepository.of({
      list: (projectId, page) =>
        Effect.sync(() =>
          paged(
            byId(store.snippets)
              .filter((s) => s.projectId === projectId)
              .map((snippet) => ({ snippet, author: user(snippet.authorId) })),
            page,
          ),
        ),
      find: (projectId, snippetId) =>
        Effect.sync(() => {
          const snippet = store.snippets.get(snippetId)
          return snippet?.projectId === projectId ? { snippet, author: user(snippet.authorId) } : undefined
        }),
      content: (projectId, snippetId) =>
        Effect.sync(() =>
          store.snippets.get(snippetId)?.projectId === projectId ? store.snippetContents.get(snippetId) : undefined,
        ),
      insert: ({ content, ...draft }) =>
        Effect.sync(() => {
          const snippet: Snippet = { ...draft, id: store.nextId++ }
          store.snippets.set(snippet.id, snippet)
          store.snippetContents.set(snippet.id, content)
          return snippet
        }),
      update: (snippetId, { content, ...changes }) =>
        Effect.sync(() => {
          store.snippets.set(snippetId, { ...store.snippets.get(snippetId)!, ...changes })
          if (content !== undefined) store.snippetContents.set(snippetId, content)
        }),
      remove: (projectId, snippetId) =>
        Effect.sync(() => {
          if (store.snippets.get(snippetId)?.projectId !== projectId) return
          store.snippets.delete(snippetId)
          store.snippetContents.delete(snippetId)
        }),
    }),
    // Levels live in `store.memberships`, which the in-memory ProjectRepository reads access from.
    members: MembershipRepository.of({
      list: (projectId, query, page) =>
        Effect.sync(() => {
          const members = [...store.memberSince.keys()]
            .map((key) => key.split(":").map(Number) as [number, number])
            .filter(([project]) => project === projectId)
            .map(([, userId]) => ({
              projectId,
              user: user(userId),
              accessLevel: store.memberships.get(memberKey(projectId, userId))!,
              createdAt: store.memberSince.get(memberKey(projectId, userId))!,
            }))
            .filter((member) => query === undefined || member.user.username.toLowerCase().includes(query.toLowerCase()))
            .toSorted((a, b) => a.user.id - b.user.id)
          return paged(members, page)
        }),
      find: (projectId, userId) =>
        Effect.sync(() => {
          const since = store.memberSince.get(memberKey(projectId, userId))
          return since === undefined
            ? undefined
            : {
                projectId,
                user: user(userId),
                accessLevel: store.memberships.get(memberKey(projectId, userId))!,
                createdAt: since,
              }
        }),
      insert: (membership) =>
        Effect.sync(() => {
          store.memberships.set(memberKey(membership.projectId, membership.userId), membership.accessLevel)
          store.memberSince.set(memberKey(membership.projectId, membership.userId), membership.createdAt)
        }),
      updateLevel: (projectId, userId, accessLevel) =>
        Effect.sync(() => void store.memberships.set(memberKey(projectId, userId), accessLevel)),
      remove: (projectId, userId) =>
        Effect.sync(() => {
          store.memberships.delete(memberKey(projectId, userId))
          store.memberSince.delete(memberKey(projectId, userId))
        }),
    }),
    hooks: HookRepository.of({
      listForProject: (projectId, page) =>
        Effect.sync(() =>
          paged(
            byId(store.hooks).filter((h) => h.projectId === projectId),
            page,
          ),
        ),
      find: (projectId, hookId) =>
        Effect.sync(() => (store.hooks.get(hookId)?.projectId === projectId ? store.hooks.get(hookId) : undefined)),
      insert: (draft) =>
        Effect.sync(() => {
          const hook: ProjectHook = { ...draft, id: store.nextId++ }
          store.hooks.set(hook.id, hook)
          return hook
        }),
      update: (projectId, hookId, changes) =>
        Effect.sync(() => {
          const hook = store.hooks.get(hookId)
          if (hook?.projectId === projectId) store.hooks.set(hookId, { ...hook, ...changes })
        }),
      remove: (projectId, hookId) =>
        Effect.sync(() => {
          if (store.hooks.get(hookId)?.projectId === projectId) store.hooks.delete(hookId)
        }),
    }),
    events: EventRepository.of({
      record: (events) =>
        Effect.sync(() => {
          for (const event of events) {
            const row: ProjectEvent = {
              title: null,
              targetId: null,
              targetType: null,
              targetTitle: null,
              data: null,
              ...event,
              id: store.nextId++,
            }
            store.projectEvents.set(row.id, row)
          }
        }),
      listForProject: (projectId, page) =>
        Effect.sync(() =>
          paged(
            byId(store.projectEvents)
              .filter((e) => e.projectId === projectId)
              .toSorted((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id),
            page,
          ),
        ),
    }),
  }
}
