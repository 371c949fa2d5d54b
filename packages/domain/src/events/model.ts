/** One line of a project's activity feed (GET /projects/:id/events). */
export interface ProjectEvent {
  readonly id: number
  readonly projectId: number
  /** GitLab 5.x action names: opened, closed, joined, left, accepted. */
  readonly actionName: "opened" | "closed" | "joined" | "left" | "accepted"
  readonly targetId: number | null
  readonly targetType: "Issue" | "MergeRequest" | "Milestone" | "Note" | null
  readonly targetTitle: string | null
  readonly title: string | null
  readonly authorId: number
  readonly data: Readonly<Record<string, unknown>> | null
  readonly createdAt: Date
}

export type NewProjectEvent = Omit<ProjectEvent, "id" | "title" | "targetId" | "targetType" | "targetTitle" | "data"> &
  Partial<Pick<ProjectEvent, "title" | "targetId" | "targetType" | "targetTitle" | "data">>
