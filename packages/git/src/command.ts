import { spawn } from "node:child_process"
import { tmpdir } from "node:os"
import { Readable, type Writable } from "node:stream"
import { Data, Effect } from "effect"

/**
 * The one door to the git CLI. Options are string literals from our own source (a `string`
 * variable does not type-check there). User input enters in two ways only, neither of which git
 * can read as an option: `values` (operands: a directory, a ref, a path), which come after
 * `--end-of-options` (git 2.24), so a branch named `-x` or `--output=f` is a name; and `with`, a
 * literal option joined to its computed argument by '=' (`--max-count=20`).
 */

/** Literal strings only: a plain `string` (anything computed from input) becomes `never`. */
export type Trusted<A extends ReadonlyArray<string>> = { readonly [K in keyof A]: string extends A[K] ? never : A[K] }

/** Ends git's options: whatever follows is an operand, even when it starts with '-'. */
const END_OF_OPTIONS = "--end-of-options"

export class GitCommand {
  readonly args: ReadonlyArray<string>
  /** Why the command must not run (a NUL byte, an option after the operands); running it fails instead. */
  readonly unsafe: string | undefined
  /** `--end-of-options` (or `--`) is in `args`: every argument after it is an operand. */
  private readonly ended: boolean

  private constructor(args: ReadonlyArray<string>, unsafe: string | undefined, ended: boolean) {
    this.args = args
    this.unsafe = unsafe
    this.ended = ended
  }

  static of<const A extends ReadonlyArray<string>>(...options: Trusted<A>): GitCommand {
    return new GitCommand(options, undefined, (options as ReadonlyArray<string>).includes("--"))
  }

  /** More trusted options, literals only; once the operands have begun only `--` (revisions, then paths) may follow. */
  options<const A extends ReadonlyArray<string>>(...options: Trusted<A>): GitCommand {
    const late = this.ended ? (options as ReadonlyArray<string>).find((option) => option !== "--") : undefined
    return new GitCommand(
      [...this.args, ...options],
      this.unsafe ?? (late === undefined ? undefined : `option ${late} after the operands`),
      this.ended || (options as ReadonlyArray<string>).includes("--"),
    )
  }

  /** A trusted option with a computed argument, as one `--option=value` word: the value is never an option of its own. */
  with<const O extends string>(option: string extends O ? never : O, value: string): GitCommand {
    if (this.ended) return new GitCommand(this.args, this.unsafe ?? `option ${option} after the operands`, true)
    return new GitCommand([...this.args, `${option}=${value}`], this.unsafe ?? nul(value), false)
  }

  /** User-supplied operands (a directory, a ref, a path), after `--end-of-options`: never read as an option. */
  values(...values: ReadonlyArray<string>): GitCommand {
    const args = this.ended ? [...this.args, ...values] : [...this.args, END_OF_OPTIONS, ...values]
    return new GitCommand(args, this.unsafe ?? values.map(nul).find((reason) => reason !== undefined), true)
  }
}

/** git's arguments are C strings: a NUL would cut the value short. */
const nul = (value: string): string | undefined =>
  value.includes("\0") ? `user value ${JSON.stringify(value)} has a NUL byte` : undefined

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
  if (command.unsafe !== undefined) return Effect.fail(failure("UnsafeArgument", `refused: ${command.unsafe}`))

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
      if (stdoutBytes > maxOutput)
        kill(failure("OutputTooLarge", `more than ${maxOutput} bytes on stdout`, null, stderr))
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
export const spawnGit = (
  command: GitCommand,
  options: Omit<GitRunOptions, "input" | "timeoutMs" | "maxOutputBytes"> = {},
): GitProcess => {
  const args = options.gitDir === undefined ? command.args : [`--git-dir=${options.gitDir}`, ...command.args]
  if (command.unsafe !== undefined)
    throw new GitError({
      reason: "UnsafeArgument",
      args,
      exitCode: null,
      stderr: "",
      message: `git ${command.args[0] ?? ""}: refused: ${command.unsafe}`,
    })
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
