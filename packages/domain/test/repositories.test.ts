import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import {
  authenticateGitClient,
  authorizePush,
  commitPage,
  commitTimeIso,
  firstDefaultBranch,
  insertUser,
  isReadableRef,
  isValidRefName,
  ProtectedBranchRepository,
  PushRefusal,
  refVerdict,
  treePath,
  ZERO_ID,
  type Commit,
  type GitGrant,
  type ProjectAccess,
  type RefHead,
  type User,
} from "@labrador/domain"
import { inMemoryLayer, makeStore } from "@labrador/domain/testing"

const access = (level: number, extra: Partial<ProjectAccess> = {}): ProjectAccess => ({
  userId: 1,
  level,
  isOwner: false,
  isAdmin: false,
  ...extra,
})
const A = "a".repeat(40)
const B = "b".repeat(40)

describe("refVerdict: the protected-branch rule per ref", () => {
  const protectedNames = new Set(["master", "release/1"])

  it("allows any branch or tag update that touches no protected branch, whoever pushes", () => {
    for (const update of [
      { before: A, after: B, ref: "refs/heads/topic" },
      { before: ZERO_ID, after: B, ref: "refs/heads/new" },
      { before: A, after: ZERO_ID, ref: "refs/heads/old" },
      { before: A, after: B, ref: "refs/tags/master" },
    ])
      expect(refVerdict(update, access(30), protectedNames)).toEqual({ _tag: "Allow" })
  })

  it("refuses developers on a protected branch, its creation included", () => {
    for (const before of [A, ZERO_ID])
      expect(refVerdict({ before, after: B, ref: "refs/heads/master" }, access(30), protectedNames)).toEqual({
        _tag: "Refuse",
        reason: PushRefusal.protectedBranch,
      })
    expect(refVerdict({ before: A, after: B, ref: "refs/heads/release/1" }, access(30), protectedNames)._tag).toBe(
      "Refuse",
    )
  })

  it("lets masters, owners and admins fast-forward it, create it, but never delete it", () => {
    for (const who of [access(40), access(0, { isOwner: true }), access(0, { isAdmin: true })]) {
      expect(refVerdict({ before: A, after: B, ref: "refs/heads/master" }, who, protectedNames)).toEqual({
        _tag: "FastForwardOnly",
        reason: PushRefusal.forcePushProtected,
      })
      expect(refVerdict({ before: ZERO_ID, after: B, ref: "refs/heads/master" }, who, protectedNames)).toEqual({
        _tag: "Allow",
      })
      expect(refVerdict({ before: A, after: ZERO_ID, ref: "refs/heads/master" }, who, protectedNames)).toEqual({
        _tag: "Refuse",
        reason: PushRefusal.deleteProtected,
      })
    }
  })

  it("refuses refs outside refs/heads and refs/tags", () => {
    for (const ref of ["refs/notes/commits", "refs/merge-requests/1/head", "HEAD"])
      expect(refVerdict({ before: ZERO_ID, after: B, ref }, access(40), protectedNames)).toEqual({
        _tag: "Refuse",
        reason: PushRefusal.notBranchOrTag,
      })
  })
})

