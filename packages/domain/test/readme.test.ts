import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it, vi } from "vitest"

const here = import.meta.dirname
const readme = readFileSync(join(here, "..", "README.md"), "utf8")
// Written beside the tests so that its imports resolve as an embedder's would; removed afterwards.
const example = join(here, `.readme-example-${process.pid}.ts`)

afterAll(() => rmSync(example, { force: true }))

describe("the README's example", () => {
  it("runs as written: an in-memory layer, a user, a project and an issue", async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBeDefined()
    writeFileSync(example, `${block}\nexport { issue }\n`)
    const log = vi.spyOn(console, "log").mockImplementation(() => {})
    const { issue } = (await import(example)) as {
      issue: { issue: { iid: number; title: string; labels: ReadonlyArray<string> }; author: { username: string } }
    }
    expect([issue.issue.iid, issue.issue.title, issue.issue.labels, issue.author.username]).toEqual([
      1,
      "First issue",
      ["bug"],
      "jo",
    ])
    expect(log).toHaveBeenCalledWith(1, "jo")
    log.mockRestore()
    // Importing the example loads the whole domain afresh: seconds on a loaded two-core machine.
  }, 60_000)
})
