import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit } from "effect"
import {
  addOwnKey,
  authenticate,
  createUser,
  currentUser,
  deleteUser,
  insertUser,
  listUsers,
  login,
  pageRequest,
  updateUser,
  userActor,
  anonymous,
  type User,
} from "@labrador/domain"
import { inMemoryLayer, makeStore } from "@labrador/domain/testing"
import { ROOT_USER } from "./support.ts"

const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPctSeEuGWX+kkIIGqAQq8pQb1g2Yy9Xx/4ywos/v3T3 test@host"

/** Embeds the domain with nothing but in-memory ports: the way a service outside Labrador uses it. */
const setup = () => {
  const store = makeStore()
  const layer = inMemoryLayer(store)
  const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
    Effect.runPromiseExit(Effect.provide(effect, layer) as Effect.Effect<A, E>)
  return { store, run, layer }
}

const seedAdmin = (run: ReturnType<typeof setup>["run"]) =>
  run(insertUser(ROOT_USER)).then((exit) => (Exit.isSuccess(exit) ? exit.value : Promise.reject(exit)))

/** The failure's tag and data, e.g. `MissingAttribute {"attribute":"password"}`. */
const failureTag = (exit: Exit.Exit<unknown, any>) => {
  if (Exit.isSuccess(exit)) return "success"
  const error = Cause.squash(exit.cause) as { _tag: string }
  const { _tag, ...data } = error
  return `${_tag} ${JSON.stringify(data)}`
}

describe("users with in-memory ports", () => {
  it("an admin creates a user who can then log in and see his token", async () => {
    const { run, store } = setup()
    const root = await seedAdmin(run)
    const created = await run(
      createUser(userActor(root), { email: "jo@example.com", password: "hunter22", name: "Jo", username: "jo" }),
    )
    expect(Exit.isSuccess(created)).toBe(true)
    const session = await run(login({ login: "jo", password: "hunter22" }))
    if (!Exit.isSuccess(session)) throw new Error(failureTag(session))
    expect(session.value.user.username).toBe("jo")
    const actor = await run(authenticate({ token: session.value.privateToken }))
    if (!Exit.isSuccess(actor)) throw new Error("token did not authenticate")
    const me = await run(currentUser(actor.value))
    expect(Exit.isSuccess(me) && me.value.privateToken).toBe(session.value.privateToken)
    expect(store.events.map((e) => e.name)).toEqual(["user_create", "user_create"])
  })

  it("checks in GitLab's order: 401, then 403, then the missing attribute, then validation, then conflicts", async () => {
    const { run } = setup()
    const root = await seedAdmin(run)
    const jo = await run(
      createUser(userActor(root), { email: "jo@example.com", password: "hunter22", name: "Jo", username: "jo" }),
    )
    if (!Exit.isSuccess(jo)) throw new Error()
    expect(failureTag(await run(createUser(anonymous, {})))).toContain("Unauthorized")
    expect(failureTag(await run(createUser(userActor(jo.value), {})))).toContain("Forbidden")
    expect(failureTag(await run(createUser(userActor(root), { email: "a@b.cd", password: " " })))).toContain(
      '"password"',
    )
    const invalid = await run(createUser(userActor(root), { email: "nope", password: "x", name: "n", username: "-x" }))
    expect(failureTag(invalid)).toContain("Invalid")
    const taken = await run(
      createUser(userActor(root), { email: "JO@example.com", password: "hunter22", name: "n", username: "jo" }),
    )
    expect(failureTag(taken)).toContain("Conflict")
  })

  it("paginates, updates, deletes idempotently and revokes the token of a deleted user", async () => {
    const { run, store } = setup()
    const root = await seedAdmin(run)
    const ids: Array<number> = []
    for (let i = 0; i < 3; i++) {
      const created = await run(
        createUser(userActor(root), {
          email: `u${i}@example.com`,
          password: "hunter22",
          name: `U${i}`,
          username: `u${i}`,
        }),
      )
      if (Exit.isSuccess(created)) ids.push(created.value.id)
    }
    const page = await run(listUsers(userActor(root), {}, pageRequest("2", "2")))
    expect(Exit.isSuccess(page) && [page.value.total, page.value.items.map((u: User) => u.username)]).toEqual([
      4,
      ["u1", "u2"],
    ])
    const updated = await run(updateUser(userActor(root), ids[0]!, { name: "Renamed", bio: "" }))
    expect(Exit.isSuccess(updated) && updated.value.name).toBe("Renamed")
    expect(Exit.isSuccess(updated) && updated.value.bio).toBe(null)
    const first = await run(deleteUser(userActor(root), ids[0]!))
    const again = await run(deleteUser(userActor(root), ids[0]!))
    expect([Exit.isSuccess(first) && first.value._tag, Exit.isSuccess(again) && again.value._tag]).toEqual([
      "Removed",
      "AlreadyAbsent",
    ])
    expect(store.namespaces.has("u0")).toBe(false)
  })

  it("parses SSH keys for real and refuses a second registration of the same key", async () => {
    const { run } = setup()
    const root = await seedAdmin(run)
    const bad = await run(addOwnKey(userActor(root), { title: "t", key: "ssh-rsa AAAAnotakey" }))
    expect(failureTag(bad)).toContain("Invalid")
    const good = await run(addOwnKey(userActor(root), { title: "t", key: `  ${ED25519}\n` }))
    expect(Exit.isSuccess(good) && good.value.key).toBe(ED25519)
    const dup = await run(addOwnKey(userActor(root), { title: "t2", key: ED25519.replace("test@host", "other") }))
    expect(failureTag(dup)).toContain("Conflict")
  })
})
