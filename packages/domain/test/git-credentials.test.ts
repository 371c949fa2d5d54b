import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { TestClock } from "effect/testing"
import {
  authenticateGitClient,
  Credentials,
  deleteUser,
  insertUser,
  updateUser,
  userActor,
  type User,
} from "@labrador/domain"
import { inMemoryLayer, makeStore } from "@labrador/domain/testing"

/** The in-memory ports, with the password hasher counted: each verifyPassword is one scrypt in production. */
const setup = () => {
  const store = makeStore()
  const hashes = { verified: 0 }
  const base = inMemoryLayer(store)
  const counted = Layer.effect(
    Credentials,
    Effect.gen(function* () {
      const credentials = yield* Credentials
      return Credentials.of({
        ...credentials,
        verifyPassword: (password, hash) =>
          Effect.suspend(() => ((hashes.verified += 1), credentials.verifyPassword(password, hash))),
      })
    }),
  ).pipe(Layer.provide(base))
  return { store, hashes, layer: Layer.merge(base, counted) }
}

const person = (username: string, admin: boolean) => ({
  username,
  email: `${username}@example.com`,
  name: username,
  bio: null,
  skype: "",
  linkedin: "",
  twitter: "",
  websiteUrl: "",
  themeId: 1,
  colorSchemeId: 1,
  state: "active" as const,
  createdAt: new Date(0),
  externUid: null,
  provider: null,
  projectsLimit: 10,
  canCreateGroup: true,
  canCreateTeam: true,
  admin,
  passwordHash: "plain:secret123",
  tokenDigest: `digest:${username}-token`,
  tokenSealed: `sealed:${username}-token`,
})

const signIn = (login: string, secret: string, client = "10.0.0.1") =>
  Effect.exit(authenticateGitClient({ login, secret }, client))
const tagOf = (exit: Exit.Exit<unknown, { readonly _tag: string }>) =>
  Exit.isSuccess(exit)
    ? "success"
    : exit.cause.reasons.map((r) => ("error" in r ? (r.error as { _tag: string })._tag : "defect")).join()

describe("git clients' passwords", () => {
  it.effect(
    "a password is hashed once per minute however many requests carry it; the record expires after 60 s",
    () => {
      const { hashes, layer } = setup()
      return Effect.gen(function* () {
        yield* insertUser(person("jo", false))
        for (let i = 0; i < 5; i++) expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
        expect(hashes.verified).toBe(1)
        yield* TestClock.adjust("59 seconds")
        expect(tagOf(yield* signIn("jo@example.com", "secret123"))).toBe("success")
        expect(hashes.verified).toBe(1)
        yield* TestClock.adjust("1 second")
        expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
        expect(hashes.verified).toBe(2)
      }).pipe(Effect.provide(layer))
    },
  )

  it.effect("a wrong password is hashed every time and never recorded as passed", () => {
    const { hashes, layer } = setup()
    return Effect.gen(function* () {
      yield* insertUser(person("jo", false))
      for (let i = 0; i < 3; i++) expect(tagOf(yield* signIn("jo", "wrong"))).toBe("Unauthorized")
      expect(hashes.verified).toBe(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("after a password change the old one fails at once and the new one works", () => {
    const { layer } = setup()
    return Effect.gen(function* () {
      const root = yield* insertUser(person("root", true))
      const jo = yield* insertUser(person("jo", false))
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
      yield* updateUser(userActor(root), jo.id, { password: "another-one" })
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("Unauthorized")
      expect(tagOf(yield* signIn("jo", "another-one"))).toBe("success")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a blocked or deleted user's recorded check no longer lets him in", () => {
    const { store, layer } = setup()
    return Effect.gen(function* () {
      const root = yield* insertUser(person("root", true))
      const jo = yield* insertUser(person("jo", false))
      const al = yield* insertUser(person("al", false))
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
      expect(tagOf(yield* signIn("al", "secret123"))).toBe("success")
      store.users.set(jo.id, { ...store.users.get(jo.id)!, state: "blocked" })
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("Unauthorized")
      yield* deleteUser(userActor(root), al.id)
      expect(tagOf(yield* signIn("al", "secret123"))).toBe("Unauthorized")
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "10 failures from an address within 60 s turn it away for an hour (RateLimited) without hashing; others are not affected",
    () => {
      const { hashes, layer } = setup()
      return Effect.gen(function* () {
        yield* insertUser(person("jo", false))
        for (let i = 0; i < 9; i++) expect(tagOf(yield* signIn("jo", `guess-${i}`))).toBe("Unauthorized")
        expect(tagOf(yield* signIn("nobody", "guess"))).toBe("Unauthorized")
        expect(hashes.verified).toBe(10)
        const banned = yield* signIn("jo", "secret123")
        expect(banned).toEqual(Exit.fail(expect.objectContaining({ _tag: "RateLimited", retryAfterSeconds: 3600 })))
        expect(tagOf(yield* signIn("jo", "jo-token"))).toBe("RateLimited")
        expect(hashes.verified).toBe(10)
        expect(tagOf(yield* signIn("jo", "secret123", "10.0.0.2"))).toBe("success")
        yield* TestClock.adjust("1 hour")
        expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
      }).pipe(Effect.provide(layer))
    },
  )

  it.effect("failures older than the 60 s window, or followed by a success, do not add up", () => {
    const { layer } = setup()
    return Effect.gen(function* () {
      yield* insertUser(person("jo", false))
      for (let i = 0; i < 9; i++) yield* signIn("jo", "wrong")
      yield* TestClock.adjust("60 seconds")
      for (let i = 0; i < 9; i++) yield* signIn("jo", "wrong")
      expect(tagOf(yield* signIn("jo", "jo-token"))).toBe("success")
      for (let i = 0; i < 9; i++) yield* signIn("jo", "wrong")
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
      // A blank password is git asking for a prompt, not a guess.
      for (let i = 0; i < 20; i++) expect(tagOf(yield* signIn("jo", ""))).toBe("Unauthorized")
      expect(tagOf(yield* signIn("jo", "secret123"))).toBe("success")
    }).pipe(Effect.provide(layer))
  })
})

export type { User }
