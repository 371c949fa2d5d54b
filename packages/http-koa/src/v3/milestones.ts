import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded } from "../params.ts"
import { presentIssue } from "../presenters/issue.ts"
import { presentMilestone } from "../presenters/milestone.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const milestoneRef = { ...projectRef, milestone_id: path(Param.int) }
const milestoneInput = {
  title: Param.string,
  description: Param.string,
  due_date: Param.string,
  state_event: Param.string,
}

const toInput = (p: Decoded<typeof milestoneInput>): Domain.MilestoneInput => ({
  title: p.title,
  description: p.description,
  dueDate: p.due_date,
  stateEvent: p.state_event,
})

/** Milestones (spec/v3/milestones.yaml), with the 6.x issues of a milestone. */
export const milestonesRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/projects/:id/milestones",
    listEndpoint(runtime, {
      params: projectRef,
      run: (actor, p, page) => Domain.listMilestones(actor, p.id, page),
      present: presentMilestone,
    }),
  )
  router.get(
    "/projects/:id/milestones/:milestone_id",
    endpoint(runtime, {
      params: milestoneRef,
      run: (actor, p) => Domain.getMilestone(actor, p.id, p.milestone_id),
      present: presentMilestone,
    }),
  )
  router.get(
    "/projects/:id/milestones/:milestone_id/issues",
    listEndpoint(runtime, {
      params: milestoneRef,
      run: (actor, p, page) => Domain.listMilestoneIssues(actor, p.id, p.milestone_id, page),
      present: presentIssue,
    }),
  )
  router.post(
    "/projects/:id/milestones",
    endpoint(runtime, {
      params: { ...projectRef, ...milestoneInput },
      run: (actor, p) => Domain.createMilestone(actor, p.id, toInput(p)),
      present: presentMilestone,
    }),
  )
  router.put(
    "/projects/:id/milestones/:milestone_id",
    endpoint(runtime, {
      params: { ...milestoneRef, ...milestoneInput },
      run: (actor, p) => Domain.updateMilestone(actor, p.id, p.milestone_id, toInput(p)),
      present: presentMilestone,
    }),
  )
}
