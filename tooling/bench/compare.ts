// `node bench/compare.ts <checkout A> <checkout B> [pairs]` (from tooling/): which of two builds of
// the server answers GET raw_blobs/:sha (a 5,330 B source file) faster, both started as
// `pnpm start` starts them and measured in turns. A checkout is a directory with this repository
// installed, e.g. `git worktree add /tmp/before <rev> && (cd /tmp/before && npx -y pnpm@10.34.9 install)`.
// Why in turns: on a shared VM the same server measured twice a minute apart gave 14k and 23k req/s.
// Both servers stay up; each pair loads A then B, the next B then A (ABBA), 2 s each; the answer is
// the median of the per-pair ratios B/A. The same build against itself gave 0.93–1.05 here, so
// a difference inside ±7 % says nothing.
import { mkdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { git } from "./git.ts"
import {
  cleanupAll,
  load,
  makeTempDir,
  removeDir,
  startLabrador,
  summary,
  type BenchContext,
  type Labrador,
} from "./support.ts"

const CONNECTIONS = 32
const ROUND_S = 2

const [checkoutA, checkoutB, pairsArg] = process.argv.slice(2)
if (checkoutA === undefined || checkoutB === undefined) {
  console.error("usage: node bench/compare.ts <checkout A> <checkout B> [pairs, default 16]")
  process.exit(2)
}
const pairs = Number(pairsArg ?? 16)

const tmp = makeTempDir("labrador-compare-")
const ctx: BenchContext = { tmp, figure: () => {}, raw: () => {}, log: (message) => console.error(message) }

/** A project with one pushed source file: the URL of its raw blob. */
const blobUrl = async (server: Labrador, label: string): Promise<string> => {
  const res = await fetch(`${server.url}/api/v3/projects`, {
    method: "POST",
    headers: { ...server.auth, "content-type": "application/json" },
    body: JSON.stringify({ name: "compare" }),
  })
  const project = (await res.json()) as { id: number }
  const work = join(tmp, `${label}-work`)
  mkdirSync(work)
  await git(work, ["init", "-q", "-b", "master"])
  writeFileSync(
    join(work, "file.txt"),
    Array.from({ length: 60 }, (_, line) => `line ${line}: ${"lorem ipsum dolor sit amet ".repeat(3)}`)
      .join("\n")
      .padEnd(5330, "."),
  )
  await git(work, ["add", "file.txt"])
  await git(work, ["commit", "-q", "-m", "file"])
  await git(work, ["push", "-q", `${server.url.replace("//", `//root:${server.token}@`)}/root/compare.git`, "master"])
  return `${server.url}/api/v3/projects/${project.id}/repository/raw_blobs/${(await git(work, ["rev-parse", "HEAD:file.txt"])).trim()}`
}

try {
  const servers = {
    A: await startLabrador(ctx, { label: "A", serverDir: join(resolve(checkoutA), "apps/server") }),
    B: await startLabrador(ctx, { label: "B", serverDir: join(resolve(checkoutB), "apps/server") }),
  }
  const urls = { A: await blobUrl(servers.A, "A"), B: await blobUrl(servers.B, "B") }
  const rate = async (which: "A" | "B", warmupS = 0) =>
    (
      await load(which, {
        url: urls[which],
        headers: servers[which].auth,
        connections: CONNECTIONS,
        durationS: ROUND_S,
        warmupS,
      })
    ).reqPerSec
  await rate("A", ROUND_S)
  await rate("B", ROUND_S)
  const ratios: Array<number> = []
  const rates = { A: [] as Array<number>, B: [] as Array<number> }
  for (let pair = 0; pair < pairs; pair++) {
    const order = pair % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)
    const got: Record<string, number> = {}
    for (const which of order) rates[which].push((got[which] = await rate(which)))
    ratios.push(got.B! / got.A!)
    console.log(
      `pair ${pair + 1}: A ${got.A!.toFixed(0)} req/s, B ${got.B!.toFixed(0)} req/s, B/A ${ratios.at(-1)!.toFixed(3)}`,
    )
  }
  const wins = ratios.filter((r) => r > 1).length
  console.log(
    `A median ${summary(rates.A).median.toFixed(0)} req/s, B median ${summary(rates.B).median.toFixed(0)} req/s; ` +
      `B/A median of ${pairs} pairs ${summary(ratios).median.toFixed(3)} (B faster in ${wins})`,
  )
} finally {
  await cleanupAll()
  removeDir(tmp)
}