describe("authorizePush: the verdicts on a push's commands", () => {
  const protectedBranches = Layer.succeed(
    ProtectedBranchRepository,
    ProtectedBranchRepository.of({
      names: () => Effect.succeed(new Set(["b"])),
      isProtected: (_, name) => Effect.succeed(name === "b"),
      protect: () => Effect.void,
      unprotect: () => Effect.void,
    }),
  )
  const grant = { access: access(40), details: { project: { id: 1 } } } as unknown as GitGrant
  const verdicts = (updates: ReadonlyArray<{ before: string; after: string; ref: string }>) =>
    Effect.runPromise(Effect.provide(authorizePush(grant, updates), protectedBranches)).then((all) =>
      all.map(({ verdict }) => verdict),
    )

  it("one verdict per command, in their order", async () => {
    expect(
      await verdicts([
        { before: A, after: B, ref: "refs/heads/b" },
        { before: A, after: B, ref: "refs/heads/topic" },
      ]),
    ).toEqual([{ _tag: "FastForwardOnly", reason: PushRefusal.forcePushProtected }, { _tag: "Allow" }])
  })

  it("a push naming one ref twice is refused whole: each of its commands, the other refs' included", async () => {
    const refused = { _tag: "Refuse", reason: PushRefusal.duplicateRef }
    // Each alone passes (no change, a create, a fast-forward-only check that a delete skips): together they rewrite b.
    const rewrite = [
      { before: A, after: A, ref: "refs/heads/b" },
      { before: A, after: ZERO_ID, ref: "refs/heads/b" },
      { before: ZERO_ID, after: B, ref: "refs/heads/b" },
      { before: ZERO_ID, after: B, ref: "refs/heads/topic" },
    ]
    expect(await verdicts(rewrite)).toEqual([refused, refused, refused, refused])
    expect(
      await verdicts([
        { before: ZERO_ID, after: B, ref: "refs/tags/v1" },
        { before: ZERO_ID, after: A, ref: "refs/tags/v1" },
      ]),
    ).toEqual([refused, refused])
  })
})

describe("firstDefaultBranch", () => {
  const head = (name: string): RefHead => ({ name, commit: {} as Commit })
  it("master when it exists, else the first branch pushed that still exists; nothing for tags only", () => {
    expect(
      firstDefaultBranch([{ before: ZERO_ID, after: B, ref: "refs/heads/dev" }], [head("dev"), head("master")]),
    ).toBe("master")
    expect(
      firstDefaultBranch(
        [
          { before: ZERO_ID, after: B, ref: "refs/tags/v1" },
          { before: ZERO_ID, after: B, ref: "refs/heads/b" },
          { before: ZERO_ID, after: B, ref: "refs/heads/a" },
        ],
        [head("a"), head("b")],
      ),
    ).toBe("b")
    expect(firstDefaultBranch([{ before: ZERO_ID, after: B, ref: "refs/tags/v1" }], [])).toBeUndefined()
    expect(firstDefaultBranch([{ before: A, after: ZERO_ID, ref: "refs/heads/gone" }], [])).toBeUndefined()
  })
})

describe("commit times, paths, pages and ref names", () => {
  it("commitTimeIso renders the commit's own offset, seconds precision", () => {
    expect(commitTimeIso({ epochSeconds: 1340801499, offset: "-0700" })).toBe("2012-06-27T05:51:39-07:00")
    expect(commitTimeIso({ epochSeconds: 1348131022, offset: "+0300" })).toBe("2012-09-20T11:50:22+03:00")
    expect(commitTimeIso({ epochSeconds: 0, offset: "+0000" })).toBe("1970-01-01T00:00:00+00:00")
    expect(commitTimeIso({ epochSeconds: 1, offset: "+0530" })).toBe("1970-01-01T05:30:01+05:30")
  })

  it("treePath trims slashes and refuses what no tree entry can be called", () => {
    expect(treePath(undefined)).toBe("")
    expect(treePath("/")).toBe("")
    expect(treePath("/lib/sub/")).toBe("lib/sub")
    for (const bad of ["a//b", "../etc", "lib/./x", "lib/..", "a\nb", "a\0b"]) expect(treePath(bad)).toBeUndefined()
  })

  it("commitPage: zero-based pages, per_page defaulting to 20 and capped at 100", () => {
    expect(commitPage(undefined, undefined)).toEqual({ offset: 0, limit: 20 })
    expect(commitPage("0", "5")).toEqual({ offset: 0, limit: 5 })
    expect(commitPage("1", "5")).toEqual({ offset: 5, limit: 5 })
    expect(commitPage(99, 20)).toEqual({ offset: 1980, limit: 20 })
    expect(commitPage("-3", "0")).toEqual({ offset: 0, limit: 20 })
    expect(commitPage("x", "1000")).toEqual({ offset: 0, limit: 100 })
  })

  it("isValidRefName follows git check-ref-format, and refuses a leading dash", () => {
    for (const good of ["v1.0", "feature/x", "release-2013.06", "a@b", "ünïcode"])
      expect(isValidRefName(good)).toBe(true)
    for (const bad of [
      "",
      "@",
      "-x",
      "/a",
      "a/",
      "a//b",
      "a..b",
      "a.",
      ".a",
      "a/.b",
      "x.lock",
      "a b",
      "a~b",
      "a^b",
      "a:b",
      "a?b",
      "a*b",
      "a[b",
      "a\\b",
      "a@{b",
      "a\tb",
      "a\u007fb",
    ])
      expect(isValidRefName(bad)).toBe(false)
  })

  it("isReadableRef takes a name starting with '-' (a pushed refs/heads/-x) as a name; not a line break or NUL", () => {
    for (const good of ["-x", "--output=/tmp/pwn", "master", "refs/heads/-x", "a".repeat(40)])
      expect(isReadableRef(good)).toBe(true)
    for (const bad of ["", "a\nb", "a\rb", "a\0b", "x".repeat(1025)]) expect(isReadableRef(bad)).toBe(false)
  })
})

