import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { installHooks, pushRules } from "./hooks.ts"

const root = mkdtempSync(join(tmpdir(), "labrador-hooks-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const env = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: root,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
}
const sh = (cwd: string, ...args: Array<string>) =>
  execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], { cwd, env })
    .toString()
    .trim()

describe("the hooks of a push whose every command is allowed", () => {
  it("one pre-receive run checks every command against its Allow line: all present, the push applies; one missing, none of it does", () => {
    const { allowed } = installHooks(root)
    const work = join(root, "work")
    sh(root, "init", "-q", work)
    sh(work, "commit", "-q", "--allow-empty", "-m", "base")
    const head = sh(work, "rev-parse", "HEAD")
    const updates = ["refs/heads/a", "refs/heads/b", "refs/heads/c"].map((ref) => ({
      before: "0".repeat(40),
      after: head,
      ref,
    }))
    const push = (rules: string) => {
      const bare = join(root, `bare-${Math.random().toString(36).slice(2)}.git`)
      sh(root, "init", "-q", "--bare", bare)
      const file = join(root, "rules")
      writeFileSync(file, rules)
      const result = spawnSync(
        "git",
        [
          "push",
          "--receive-pack",
          `git -c core.hooksPath=${allowed} receive-pack`,
          bare,
          ...updates.map((u) => `HEAD:${u.ref}`),
        ],
        {
          cwd: work,
          env: { ...env, LABRADOR_PUSH_RULES: file, LABRADOR_PUSH_LOG: join(root, "log") },
        },
      )
      return {
        code: result.status,
        stderr: result.stderr.toString(),
        refs: sh(bare, "for-each-ref", "--format=%(refname)"),
      }
    }
    const allow = pushRules(updates.map((update) => ({ update, verdict: { _tag: "Allow" } as const })))
    expect(push(allow)).toMatchObject({ code: 0, refs: "refs/heads/a\nrefs/heads/b\nrefs/heads/c" })
    const withoutB = push(
      allow
        .split("\n")
        .filter((line) => !line.includes("refs/heads/b"))
        .join("\n") + "\n",
    )
    expect(withoutB).toMatchObject({ code: 1, refs: "" })
    expect(withoutB.stderr).toContain(`GitLab: no push rule for ${"0".repeat(40)} ${head} refs/heads/b, try again.`)
    expect(push("")).toMatchObject({ code: 1, refs: "" })
  })
})
