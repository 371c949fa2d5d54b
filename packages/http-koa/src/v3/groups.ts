import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, required } from "../params.ts"
import {
  presentDeletedGroupMember,
  presentGroup,
  presentGroupDetail,
  presentGroupMember,
  presentGroupRow,
} from "../presenters/group.ts"
import type { Urls } from "../presenters/urls.ts"
import type { AppRuntime } from "../runtime.ts"

const groupRef = { id: path(Param.int) }

/** Groups and (6.x) group members (spec/v3/groups.yaml). */
export const groupsRoutes = (router: Routes, runtime: AppRuntime, urls: Urls): void => {
  router.get(
    "/groups",
    listEndpoint(runtime, { run: (actor, _p, page) => Domain.listGroups(actor, page), present: presentGroup }),
  )
  router.post(
    "/groups",
    endpoint(runtime, {
      adminOnly: true,
      params: { name: required(Param.string), path: required(Param.string) },
      run: (actor, p) => Domain.createGroup(actor, { name: p.name, path: p.path }),
      present: presentGroup,
    }),
  )
  router.get(
    "/groups/:id",
    endpoint(runtime, {
      params: groupRef,
      run: (actor, p) => Domain.getGroup(actor, p.id),
      present: presentGroupDetail(urls),
    }),
  )
  router.delete(
    "/groups/:id",
    deleteEndpoint(runtime, {
      params: groupRef,
      run: (actor, p) => Domain.deleteGroup(actor, p.id),
      present: presentGroupRow,
    }),
  )
  router.post(
    "/groups/:id/projects/:project_id",
    endpoint(runtime, {
      adminOnly: true,
      params: { ...groupRef, project_id: path(Param.int) },
      run: (actor, p) => Domain.transferProject(actor, p.id, p.project_id),
      present: presentGroupRow,
    }),
  )
  router.get(
    "/groups/:id/members",
    listEndpoint(runtime, {
      params: groupRef,
      run: (actor, p, page) => Domain.listGroupMembers(actor, p.id, page),
      present: presentGroupMember,
    }),
  )
  router.post(
    "/groups/:id/members",
    endpoint(runtime, {
      params: { ...groupRef, user_id: required(Param.int), access_level: required(Param.int) },
      run: (actor, p) => Domain.addGroupMember(actor, p.id, { userId: p.user_id, accessLevel: p.access_level }),
      present: presentGroupMember,
    }),
  )
  router.delete(
    "/groups/:id/members/:user_id",
    deleteEndpoint(runtime, {
      params: { ...groupRef, user_id: path(Param.int) },
      run: (actor, p) => Domain.removeGroupMember(actor, p.id, p.user_id),
      present: presentDeletedGroupMember,
    }),
  )
}
