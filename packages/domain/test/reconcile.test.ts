import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import {
  createUser,
  GitRepositories,
  NamespaceRepository,
  insertUser,
  ProjectRepository,
  reconcileRepositories,
  RepositoryIntents,
  userActor,
  type RepositoryChange,
} from "@labrador/domain"
import { inMemoryLayer, makeStore } from "@labrador/domain/testing"
import { ROOT_USER } from "./support.ts"

/**
 * The start-up reconciler's decisions, over the states a crash leaves: the journal written, the
 * directory changed, the rows committed or not (in-memory ports; the real process is killed in
 * apps/server/test/crash.test.ts).
 */
const setup = async () => {
  const store = makeStore()
  const layer = inMemoryLayer(store)
  const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
    Effect.runPromiseExit(Effect.provide(effect, layer) as Effect.Effect<A, E>).then((exit) =>
      Exit.isSuccess(exit) ? exit.value : Promise.reject(new Error(String(exit.cause))),
    )
  const root = await run(insertUser(ROOT_USER))
  const jo = await run(
    createUser(userActor(root), { email: "jo@example.com", password: "hunter22", name: "Jo", username: "jo" }),
  )
  // A project made whole, its row and its repository.
  const project = await run(
    Effect.gen(function* () {
      const namespace = (yield* (yield* NamespaceRepository).personalOf(jo.id))!
      const now = new Date(0)
      const row = yield* (yield* ProjectRepository).insert({
        name: "kept",
        path: "kept",
        description: null,
        defaultBranch: null,
        public: false,
        issuesEnabled: true,
        wallEnabled: false,
        mergeRequestsEnabled: true,
        wikiEnabled: true,
        snippetsEnabled: false,
        namespaceId: namespace.id,
        creatorId: jo.id,
        forkedFromProjectId: null,
        createdAt: now,
        lastActivityAt: now,
      })
      yield* (yield* GitRepositories).create("jo/kept")
      return row
    }),
  )
  /** Writes the change down and makes it on disk, as a server does before it dies. */
  const halfDone = (change: RepositoryChange, rows: Effect.Effect<void, never, ProjectRepository> = Effect.void) =>
    run(
      Effect.gen(function* () {
        const [intent] = yield* (yield* RepositoryIntents).record([change])
        const git = yield* GitRepositories
        if (intent!.kind === "create") yield* git.create(intent!.path)
        if (intent!.kind === "remove") yield* git.trash(intent!.path, intent!.trash)
        if (intent!.kind === "move") yield* git.move(intent!.from, intent!.to)
        yield* rows
      }),
    )
  return { store, run, projectId: project.id, halfDone }
}

describe("reconcileRepositories", () => {
  it("nothing written down: nothing to settle", async () => {
    const { run, store } = await setup()
    expect(await run(reconcileRepositories())).toEqual({ settled: 0, left: 0 })
    expect([...store.repositories]).toEqual(["jo/kept"])
  })

  it("a create whose row never committed: its directory is removed", async () => {
    const { run, store, halfDone } = await setup()
    await halfDone({ kind: "create", path: "jo/lost" })
    expect(store.repositories.has("jo/lost")).toBe(true)
    expect(await run(reconcileRepositories())).toEqual({ settled: 1, left: 0 })
    expect([...store.repositories]).toEqual(["jo/kept"])
    expect(await run(reconcileRepositories())).toEqual({ settled: 0, left: 0 })
  })

  it("a removal whose row is still there: the repository comes back from the trash", async () => {
    const { run, store, halfDone, projectId } = await setup()
    await halfDone({ kind: "remove", projectId, path: "jo/kept" })
    expect([...store.repositories]).toEqual(["jo/.deleted-trash1"])
    await run(reconcileRepositories())
    expect([...store.repositories]).toEqual(["jo/kept"])
  })

  it("a removal whose row is gone: the trash is emptied", async () => {
    const { run, store, halfDone, projectId } = await setup()
    await halfDone(
      { kind: "remove", projectId, path: "jo/kept" },
      Effect.flatMap(Effect.service(ProjectRepository), (projects) => projects.remove(projectId)),
    )
    await run(reconcileRepositories())
    expect([...store.repositories]).toEqual([])
  })

  it("a move (a user's rename, a transfer) whose rows never committed: the repository goes back", async () => {
    const { run, store, halfDone, projectId } = await setup()
    await halfDone({ kind: "move", projectId, from: "jo/kept", to: "joe/kept" })
    expect([...store.repositories]).toEqual(["joe/kept"])
    await run(reconcileRepositories())
    expect([...store.repositories]).toEqual(["jo/kept"])
  })
})
