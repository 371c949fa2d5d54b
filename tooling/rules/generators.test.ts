// A generator function made at run time costs V8 a fresh map and prototype in old space, and
// through them keeps the closure's captured objects (a whole request) alive past young-generation
// collections: under load the server's RSS grew by hundreds of MB. So a generator literal is only
// written where it is evaluated once: a module-level declaration, `Effect.fnUntraced(function* …)`
// (built once, called many times), or the `Effect.gen` that builds a Layer.
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..", "..")
const sourceDirs = ["packages", "apps"].flatMap((top) =>
  readdirSync(join(root, top)).map((name) => join(root, top, name, "src")),
)

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes("/testing/"))

const GENERATOR_LITERAL = /function\s*\*/
const MODULE_LEVEL = /^(export\s+)?(async\s+)?function\s*\*/
const DEFINED_ONCE = /Effect\.fnUntraced\(\s*function\s*\*/
const LAYER_BUILD = /Layer\.(effect|scoped)\(/

/** Lines holding a generator literal that may be evaluated on every call. */
export const perCallGenerators = (text: string): number[] => {
  const lines = text.split("\n")
  return lines.flatMap((line, index) => {
    if (!GENERATOR_LITERAL.test(line) || MODULE_LEVEL.test(line) || DEFINED_ONCE.test(line)) return []
    if (/Effect\.fnUntraced\(\s*$/.test(lines[index - 1] ?? "") && /^\s*function\s*\*/.test(line)) return []
    const before = lines.slice(Math.max(0, index - 2), index + 1).join("\n")
    if (/Effect\.gen\(\s*function\s*\*/.test(line) && LAYER_BUILD.test(before)) return []
    return [index + 1]
  })
}

describe("generator literals", () => {
  it("are only written where they are evaluated once", () => {
    const offenders = sourceDirs
      .flatMap((dir) => {
        try {
          return sourceFiles(dir)
        } catch {
          return []
        }
      })
      .flatMap((file) => perCallGenerators(readFileSync(file, "utf8")).map((line) => `${relative(root, file)}:${line}`))
    expect(offenders).toEqual([])
  })

  it("tells a per-call generator from the allowed places", () => {
    const sample = [
      "export const f = Effect.fnUntraced(function* (a: number) {",
      "async function* stream() {",
      "export const Live = Layer.effect(",
      "  Service,",
      "  Effect.gen(function* () {",
      "const g = (x: number) =>",
      "  Effect.gen(function* () {",
      "  const it = (async function* () {",
      "  create: Effect.fnUntraced(",
      "    function* (path: string) {",
    ].join("\n")
    expect(perCallGenerators(sample)).toEqual([7, 8])
  })
})
