import type { Routes } from "../routes.ts"
import * as Domain from "@labrador/domain"
import { deleteEndpoint, endpoint, listEndpoint } from "../endpoint.ts"
import { Param, path, required, type Decoded } from "../params.ts"
import { presentDeletedUser, presentUser, presentUserLogin } from "../presenters/user.ts"
import type { AppRuntime } from "../runtime.ts"

const userAttributes = {
  email: Param.string,
  password: Param.string,
  name: Param.string,
  username: Param.string,
  skype: Param.string,
  linkedin: Param.string,
  twitter: Param.string,
  website_url: Param.string,
  projects_limit: Param.int,
  extern_uid: Param.string,
  provider: Param.string,
  bio: Param.string,
  admin: Param.boolean,
  can_create_group: Param.boolean,
}

const toAttributes = (p: Decoded<typeof userAttributes>): Domain.UserAttributes => ({
  email: p.email,
  password: p.password,
  name: p.name,
  username: p.username,
  skype: p.skype,
  linkedin: p.linkedin,
  twitter: p.twitter,
  websiteUrl: p.website_url,
  projectsLimit: p.projects_limit,
  externUid: p.extern_uid,
  provider: p.provider,
  bio: p.bio,
  admin: p.admin,
  canCreateGroup: p.can_create_group,
})

/** POST /users: the four GitLab requires, in its order (a key keeps its place when overridden). */
const newUser = {
  ...userAttributes,
  email: required(Param.string),
  password: required(Param.string),
  name: required(Param.string),
  username: required(Param.string),
}

const id = { id: path(Param.int) }

/** Users (spec/v3/users.yaml): list, show, create, update, delete, and the current user. */
export const usersRoutes = (router: Routes, runtime: AppRuntime): void => {
  router.get(
    "/users",
    listEndpoint(runtime, {
      params: { search: Param.string, active: Param.boolean },
      run: (actor, p, page) => Domain.listUsers(actor, { search: p.search, active: p.active }, page),
      present: presentUser,
    }),
  )
  router.get(
    "/users/:id",
    endpoint(runtime, { params: id, run: (actor, p) => Domain.getUser(actor, p.id), present: presentUser }),
  )
  router.post(
    "/users",
    endpoint(runtime, {
      adminOnly: true,
      params: newUser,
      run: (actor, p) => Domain.createUser(actor, toAttributes(p)),
      present: presentUser,
    }),
  )
  router.put(
    "/users/:id",
    endpoint(runtime, {
      adminOnly: true,
      params: { ...id, ...userAttributes },
      run: (actor, p) => Domain.updateUser(actor, p.id, toAttributes(p)),
      present: presentUser,
    }),
  )
  router.delete(
    "/users/:id",
    deleteEndpoint(runtime, {
      adminOnly: true,
      params: id,
      run: (actor, p) => Domain.deleteUser(actor, p.id),
      present: presentDeletedUser,
    }),
  )
  router.get("/user", endpoint(runtime, { run: (actor) => Domain.currentUser(actor), present: presentUserLogin }))
}
