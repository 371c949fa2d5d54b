import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, required } from "../params.ts"
import {
  presentDeletedTeamMember,
  presentDeletedTeamProject,
  presentTeam,
  presentTeamMember,
  presentTeamProject,
} from "../presenters/team.ts"
import type { Urls } from "../presenters/urls.ts"
import type { AppRuntime } from "../runtime.ts"

const teamRef = { id: path(Param.int) }
const memberRef = { ...teamRef, user_id: path(Param.int) }
const projectRef = { ...teamRef, project_id: path(Param.int) }

/** User teams, their members and their projects (spec/v3/user_teams.yaml). */
export const userTeamsRoutes = (router: Routes, runtime: AppRuntime, urls: Urls): void => {
  const presentAssigned = presentTeamProject(urls)
  router.get(
    "/user_teams",
    listEndpoint(runtime, { run: (actor, _p, page) => Domain.listTeams(actor, page), present: presentTeam }),
  )
  router.post(
    "/user_teams",
    endpoint(runtime, {
      adminOnly: true,
      params: { name: required(Param.string), path: required(Param.string) },
      run: (actor, p) => Domain.createTeam(actor, { name: p.name, path: p.path }),
      present: presentTeam,
    }),
  )
  router.get(
    "/user_teams/:id",
    endpoint(runtime, { params: teamRef, run: (actor, p) => Domain.getTeam(actor, p.id), present: presentTeam }),
  )

  router.get(
    "/user_teams/:id/members",
    listEndpoint(runtime, {
      params: teamRef,
      run: (actor, p, page) => Domain.listTeamMembers(actor, p.id, page),
      present: presentTeamMember,
    }),
  )
  router.post(
    "/user_teams/:id/members",
    endpoint(runtime, {
      adminOnly: true,
      params: { ...teamRef, user_id: required(Param.int), access_level: required(Param.int) },
      run: (actor, p) => Domain.addTeamMember(actor, p.id, { userId: p.user_id, accessLevel: p.access_level }),
      present: presentTeamMember,
    }),
  )
  router.get(
    "/user_teams/:id/members/:user_id",
    endpoint(runtime, {
      params: memberRef,
      run: (actor, p) => Domain.getTeamMember(actor, p.id, p.user_id),
      present: presentTeamMember,
    }),
  )
  router.delete(
    "/user_teams/:id/members/:user_id",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: memberRef,
      run: (actor, p) => Domain.removeTeamMember(actor, p.id, p.user_id),
      present: presentDeletedTeamMember,
    }),
  )

  router.get(
    "/user_teams/:id/projects",
    listEndpoint(runtime, {
      params: teamRef,
      run: (actor, p, page) => Domain.listTeamProjects(actor, p.id, page),
      present: presentAssigned,
    }),
  )
  router.post(
    "/user_teams/:id/projects",
    endpoint(runtime, {
      adminOnly: true,
      params: { ...teamRef, project_id: required(Param.int), greatest_access_level: required(Param.int) },
      run: (actor, p) =>
        Domain.assignTeamProject(actor, p.id, {
          projectId: p.project_id,
          greatestAccessLevel: p.greatest_access_level,
        }),
      present: presentAssigned,
    }),
  )
  router.get(
    "/user_teams/:id/projects/:project_id",
    endpoint(runtime, {
      params: projectRef,
      run: (actor, p) => Domain.getTeamProject(actor, p.id, p.project_id),
      present: presentAssigned,
    }),
  )
  router.delete(
    "/user_teams/:id/projects/:project_id",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: projectRef,
      run: (actor, p) => Domain.unassignTeamProject(actor, p.id, p.project_id),
      present: presentDeletedTeamProject,
    }),
  )
}
