import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path } from "../params.ts"
import { presentDeletedMember, presentMember } from "../presenters/member.ts"
import type { AppRuntime } from "../runtime.ts"
import { projectRef } from "./projects.ts"

const memberRef = { ...projectRef, user_id: path(Param.int) }

/** Project team members (spec/v3/projects.yaml members.*). */
export const membersRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/projects/:id/members",
    listEndpoint(runtime, {
      params: { ...projectRef, query: Param.string },
      run: (actor, p, page) => Domain.listMembers(actor, p.id, p.query, page),
      present: presentMember,
    }),
  )
  router.get(
    "/projects/:id/members/:user_id",
    endpoint(runtime, {
      params: memberRef,
      run: (actor, p) => Domain.getMember(actor, p.id, p.user_id),
      present: presentMember,
    }),
  )
  router.post(
    "/projects/:id/members",
    endpoint(runtime, {
      params: { ...projectRef, user_id: Param.int, access_level: Param.int },
      run: (actor, p) => Domain.addMember(actor, p.id, { userId: p.user_id, accessLevel: p.access_level }),
      present: presentMember,
    }),
  )
  router.put(
    "/projects/:id/members/:user_id",
    endpoint(runtime, {
      params: { ...memberRef, access_level: Param.int },
      run: (actor, p) => Domain.updateMember(actor, p.id, p.user_id, { accessLevel: p.access_level }),
      present: presentMember,
    }),
  )
  router.delete(
    "/projects/:id/members/:user_id",
    deleteEndpoint(runtime, {
      params: memberRef,
      run: (actor, p) => Domain.removeMember(actor, p.id, p.user_id),
      present: presentDeletedMember,
    }),
  )
}
