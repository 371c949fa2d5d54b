// `pnpm bench [section…]`: runs the bench sections, prints one table of figures against their targets
// and writes them to bench/results/latest.json. Exit code 0 whatever the targets say (it is a report);
// non-zero only when the bench itself broke. Every child process is killed at the end.
//
// `pnpm bench accounts` runs only the named sections. Environment knobs (for working on the bench
// itself; the targets assume the defaults): BENCH_DURATION_S (10), BENCH_WARMUP_S (2),
// BENCH_SKIP_INFO_LOG=1 (skip the extra run at the default info log level).
//
// Adding a section: write `export const mySection: Section = { name, description, run(ctx) { … } }`
// in its own file (see accounts.ts, helpers in support.ts) and append it to `sections` below.
import { mkdirSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { accounts } from "./accounts.ts"
import { deepPages } from "./deep-pages.ts"
import { gitSection } from "./git.ts"
import { issuesPages } from "./issues.ts"
import {
  backgroundCpuCores,
  cleanupAll,
  makeTempDir,
  removeDir,
  statusOf,
  type BenchContext,
  type Figure,
  type Section,
} from "./support.ts"

const sections: readonly Section[] = [accounts, deepPages, issuesPages, gitSection]

const resultsDir = join(import.meta.dirname, "results")
/** Scratch dir of this run (data dirs, logs); removed at the end, also on SIGINT/SIGTERM. */
const tmp = makeTempDir("labrador-bench-")

const formatNumber = (value: number, decimals: number) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    : String(value)

const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text)

const printTable = (figures: readonly Figure[]) => {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    withUnit(formatNumber(f.value, f.decimals), f.unit),
    f.target ? withUnit(`${f.target.op} ${formatNumber(f.target.value, f.decimals)}`, f.unit) : "",
    statusOf(f) === "info" ? "" : statusOf(f),
  ])
  const header = ["section", "figure", "value", "target", "result"]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const right = new Set([2, 3])
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()
  console.log("")
  console.log(line(header))
  console.log(widths.map((w) => "-".repeat(w)).join("  "))
  for (const row of rows) console.log(line(row))
  const missed = figures.filter((f) => statusOf(f) === "MISS")
  const withTarget = figures.filter((f) => f.target !== undefined)
  console.log("")
  console.log(
    `${withTarget.length - missed.length}/${withTarget.length} targets met` +
      (missed.length ? ` — MISS: ${missed.map((f) => f.name).join("; ")}` : ""),
  )
}

const main = async (): Promise<number> => {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !sections.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(`bench: unknown section(s) ${unknown.join(", ")}; known: ${sections.map((s) => s.name).join(", ")}`)
    return 2
  }
  const chosen = wanted.length > 0 ? sections.filter((s) => wanted.includes(s.name)) : sections
  const figures: Figure[] = []
  const raw: Record<string, Record<string, unknown>> = {}
  const startedAt = new Date()
  const background = await backgroundCpuCores()
  const busyWarning =
    background > 0.2
      ? `WARNING: the machine was already busy before the bench (${background.toFixed(2)} of ${cpus().length} cores in use by other processes); figures are skewed.`
      : undefined
  if (busyWarning) process.stderr.write(busyWarning + "\n")
  let failure: { section: string; message: string } | undefined
  try {
    for (const section of chosen) {
      const sectionRaw: Record<string, unknown> = (raw[section.name] = {})
      const ctx: BenchContext = {
        tmp: join(tmp, section.name),
        figure: (name, value, unit, options = {}) =>
          figures.push({
            section: section.name,
            name,
            value,
            unit,
            decimals: options.decimals ?? 0,
            ...(options.target ? { target: options.target } : {}),
          }),
        raw: (key, value) => {
          sectionRaw[key] = value
        },
        log: (message) => process.stderr.write(`[${section.name}] ${message}\n`),
      }
      mkdirSync(ctx.tmp)
      process.stderr.write(`[${section.name}] ${section.description}\n`)
      try {
        await section.run(ctx)
      } catch (error) {
        failure = {
          section: section.name,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }
        break
      } finally {
        await cleanupAll() // the section's children, before the next section measures anything
      }
    }
  } finally {
    await cleanupAll()
    removeDir(tmp)
  }

  if (figures.length > 0) printTable(figures)
  if (busyWarning) console.log(busyWarning)
  const report = {
    ok: failure === undefined,
    ...(failure ? { failure } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      backgroundCpuCoresBeforeStart: background,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemMb: Math.round(totalmem() / 2 ** 20),
    },
    sections: chosen.map((s) => s.name),
    figures: figures.map((f) => ({ ...f, status: statusOf(f) })),
    raw,
  }
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, "latest.json")
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n")
  console.log(`figures written to ${file}`)
  if (failure) {
    console.error(`\nbench BROKEN in section "${failure.section}":\n${failure.message}`)
    return 1
  }
  return 0
}

const interrupted = (signal: NodeJS.Signals) => {
  process.stderr.write(`\nbench: ${signal}, stopping children\n`)
  void cleanupAll().finally(() => {
    removeDir(tmp)
    process.exit(130)
  })
}
process.once("SIGINT", interrupted)
process.once("SIGTERM", interrupted)

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error)
    await cleanupAll()
    removeDir(tmp)
    process.exit(1)
  },
)
