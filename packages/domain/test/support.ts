import { Cause, Effect, Exit, type Layer } from "effect"
import {
  createProject,
  createUser,
  insertUser,
  userActor,
  type Actor,
  type DomainServices,
  type HookSender,
  type User,
} from "@labrador/domain"
import { inMemoryLayer, makeStore } from "@labrador/domain/testing"

type Services = DomainServices | HookSender

/** The administrator every in-memory test starts from (a plain-text password, digests the fakes read). */
export const ROOT_USER: Parameters<typeof insertUser>[0] = {
  username: "root",
  email: "admin@example.com",
  name: "Administrator",
  bio: null,
  skype: "",
  linkedin: "",
  twitter: "",
  websiteUrl: "",
  themeId: 1,
  colorSchemeId: 1,
  state: "active",
  createdAt: new Date(0),
  externUid: null,
  provider: null,
  projectsLimit: 10,
  canCreateGroup: true,
  canCreateTeam: true,
  admin: true,
  passwordHash: "plain:secret123",
  tokenDigest: "digest:roottoken",
  tokenSealed: "sealed:roottoken",
}

/** Runs a use case against in-memory ports only: the way a service outside Labrador embeds the domain. */
export const embed = () => {
  const store = makeStore()
  // Every port a use case (or the delivery worker) may ask for is served in memory: a compile error otherwise.
  const layer: Layer.Layer<Services> = inMemoryLayer(store)
  const exit = <A, E>(effect: Effect.Effect<A, E, Services>) => Effect.runPromiseExit(Effect.provide(effect, layer))
  const run = async <A, E>(effect: Effect.Effect<A, E, Services>): Promise<A> => {
    const done = await exit(effect)
    if (Exit.isSuccess(done)) return done.value
    throw new Error(`expected success, got ${failure(done)}`)
  }
  /** The failure's tag and data, e.g. `Forbidden {}`; "success" when it succeeded. */
  const fails = async <A, E>(effect: Effect.Effect<A, E, Services>) => failure(await exit(effect))

  let root: User | undefined
  const admin = async () => (root ??= await run(insertUser(ROOT_USER)))
  /** A user created through the use case (so with his personal namespace), as an actor. */
  const user = async (username: string): Promise<{ user: User; actor: Actor }> => {
    const created = await run(
      createUser(userActor(await admin()), {
        email: `${username}@example.com`,
        password: "secret123",
        name: username,
        username,
      }),
    )
    return { user: created, actor: userActor(created) }
  }
  /** A project of `owner`'s, and its `namespace/path` ref. */
  const project = async (owner: { user: User; actor: Actor }, name: string) => {
    const details = await run(createProject(owner.actor, { name }))
    return { id: details.project.id, ref: `${owner.user.username}/${details.project.path}` }
  }
  /** Direct membership at `level` (10 guest … 40 master). */
  const grant = (projectId: number, userId: number, level: number) => {
    store.memberships.set(`${projectId}:${userId}`, level)
    store.memberSince.set(`${projectId}:${userId}`, new Date(0))
  }
  return { store, layer, run, fails, admin, user, project, grant }
}

const failure = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) return "success"
  const error = Cause.squash(exit.cause) as { _tag?: string }
  if (error._tag === undefined) return `defect ${String(error)}`
  const { _tag, ...data } = error
  return `${_tag} ${JSON.stringify(data)}`
}
