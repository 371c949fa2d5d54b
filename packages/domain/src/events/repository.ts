import { Context, type Effect } from "effect"
import type { Page, PageRequest } from "../shared/paging.ts"
import type { NewProjectEvent, ProjectEvent } from "./model.ts"

/** Port: the projects' activity feeds. Written in the transaction of the change it records. */
export class EventRepository extends Context.Service<
  EventRepository,
  {
    record(events: ReadonlyArray<NewProjectEvent>): Effect.Effect<void>
    /** Newest first; ties broken by id, later first. */
    listForProject(projectId: number, page: PageRequest): Effect.Effect<Page<ProjectEvent>>
  }
>()("@labrador/domain/events/EventRepository") {}
