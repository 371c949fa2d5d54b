import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, type Decoded, required } from "../params.ts"
import { presentForkLink, presentProject } from "../presenters/project.ts"
import type { Urls } from "../presenters/urls.ts"
import type { AppRuntime } from "../runtime.ts"

const features = {
  description: Param.string,
  default_branch: Param.string,
  issues_enabled: Param.boolean,
  wall_enabled: Param.boolean,
  merge_requests_enabled: Param.boolean,
  wiki_enabled: Param.boolean,
  snippets_enabled: Param.boolean,
  public: Param.boolean,
}
const createParams = { name: required(Param.string), path: Param.string, namespace_id: Param.int, ...features }

const toAttributes = (p: Decoded<typeof createParams>): Domain.ProjectAttributes => ({
  name: p.name,
  path: p.path,
  namespaceId: p.namespace_id,
  description: p.description,
  defaultBranch: p.default_branch,
  issuesEnabled: p.issues_enabled,
  wallEnabled: p.wall_enabled,
  mergeRequestsEnabled: p.merge_requests_enabled,
  wikiEnabled: p.wiki_enabled,
  snippetsEnabled: p.snippets_enabled,
  public: p.public,
})

/** `:id` of every /projects/:id route: a number or the decoded `namespace/path`. */
export const projectRef = { id: path(Param.string) }

/** Projects (spec/v3/projects.yaml). Literal segments are registered before `:id`. */
export const projectsRoutes = (router: Routes, runtime: AppRuntime, urls: Urls): void => {
  const present = presentProject(urls)
  router.get(
    "/projects",
    listEndpoint(runtime, { run: (actor, _p, page) => Domain.listProjects(actor, {}, page), present }),
  )
  router.get(
    "/projects/owned",
    listEndpoint(runtime, { run: (actor, _p, page) => Domain.listProjects(actor, { ownedOnly: true }, page), present }),
  )
  router.get(
    "/projects/all",
    listEndpoint(runtime, { adminOnly: true, run: (actor, _p, page) => Domain.listAllProjects(actor, page), present }),
  )
  router.get(
    "/projects/search/:query",
    listEndpoint(runtime, {
      params: { query: path(Param.string) },
      run: (actor, p, page) => Domain.listProjects(actor, { search: p.query }, page),
      present,
    }),
  )
  router.post(
    "/projects",
    endpoint(runtime, {
      params: createParams,
      run: (actor, p) => Domain.createProject(actor, toAttributes(p)),
      present,
    }),
  )
  router.post(
    "/projects/user/:user_id",
    endpoint(runtime, {
      adminOnly: true,
      params: { user_id: path(Param.int), ...createParams },
      run: (actor, p) => Domain.createProjectForUser(actor, p.user_id, toAttributes(p)),
      present,
    }),
  )
  router.get(
    "/projects/:id",
    endpoint(runtime, { params: projectRef, run: (actor, p) => Domain.getProject(actor, p.id), present }),
  )
  router.delete(
    "/projects/:id",
    deleteEndpoint(runtime, { params: projectRef, run: (actor, p) => Domain.deleteProject(actor, p.id), present }),
  )
  router.post(
    "/projects/:id/fork/:forked_from_id",
    endpoint(runtime, {
      adminOnly: true,
      params: { ...projectRef, forked_from_id: path(Param.string) },
      run: (actor, p) => Domain.createForkLink(actor, p.id, p.forked_from_id),
      present: presentForkLink,
    }),
  )
  router.delete(
    "/projects/:id/fork",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: projectRef,
      run: (actor, p) => Domain.deleteForkLink(actor, p.id),
      present: presentForkLink,
    }),
  )
}
