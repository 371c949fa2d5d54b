import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Cause, Effect, Exit, ManagedRuntime } from "effect"
import {
  Credentials,
  insertUser,
  KeyRepository,
  NamespaceRepository,
  Transactions,
  UserRepository,
  pageRequest,
  type NewUser,
} from "@labrador/domain"
import { openDatabase, type Orm } from "./database.ts"
import { persistenceLayer } from "./layer.ts"
import { dialects, freshDatabase } from "./testing/databases.ts"

const draft = (n: number, token: { digest: string; sealed: string }): NewUser => ({
  username: `user${n}`,
  email: `User${n}@Example.com`,
  name: `User ${n}`,
  bio: null,
  skype: "",
  linkedin: "",
  twitter: "",
  websiteUrl: "",
  themeId: 1,
  colorSchemeId: 1,
  state: "active",
  createdAt: new Date("2026-01-02T03:04:05Z"),
  externUid: null,
  provider: null,
  projectsLimit: 10,
  canCreateGroup: true,
  canCreateTeam: true,
  admin: false,
  passwordHash: "x",
  tokenDigest: token.digest,
  tokenSealed: token.sealed,
})

describe.each(dialects)("repositories on %s", (dialect) => {
  let orm: Orm
  let runtime: ManagedRuntime.ManagedRuntime<any, never>
  let dispose: () => Promise<void>
  let location: string
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runtime.runPromiseExit(effect) as Promise<Exit.Exit<A, E>>
  const value = async <A, E>(effect: Effect.Effect<A, E, any>) => {
    const exit = await run(effect)
    if (Exit.isFailure(exit)) throw Cause.squash(exit.cause)
    return exit.value
  }
  const token = (plain: string) =>
    value(
      Effect.gen(function* () {
        const c = yield* Credentials
        return { digest: c.digestToken(plain), sealed: c.sealToken(plain) }
      }),
    )

  beforeAll(async () => {
    const db = await freshDatabase(dialect)
    location = db.target.location
    orm = await openDatabase(db.target)
    runtime = ManagedRuntime.make(persistenceLayer(orm, "test-secret"))
    dispose = async () => {
      await runtime.dispose()
      await orm.close(true)
      await db.dispose()
    }
  })
  afterAll(() => dispose())

  it("writes a user with its namespace and reads it back by token digest, login and page", async () => {
    const user = await value(insertUser(draft(1, await token("token-one"))))
    expect(user.email).toBe("user1@example.com")
    const found = await value(UserRepository.use((r) => r.findForLogin("USER1@example.com")))
    expect(found?.user.id).toBe(user.id)
    const byToken = await value(
      Effect.gen(function* () {
        return yield* (yield* UserRepository).findByTokenDigest((yield* Credentials).digestToken("token-one"))
      }),
    )
    expect(byToken).toEqual(user)
    expect(await value(NamespaceRepository.use((r) => r.pathTaken("USER1")))).toBe(true)
    await value(insertUser(draft(2, await token("token-two"))))
    const page = await value(UserRepository.use((r) => r.list({ search: "user 2" }, pageRequest(1, 1))))
    expect([page.total, page.items.map((u) => u.username)]).toEqual([1, ["user2"]])
  })

  it("rolls the whole transaction back when a later write fails: no user without its namespace", async () => {
    const before = await value(UserRepository.use((r) => r.list({}, pageRequest(1, 100))))
    const exit = await run(
      Effect.gen(function* () {
        const users = yield* UserRepository
        const namespaces = yield* NamespaceRepository
        return yield* (yield* Transactions).transact(
          Effect.gen(function* () {
            const u = yield* users.insert(draft(3, { digest: "d3", sealed: "s3" }))
            yield* namespaces.createPersonal({ id: u.id, username: "user1" }) // taken: fails
          }),
        )
      }),
    )
    expect(Exit.isFailure(exit) && (Cause.squash(exit.cause) as { _tag: string })._tag).toBe("Conflict")
    const after = await value(UserRepository.use((r) => r.list({}, pageRequest(1, 100))))
    expect(after.total).toBe(before.total)
  })

  it("maps a unique-index race to Conflict and cascades a user's keys on delete", async () => {
    const user = await value(insertUser(draft(4, await token("token-four"))))
    const keys = await value(KeyRepository.use(Effect.succeed))
    await value(
      keys.insert({ userId: user.id, title: "k", key: "ssh-ed25519 AAAA", fingerprint: "fp:4", createdAt: new Date() }),
    )
    const dup = await run(
      keys.insert({
        userId: user.id,
        title: "k2",
        key: "ssh-ed25519 AAAA",
        fingerprint: "fp:4",
        createdAt: new Date(),
      }),
    )
    expect(Exit.isFailure(dup) && (Cause.squash(dup.cause) as { _tag: string })._tag).toBe("Conflict")
    await value(UserRepository.use((r) => r.remove(user.id)))
    expect(await value(keys.listForUser(user.id))).toEqual([])
  })

  it.runIf(dialect === "sqlite")(
    "stores no usable token: the file holds neither the token nor its digest under another secret",
    async () => {
      await value(insertUser(draft(5, await token("plain-token-five"))))
      await orm.em.getConnection().execute("pragma wal_checkpoint(full)")
      const bytes = readFileSync(location).toString("latin1")
      expect(bytes).not.toContain("plain-token-five")
      expect(bytes).toContain("user5")
    },
  )
})
