import type { Milestone } from "../milestones/model.ts"
import type { User } from "../users/model.ts"

/** GitLab 5.x issue states: a reopened issue says so (it does not go back to `opened`). */
export type IssueState = "opened" | "closed" | "reopened"

export type IssueStateEvent = "close" | "reopen"

export interface Issue {
  /** Global id: every /projects/:id/issues/:issue_id route takes it. */
  readonly id: number
  /** Number inside the project, allocated atomically (GitLab 6.1's iid). */
  readonly iid: number
  readonly projectId: number
  readonly title: string
  readonly description: string | null
  readonly labels: ReadonlyArray<string>
  readonly milestoneId: number | null
  readonly assigneeId: number | null
  readonly authorId: number
  readonly state: IssueState
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** An issue with what its JSON embeds. */
export interface IssueView {
  readonly issue: Issue
  readonly author: User
  readonly assignee: User | null
  readonly milestone: Milestone | null
}

/** What a creator or editor may send; absent (or blank) attributes are left alone on update. */
export interface IssueInput {
  readonly title?: string | undefined
  readonly description?: string | undefined
  readonly assigneeId?: number | undefined
  readonly milestoneId?: number | undefined
  readonly labels?: ReadonlyArray<string> | undefined
  readonly stateEvent?: string | undefined
}

/** The 6.x list filters (optional in 5.x): `state`, `labels`, `milestone` (a title). */
export interface IssueFilter {
  readonly state?: "opened" | "closed" | "all" | undefined
  readonly labels?: ReadonlyArray<string> | undefined
  readonly milestoneTitle?: string | undefined
  readonly milestoneId?: number | undefined
}

export type NewIssue = Omit<Issue, "id" | "iid">

export type IssueChanges = Partial<
  Pick<Issue, "title" | "description" | "labels" | "milestoneId" | "assigneeId" | "state">
> & { readonly updatedAt: Date }
