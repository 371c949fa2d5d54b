import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"

export interface GitResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * The stock git CLI as a user runs it, isolated from this machine's configuration: no prompt
 * (a refused credential fails at once instead of waiting for a terminal), no global or system
 * config, a fixed identity given with -c.
 */
export const gitCli = (
  cwd: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
): Promise<GitResult> =>
  new Promise((resolve) => {
    execFile(
      "git",
      [
        "-c",
        "user.name=Test Pusher",
        "-c",
        "user.email=pusher@example.com",
        "-c",
        "init.defaultBranch=master",
        "-c",
        "protocol.version=2",
        ...args,
      ],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: cwd,
          GIT_TERMINAL_PROMPT: "0",
          GIT_ASKPASS: "",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
          LC_ALL: "C",
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    )
  })

/** Like gitCli, failing the test with git's stderr when git fails. */
export const gitOk = async (
  cwd: string,
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
): Promise<string> => {
  const result = await gitCli(cwd, args, env)
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (${result.code}):\n${result.stderr}`)
  return result.stdout
}

/** A scratch directory for working copies, removed with `dispose`. */
export const scratchDir = (): { readonly dir: string; dispose(): void } => {
  const dir = mkdtempSync(join(tmpdir(), "labrador-git-test-"))
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The project's http_url_to_repo with credentials in it, as users paste them. */
export const cloneUrl = (httpUrlToRepo: string, login?: string, secret?: string): string => {
  const url = new URL(httpUrlToRepo)
  if (login !== undefined) url.username = encodeURIComponent(login)
  if (secret !== undefined) url.password = encodeURIComponent(secret)
  return url.toString()
}

/** A fresh working copy with `origin` at `url`. */
export const workingCopy = async (parent: string, name: string, url: string): Promise<string> => {
  const dir = join(parent, name)
  mkdirSync(dir)
  await gitOk(dir, ["init", "-q"])
  await gitOk(dir, ["remote", "add", "origin", url])
  return dir
}

/** Writes files (path → content) into a working copy and commits them; returns the new commit id. */
export const commitFiles = async (
  dir: string,
  files: Readonly<Record<string, string | Buffer>>,
  message: string,
  options: { readonly date?: string; readonly committerDate?: string; readonly author?: string } = {},
): Promise<string> => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  await gitOk(dir, ["add", "-A"])
  const env: Record<string, string> = {
    ...(options.date ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date } : {}),
    ...(options.committerDate ? { GIT_COMMITTER_DATE: options.committerDate } : {}),
  }
  const author = options.author ? ["--author", options.author] : []
  await gitOk(dir, ["commit", "-q", "--allow-empty", "-m", message, ...author], env)
  return (await gitOk(dir, ["rev-parse", "HEAD"])).trim()
}
