import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { Issue, IssueChanges, IssueFilter, IssueView, NewIssue } from "./model.ts"

/** Port: issues, read with what their JSON embeds. Lists are in ascending id order. */
export class IssueRepository extends Context.Service<
  IssueRepository,
  {
    listForProject(projectId: number, filter: IssueFilter, page: PageRequest): Effect.Effect<Page<IssueView>>
    listByAuthor(authorId: number, filter: IssueFilter, page: PageRequest): Effect.Effect<Page<IssueView>>
    /** The issue with that global id, when it belongs to the project. */
    find(projectId: number, issueId: number): Effect.Effect<IssueView | undefined>
    /**
     * Allocates the project's next iid and inserts the issue. The counter is taken with one atomic
     * statement that holds its row until the surrounding transaction ends, so concurrent creators,
     * on any number of servers, get distinct and contiguous iids.
     */
    insert(issue: NewIssue): Effect.Effect<Issue>
    /** Applies the changes if the issue is still in `current`'s state; false when another writer moved it first. */
    update(current: Issue, changes: IssueChanges): Effect.Effect<boolean>
  }
>()("@labrador/domain/issues/IssueRepository") {}
