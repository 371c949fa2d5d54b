export type MilestoneState = "active" | "closed"

export interface Milestone {
  readonly id: number
  readonly projectId: number
  readonly title: string
  readonly description: string | null
  /** A calendar date, `YYYY-MM-DD`, echoed back as given. */
  readonly dueDate: string | null
  readonly state: MilestoneState
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface MilestoneInput {
  readonly title?: string | undefined
  readonly description?: string | undefined
  readonly dueDate?: string | undefined
  readonly stateEvent?: string | undefined
}

export type NewMilestone = Omit<Milestone, "id">

export type MilestoneChanges = Partial<Pick<Milestone, "title" | "description" | "dueDate" | "state">> & {
  readonly updatedAt: Date
}
