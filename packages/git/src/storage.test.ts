import { existsSync } from "node:fs"
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Cause, Effect, Exit } from "effect"
import { GitRepositories, Invalid } from "@labrador/domain"
import { git, runGit } from "./command.ts"
import { repositoryDir } from "./paths.ts"
import { gitRepositoriesLayer } from "./storage.ts"

let scratch: string
let root: string
let outside: string
let repos: GitRepositories["Service"]

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "labrador-git-storage-"))
  root = join(scratch, "repositories")
  outside = join(scratch, "outside")
  await mkdir(outside)
  repos = await Effect.runPromise(
    Effect.gen(function* () {
      return yield* GitRepositories
    }).pipe(Effect.provide(gitRepositoriesLayer(root))),
  )
})
afterEach(() => rm(scratch, { recursive: true, force: true }))

const ok = <A>(effect: Effect.Effect<A, Invalid>) => Effect.runPromise(effect)
const invalid = async (effect: Effect.Effect<unknown, Invalid>): Promise<Invalid["errors"]> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected Invalid")
  const error = Cause.squash(exit.cause)
  expect(error).toBeInstanceOf(Invalid)
  return (error as Invalid).errors
}
const gitOut = async (gitDir: string, ...args: Array<"rev-parse" | "--is-bare-repository" | "symbolic-ref" | "HEAD">) =>
  (await Effect.runPromise(runGit(git(...args), { gitDir }))).stdout.toString().trim()

describe("create", () => {
  it("makes a bare repository whose HEAD is master", async () => {
    await ok(repos.create("alice/project"))
    const dir = join(root, "alice", "project.git")
    expect(await gitOut(dir, "rev-parse", "--is-bare-repository")).toBe("true")
    expect(await gitOut(dir, "symbolic-ref", "HEAD")).toBe("refs/heads/master")
    expect(await ok(repos.exists("alice/project"))).toBe(true)
  })

  it("refuses to create it twice and leaves the first one alone", async () => {
    await ok(repos.create("alice/project"))
    await writeFile(join(root, "alice", "project.git", "marker"), "keep")
    expect(await invalid(repos.create("alice/project"))).toEqual({ path: ["already exists on disk"] })
    expect(existsSync(join(root, "alice", "project.git", "marker"))).toBe(true)
  })
})

describe("remove", () => {
  it("removes the repository and the namespace directory it emptied", async () => {
    await ok(repos.create("alice/project"))
    await ok(repos.remove("alice/project"))
    expect(await ok(repos.exists("alice/project"))).toBe(false)
    expect(existsSync(join(root, "alice"))).toBe(false)
  })

  it("keeps a namespace directory that still holds repositories", async () => {
    await ok(repos.create("alice/one"))
    await ok(repos.create("alice/two"))
    await ok(repos.remove("alice/one"))
    expect(await readdir(join(root, "alice"))).toEqual(["two.git"])
  })

  it("is idempotent", async () => {
    await ok(repos.create("alice/project"))
    await ok(repos.remove("alice/project"))
    await ok(repos.remove("alice/project"))
    await ok(repos.remove("nobody/nothing"))
  })
})

describe("move", () => {
  it("moves a repository to another namespace and name", async () => {
    await ok(repos.create("alice/project"))
    await ok(repos.move("alice/project", "team/renamed"))
    expect(await ok(repos.exists("alice/project"))).toBe(false)
    expect(await ok(repos.exists("team/renamed"))).toBe(true)
    expect(existsSync(join(root, "alice"))).toBe(false)
    expect(await gitOut(join(root, "team", "renamed.git"), "symbolic-ref", "HEAD")).toBe("refs/heads/master")
  })

  it("refuses an existing target and changes nothing", async () => {
    await ok(repos.create("alice/project"))
    await ok(repos.create("team/project"))
    expect(await invalid(repos.move("alice/project", "team/project"))).toEqual({ path: ["already exists on disk"] })
    expect(await ok(repos.exists("alice/project"))).toBe(true)
    expect(await ok(repos.exists("team/project"))).toBe(true)
  })

  it("refuses a source that is not there", async () => {
    expect(await invalid(repos.move("alice/ghost", "team/ghost"))).toEqual({ path: ["does not exist on disk"] })
    expect(existsSync(join(root, "team"))).toBe(false)
  })
})

describe("exists", () => {
  it("answers false for what was never created", async () => {
    expect(await ok(repos.exists("alice/project"))).toBe(false)
  })
})

describe("names that could leave the root", () => {
  const escapes = [
    "..",
    "../x",
    "a/../../b",
    "/etc/passwd",
    "a\u0000b/c",
    "a/b/c",
    "a",
    "-rf/x",
    "a/b.git",
    "a/b.atom",
    "a/..",
    "./a",
    "a/.hidden",
    "a\\b/c",
    "a/",
    "/a",
    "",
    `a/${"x".repeat(256)}`,
  ]

  it.each(escapes)("refuses %j everywhere", async (name) => {
    const expected = { path: ["is invalid"] }
    expect(await invalid(repos.create(name))).toEqual(expected)
    expect(await invalid(repos.remove(name))).toEqual(expected)
    expect(await invalid(repos.exists(name))).toEqual(expected)
    expect(await invalid(repos.move(name, "alice/project"))).toEqual(expected)
    expect(await invalid(repos.move("alice/project", name))).toEqual(expected)
    expect(await invalid(repositoryDir(root, name))).toEqual(expected)
    expect(existsSync(root)).toBe(false)
  })

  it("refuses a namespace directory that is a symlink, writing nothing outside", async () => {
    await mkdir(root)
    await symlink(outside, join(root, "alice"))
    const expected = { path: ["is invalid"] }
    expect(await invalid(repos.create("alice/project"))).toEqual(expected)
    expect(await invalid(repos.exists("alice/project"))).toEqual(expected)
    expect(await invalid(repos.remove("alice/project"))).toEqual(expected)
    expect(await invalid(repos.move("alice/project", "team/project"))).toEqual(expected)
    expect(await readdir(outside)).toEqual([])
  })

  it("refuses a repository directory that is a symlink and leaves its target alone", async () => {
    await mkdir(join(root, "alice"), { recursive: true })
    await symlink(outside, join(root, "alice", "project.git"))
    await writeFile(join(outside, "precious"), "data")
    expect(await invalid(repos.remove("alice/project"))).toEqual({ path: ["is invalid"] })
    expect(await invalid(repos.move("team/other", "alice/project"))).toEqual({ path: ["is invalid"] })
    expect(await readdir(outside)).toEqual(["precious"])
    expect((await lstat(join(root, "alice", "project.git"))).isSymbolicLink()).toBe(true)
  })

  it("gives the directory of a valid name", async () => {
    expect(await ok(repositoryDir(root, "alice/project"))).toBe(join(root, "alice", "project.git"))
  })
})
