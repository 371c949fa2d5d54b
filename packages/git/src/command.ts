import { spawn } from "node:child_process"
import { tmpdir } from "node:os"
import { Readable, type Writable } from "node:stream"
import { Data, Effect } from "effect"

/**
 * The one door to the git CLI. Options are string literals from our own source (a `string`
 * variable does not type-check there); user input enters only through `values`, after the
 * options, and a value that git could read as an option (leading '-') is refused at run time.
 * Gitea's `AddDynamicArguments`, with the compiler as the gate for trusted arguments.
 */

/** Literal strings only: a plain `string` (anything computed from input) becomes `never`. */
export type Trusted<A extends ReadonlyArray<string>> = { readonly [K in keyof A]: string extends A[K] ? never : A[K] }

export class GitCommand {
  readonly args: ReadonlyArray<string>
  /** The first user value that could pass for an option; running the command fails instead. */
  readonly unsafe: string | undefined

  private constructor(args: ReadonlyArray<string>, unsafe: string | undefined) {
    this.args = args
    this.unsafe = unsafe
  }

  static of<const A extends ReadonlyArray<string>>(...options: Trusted<A>): GitCommand {
    return new GitCommand(options, undefined)
  }

  /** More trusted options, literals only. */
  options<const A extends ReadonlyArray<string>>(...options: Trusted<A>): GitCommand {
    return new GitCommand([...this.args, ...options], this.unsafe)
  }

  /** User-supplied data (a directory, a ref, a path): appended as is, never read as an option. */
  values(...values: ReadonlyArray<string>): GitCommand {
    return new GitCommand([...this.args, ...values], this.unsafe ?? values.find((v) => v.startsWith("-") || v.includes("\0")))
  }
}

/** `git("init", "--bare").values(dir)` */
export const git = GitCommand.of

export class GitError extends Data.TaggedError("GitError")<{
  readonly reason: "UnsafeArgument" | "Spawn" | "Exit" | "Timeout" | "OutputTooLarge"
  readonly args: ReadonlyArray<string>
  readonly exitCode: number | null
  readonly stderr: string
  readonly message: string
}> {}

export interface GitRunOptions {
  /** Passed as `--git-dir=<dir>` before the subcommand. */
  readonly gitDir?: string
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  readonly input?: string | Uint8Array | AsyncIterable<Uint8Array>
  /** Added to the sanitized environment (e.g. GIT_PROTOCOL). */
  readonly env?: Readonly<Record<string, string>>
  readonly cwd?: string
  readonly timeoutMs?: number
  readonly maxOutputBytes?: number
}

export interface GitOutput {
  readonly stdout: Buffer
  readonly stderr: string
}

const DEFAULT_TIMEOUT_MS = 60_000
const DEFAULT_MAX_OUTPUT = 32 * 1024 * 1024
const MAX_STDERR = 64 * 1024

/** Nothing from our own environment (GIT_DIR from a hook, a user's ~/.gitconfig) may steer git. */
export const gitEnv = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
  ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
  HOME: tmpdir(),
  LC_ALL: "C",
  GIT_TERMINAL_PROMPT: "0",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_NO_REPLACE_OBJECTS: "1",
  ...extra,
})

/** Runs git to completion; a non-zero exit, a timeout or too much output fail with `GitError`. */
export const runGit = (command: GitCommand, options: GitRunOptions = {}): Effect.Effect<GitOutput, GitError> => {
  const args = options.gitDir === undefined ? command.args : [`--git-dir=${options.gitDir}`, ...command.args]
  const failure = (reason: GitError["reason"], message: string, exitCode: number | null = null, stderr = "") =>
    new GitError({ reason, args, exitCode, stderr, message: `git ${command.args[0] ?? ""}: ${message}` })
  if (command.unsafe !== undefined) return Effect.fail(failure("UnsafeArgument", `refused user value ${JSON.stringify(command.unsafe)}`))

  return Effect.callback<GitOutput, GitError>((resume) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: gitEnv(options.env),
      windowsHide: true,
    })
    const stdout: Array<Buffer> = []
    let stdoutBytes = 0
    let stderr = ""
    let settled = false
    const settle = (effect: Effect.Effect<GitOutput, GitError>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resume(effect)
    }
    const kill = (error: GitError) => {
      child.kill("SIGKILL")
      settle(Effect.fail(error))
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const timer = setTimeout(() => kill(failure("Timeout", `no result after ${timeoutMs} ms`, null, stderr)), timeoutMs)

    const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes > maxOutput) kill(failure("OutputTooLarge", `more than ${maxOutput} bytes on stdout`, null, stderr))
      else stdout.push(chunk)
    })
    // Keep the head of stderr: git's `fatal:` line comes first, progress noise after.
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      if (stderr.length < MAX_STDERR) stderr += text.slice(0, MAX_STDERR - stderr.length)
    })
    // git may exit before reading all of stdin (EPIPE): its exit status tells the story.
    child.stdin.on("error", () => {})
    const input = options.input
    if (input === undefined) child.stdin.end()
    else Readable.from(typeof input === "string" || input instanceof Uint8Array ? [input] : input).pipe(child.stdin)
    child.on("error", (error) => settle(Effect.fail(failure("Spawn", error.message))))
    child.on("close", (code, signal) => {
      if (code === 0) settle(Effect.succeed({ stdout: Buffer.concat(stdout), stderr }))
      else settle(Effect.fail(failure("Exit", `exited with ${code ?? signal}: ${stderr.trim()}`, code, stderr)))
    })

    // Interrupted (request gone, scope closed): the process must not outlive us.
    return Effect.sync(() => {
      settled = true
      clearTimeout(timer)
      child.kill("SIGKILL")
    })
  })
}

/** A git process whose stdin and stdout the caller streams (smart HTTP, cat-file --batch, archive). */
export interface GitProcess {
  readonly stdin: Writable
  readonly stdout: Readable
  /** Settles when the process is gone, with its exit code (null when killed). */
  readonly exited: Promise<number | null>
  /** The head of what git wrote on stderr so far. */
  stderr(): string
  kill(): void
}

/**
 * Starts git with the same env and argument rules as `runGit`, without a timeout or an output cap:
 * the caller owns the streams and must kill the process when it stops reading.
 */
export const spawnGit = (command: GitCommand, options: Omit<GitRunOptions, "input" | "timeoutMs" | "maxOutputBytes"> = {}): GitProcess => {
  const args = options.gitDir === undefined ? command.args : [`--git-dir=${options.gitDir}`, ...command.args]
  if (command.unsafe !== undefined)
    throw new GitError({ reason: "UnsafeArgument", args, exitCode: null, stderr: "", message: `git ${command.args[0] ?? ""}: refused user value ${JSON.stringify(command.unsafe)}` })
  const child = spawn("git", args, { cwd: options.cwd, env: gitEnv(options.env), windowsHide: true })
  let stderr = ""
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    if (stderr.length < MAX_STDERR) stderr += text.slice(0, MAX_STDERR - stderr.length)
  })
  child.stdin.on("error", () => {})
  const exited = new Promise<number | null>((resolve) => {
    child.on("error", (error) => {
      stderr ||= error.message
      resolve(null)
    })
    child.on("close", (code) => resolve(code))
  })
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    exited,
    stderr: () => stderr,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    },
  }
}
