import { existsSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Cause, Effect, Exit } from "effect"
import { git, GitError, runGit, type GitRunOptions, type GitCommand } from "./command.ts"

let scratch: string
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "labrador-git-command-"))
})
afterEach(() => rm(scratch, { recursive: true, force: true }))

const failure = async (command: GitCommand, options?: GitRunOptions): Promise<GitError> => {
  const exit = await Effect.runPromiseExit(runGit(command, options))
  if (Exit.isSuccess(exit)) throw new Error("expected git to fail")
  const error = Cause.squash(exit.cause)
  expect(error).toBeInstanceOf(GitError)
  return error as GitError
}

const bareRepo = async () => {
  const dir = join(scratch, "repo.git")
  await Effect.runPromise(runGit(git("init", "--bare", "--quiet").values(dir)))
  return dir
}

// stdin that stays open: git waits on it forever.
const neverEnding = (): AsyncIterable<Uint8Array> => ({
  [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<Uint8Array>>(() => {}) }),
})

describe("runGit", () => {
  it("runs git and returns its stdout", async () => {
    const gitDir = await bareRepo()
    const out = await Effect.runPromise(runGit(git("rev-parse", "--is-bare-repository"), { gitDir }))
    expect(out.stdout.toString().trim()).toBe("true")
  })

  it("writes the input to stdin", async () => {
    const out = await Effect.runPromise(runGit(git("hash-object", "--stdin"), { input: "hello\n" }))
    expect(out.stdout.toString().trim()).toBe("ce013625030ba8dba906f756967f9e9ca394464a")
  })

  it("passes a user value starting with '-' after --end-of-options: git takes it as a name, never as an option", async () => {
    // Read as an option, `--bare` would make `scratch` a bare repository; as a name, it is the directory created.
    const out = await Effect.runPromise(runGit(git("init", "--quiet").values("--bare"), { cwd: scratch }))
    expect(out.stderr).toBe("")
    expect(existsSync(join(scratch, "--bare", ".git", "HEAD"))).toBe(true)
    expect(existsSync(join(scratch, "HEAD"))).toBe(false)
    const gitDir = await bareRepo()
    const refused = await failure(
      git("rev-list", "--max-count=1")
        .values("--output=" + join(scratch, "pwned"))
        .options("--"),
      { gitDir },
    )
    expect(refused.stderr).toContain("bad revision '--output=")
    expect(existsSync(join(scratch, "pwned"))).toBe(false)
  })

  it("joins a computed option argument to its option: a value like '--all' stays the argument", async () => {
    const command = git("archive").with("--prefix", "--remote=x/")
    expect(command.args).toEqual(["archive", "--prefix=--remote=x/"])
  })

  it("refuses an option after the operands, and a user value with a NUL byte, without running git", async () => {
    expect((await failure(git("init").values("dir").options("--bare"))).reason).toBe("UnsafeArgument")
    expect((await failure(git("rev-list").values("HEAD").with("--max-count", "1"))).reason).toBe("UnsafeArgument")
    expect(git("log").values("HEAD").options("--").unsafe).toBeUndefined()
    expect((await failure(git("rev-parse").values("a\u0000b"))).reason).toBe("UnsafeArgument")
    expect((await failure(git("archive").with("--prefix", "a\u0000b"))).reason).toBe("UnsafeArgument")
  })

  it("accepts only literal options at compile time", () => {
    const fromUser: string = "--upload-pack=touch /tmp/pwned"
    // @ts-expect-error a computed string is not a trusted option
    const command = git("fetch", fromUser)
    expect(command.args).toEqual(["fetch", fromUser])
  })

  it("surfaces git's stderr and exit code when it fails", async () => {
    const error = await failure(git("rev-parse", "--verify", "no-such-ref"), { gitDir: await bareRepo() })
    expect(error.reason).toBe("Exit")
    expect(error.exitCode).toBe(128)
    expect(error.stderr).toContain("fatal: Needed a single revision")
    expect(error.message).toContain("fatal: Needed a single revision")
  })

  it("fails a git that cannot find its repository", async () => {
    const error = await failure(git("rev-parse", "--git-dir"), { cwd: scratch })
    expect(error.stderr).toContain("not a git repository")
  })

  it("ignores GIT_DIR and friends from our own environment", async () => {
    const gitDir = await bareRepo()
    process.env.GIT_DIR = join(scratch, "elsewhere")
    try {
      const out = await Effect.runPromise(runGit(git("rev-parse", "--is-bare-repository"), { cwd: gitDir }))
      expect(out.stdout.toString().trim()).toBe("true")
    } finally {
      delete process.env.GIT_DIR
    }
  })

  it("kills git after the timeout", async () => {
    const started = Date.now()
    const error = await failure(git("cat-file", "--batch"), {
      gitDir: await bareRepo(),
      input: neverEnding(),
      timeoutMs: 200,
    })
    expect(error.reason).toBe("Timeout")
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it("kills git when interrupted", async () => {
    const gitDir = await bareRepo()
    const started = Date.now()
    const exit = await Effect.runPromiseExit(
      runGit(git("cat-file", "--batch"), { gitDir, input: neverEnding() }).pipe(Effect.timeout("200 millis")),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it("caps stdout", async () => {
    const error = await failure(git("hash-object", "--stdin"), { input: "hello\n", maxOutputBytes: 10 })
    expect(error.reason).toBe("OutputTooLarge")
  })
})
