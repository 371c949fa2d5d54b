import { expect } from "vitest"
import type { TestServer } from "./server.ts"

/** Every kind of caller a project route distinguishes (spec/v3/projects.yaml abilities_5x; admins act as owners). */
export const ROLES = ["anonymous", "nonMember", "guest", "reporter", "developer", "master", "owner", "admin"] as const
export type Role = (typeof ROLES)[number]
export type Outcomes = Readonly<Record<Role, number>>

/** Readers (guest and up) get `ok`; strangers 404, existence not leaked. */
export const readers = (ok: number): Outcomes => ({
  anonymous: 401,
  nonMember: 404,
  guest: ok,
  reporter: ok,
  developer: ok,
  master: ok,
  owner: ok,
  admin: ok,
})
/** From `level` up get `ok`; readers below it 403. */
export const atLeast = (level: "reporter" | "developer" | "master", ok: number): Outcomes => {
  const below: ReadonlyArray<Role> = {
    reporter: ["guest"],
    developer: ["guest", "reporter"],
    master: ["guest", "reporter", "developer"],
  }[level] as ReadonlyArray<Role>
  return { ...readers(ok), ...Object.fromEntries(below.map((role) => [role, 403])) }
}

/** UserBasic as GitLab embeds it. */
export interface UserBasic {
  readonly id: number
  readonly username: string
  readonly email: string
  readonly name: string
  readonly state: string
  readonly created_at: string
}

export interface Caller {
  readonly token: string | undefined
  readonly user: UserBasic | undefined
}

export interface ProjectWithRoles {
  readonly projectId: number
  readonly path: string
  readonly callers: Readonly<Record<Role, Caller>>
}

export const userBasic = async (t: TestServer, id: number): Promise<UserBasic> => {
  const res = await t.api(t.rootToken).get(`/users/${id}`)
  const { username, email, name, state, created_at } = res.body
  return { id, username, email, name, state, created_at }
}

/** A project owned by a fresh user, with one fresh member per level, a stranger, and root as admin. */
export const projectWithRoles = async (t: TestServer, name: string): Promise<ProjectWithRoles> => {
  const owner = await t.createUser()
  const created = await t.api(owner.token).post("/projects", { name })
  expect(created.status).toBe(201)
  const projectId = created.body.id as number
  const levels = { guest: 10, reporter: 20, developer: 30, master: 40 } as const
  const callers: Partial<Record<Role, Caller>> = { anonymous: { token: undefined, user: undefined } }
  for (const [role, level] of Object.entries(levels) as Array<[keyof typeof levels, number]>) {
    const user = await t.createUser()
    expect(
      (await t.api(owner.token).post(`/projects/${projectId}/members`, { user_id: user.id, access_level: level }))
        .status,
    ).toBe(201)
    callers[role] = { token: user.token, user: await userBasic(t, user.id) }
  }
  const stranger = await t.createUser()
  callers.nonMember = { token: stranger.token, user: await userBasic(t, stranger.id) }
  callers.owner = { token: owner.token, user: await userBasic(t, owner.id) }
  const root = (await t.api(t.rootToken).get("/user")).body.id as number
  callers.admin = { token: t.rootToken, user: await userBasic(t, root) }
  return { projectId, path: created.body.path_with_namespace as string, callers: callers as Record<Role, Caller> }
}
