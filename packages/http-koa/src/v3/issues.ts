import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded, required } from "../params.ts"
import { presentIssue } from "../presenters/issue.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const issueRef = { ...projectRef, issue_id: path(Param.int) }
/** The 6.x list filters (optional in 5.x). */
const filters = { state: Param.string, labels: Param.stringArray, milestone: Param.string }
const issueInput = {
  title: Param.string,
  description: Param.string,
  assignee_id: Param.int,
  milestone_id: Param.int,
  labels: Param.stringArray,
  state_event: Param.string,
}

const toFilter = (p: Decoded<typeof filters>): Domain.IssueFilterInput => ({
  state: p.state,
  labels: p.labels,
  milestone: p.milestone,
})
const toInput = (p: Decoded<typeof issueInput>): Domain.IssueInput => ({
  title: p.title,
  description: p.description,
  assigneeId: p.assignee_id,
  milestoneId: p.milestone_id,
  labels: p.labels,
  stateEvent: p.state_event,
})

/** Issues (spec/v3/issues.yaml). DELETE is refused with 405 before any lookup. */
export const issuesRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/issues",
    listEndpoint(runtime, {
      params: filters,
      run: (actor, p, page) => Domain.listMyIssues(actor, toFilter(p), page),
      present: presentIssue,
    }),
  )
  router.get(
    "/projects/:id/issues",
    listEndpoint(runtime, {
      params: { ...projectRef, ...filters },
      run: (actor, p, page) => Domain.listProjectIssues(actor, p.id, toFilter(p), page),
      present: presentIssue,
    }),
  )
  router.get(
    "/projects/:id/issues/:issue_id",
    endpoint(runtime, {
      params: issueRef,
      run: (actor, p) => Domain.getIssue(actor, p.id, p.issue_id),
      present: presentIssue,
    }),
  )
  router.post(
    "/projects/:id/issues",
    endpoint(runtime, {
      params: { ...projectRef, ...issueInput, title: required(Param.string) },
      run: (actor, p) => Domain.createIssue(actor, p.id, toInput(p)),
      present: presentIssue,
    }),
  )
  router.put(
    "/projects/:id/issues/:issue_id",
    endpoint(runtime, {
      params: { ...issueRef, ...issueInput },
      run: (actor, p) => Domain.updateIssue(actor, p.id, p.issue_id, toInput(p)),
      present: presentIssue,
    }),
  )
  router.delete(
    "/projects/:id/issues/:issue_id",
    endpoint(runtime, { run: (actor) => Domain.deleteIssue(actor), present: () => null }),
  )
}
