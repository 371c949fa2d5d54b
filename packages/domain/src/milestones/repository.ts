import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { Milestone, MilestoneChanges, NewMilestone } from "./model.ts"

/** Port: project milestones, in ascending id order. */
export class MilestoneRepository extends Context.Service<
  MilestoneRepository,
  {
    list(projectId: number, page: PageRequest): Effect.Effect<Page<Milestone>>
    /** The milestone with that global id, when it belongs to the project. */
    find(projectId: number, milestoneId: number): Effect.Effect<Milestone | undefined>
    insert(milestone: NewMilestone): Effect.Effect<Milestone>
    /** Applies the changes if the milestone is still in `current`'s state; false when another writer moved it first. */
    update(current: Milestone, changes: MilestoneChanges): Effect.Effect<boolean>
  }
>()("@labrador/domain/milestones/MilestoneRepository") {}