describe("authenticateGitClient", () => {
  const store = makeStore()
  const layer = inMemoryLayer(store)
  const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
    Effect.runPromiseExit(Effect.provide(effect, layer) as Effect.Effect<A, E>)
  const base = {
    email: "dev@example.com",
    name: "Dev",
    bio: null,
    skype: "",
    linkedin: "",
    twitter: "",
    websiteUrl: "",
    themeId: 1,
    colorSchemeId: 1,
    createdAt: new Date(0),
    externUid: null,
    provider: null,
    projectsLimit: 10,
    canCreateGroup: true,
    canCreateTeam: true,
    admin: false,
  }
  const seed = async (username: string, state: User["state"]) => {
    const exit = await run(
      insertUser({
        ...base,
        username,
        email: `${username}@example.com`,
        state,
        passwordHash: `plain:${username}-pw`,
        tokenDigest: `digest:${username}-token`,
        tokenSealed: "",
      }),
    )
    if (Exit.isFailure(exit)) throw new Error("seed failed")
  }

  it("no credentials: anonymous; password or private token: the user; anything else: 401", async () => {
    await seed("dev", "active")
    const actor = async (login: string, secret: string) => {
      const exit = await run(authenticateGitClient({ login, secret }, "10.0.0.1"))
      return Exit.isSuccess(exit)
        ? exit.value._tag === "User"
          ? exit.value.user.username
          : "anonymous"
        : exit.cause.reasons.map((r) => (r._tag === "Fail" ? (r.error as { _tag: string })._tag : r._tag)).join()
    }
    expect(Exit.isSuccess(await run(authenticateGitClient(undefined, "10.0.0.1")))).toBe(true)
    expect(await actor("dev", "dev-pw")).toBe("dev")
    expect(await actor("dev", "dev-token")).toBe("dev")
    expect(await actor("dev@example.com", "dev-token")).toBe("dev")
    expect(await actor("dev", "wrong")).toBe("Unauthorized")
    expect(await actor("other", "dev-token")).toBe("Unauthorized")
    expect(await actor("dev", "")).toBe("Unauthorized")
    expect(await actor("", "dev-pw")).toBe("Unauthorized")
  })

  it("a blocked account is refused whatever it presents", async () => {
    await seed("gone", "blocked")
    for (const secret of ["gone-pw", "gone-token"]) {
      const exit = await run(authenticateGitClient({ login: "gone", secret }, "10.0.0.1"))
      expect(Exit.isFailure(exit)).toBe(true)
    }
  })
})
