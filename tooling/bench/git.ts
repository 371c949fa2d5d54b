// Section "git": the repository API and git smart HTTP against git itself on the same repository.
// - a 200 MB push through Labrador: how much the server's peak RSS grows (the pack must stream);
// - GET /repository/raw_blobs/:sha against a `git cat-file --batch` client reading the same blob;
// - `git clone` of a 10,000-commit repository through Labrador against `git clone file://` of the
//   same bare repository on the server's disk;
// - GET /repository/commits page 1 (page=0: this list is zero-based) against page 100 (page=99).
import { execFile, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { medianLatency } from "./deep-pages.ts"
import {
  BenchError,
  load,
  readRss,
  startLabrador,
  summary,
  type BenchContext,
  type Labrador,
  type LoadResult,
  type Section,
} from "./support.ts"

const COMMITS = 10_000
const FILES = 200
const CLONES = 5
const BIG_PUSH_MB = 200
const LARGE_BLOB_BYTES = 1024 * 1024
const CONNECTIONS = 32
/** Raw blobs: git and HTTP measured in turns, this many times, within BENCH_DURATION_S each. */
const BLOB_ROUNDS = 5
const seconds = (name: string, fallback: number) => Number(process.env[name] || fallback)
const DURATION_S = seconds("BENCH_DURATION_S", 10)
const WARMUP_S = seconds("BENCH_WARMUP_S", 2)

const TARGET_BLOB_RATIO = 0.5
const TARGET_CLONE_RATIO = 1.5
const TARGET_PUSH_RSS_MB = 100

/** git as a user runs it: no config of this machine, no prompt. */
export const git = (cwd: string, args: ReadonlyArray<string>, input?: string | Buffer): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", ...args],
      {
        cwd,
        maxBuffer: 256 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME: cwd,
          GIT_TERMINAL_PROMPT: "0",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: "/dev/null",
        },
      },
      (error, stdout, stderr) =>
        error ? reject(new BenchError(`git ${args.join(" ")}: ${stderr || error.message}`)) : resolve(stdout),
    )
    if (input !== undefined) child.stdin!.end(input)
  })

const timed = async (what: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await what()
  return performance.now() - started
}

/** A source file of about 4 KB: what a blob request usually reads. */
const sourceFile = (file: number, revision: number) =>
  Array.from(
    { length: 60 },
    (_, line) => `line ${line} of file ${file}, revision ${revision}: ${"lorem ipsum dolor sit amet ".repeat(2)}`,
  ).join("\n") + "\n"

/**
 * `git fast-import` stream of COMMITS commits on master, each changing one of FILES files: a history
 * as long as a real project's, built in seconds.
 */
const history = (): string => {
  const parts: Array<string> = []
  for (let n = 1; n <= COMMITS; n++) {
    const file = n % FILES
    const content = sourceFile(file, n)
    const message = `Change ${n} to file ${file}\n`
    parts.push(
      `commit refs/heads/master\ncommitter Bench <bench@example.com> ${1_300_000_000 + n * 60} +0200\ndata ${Buffer.byteLength(message)}\n${message}` +
        `M 100644 inline src/file-${String(file).padStart(3, "0")}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    )
  }
  return parts.join("")
}

const api = async (server: Labrador, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/api/v3${path}`, {
    method,
    headers: { ...server.auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok)
    throw new BenchError(`${method} ${path}: HTTP ${res.status} ${await res.text()}\n${server.child.logTail(5)}`)
  return res.json() as Promise<any>
}

/**
 * git's own rate for one blob: a `git cat-file --batch` kept busy with CONNECTIONS requests in
 * flight (as many as the HTTP load keeps open), for `durationS`.
 */
const catFileRate = (gitDir: string, id: string, durationS: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn("git", [`--git-dir=${gitDir}`, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "inherit"] })
    let chunks: Array<Buffer> = []
    let length = 0
    let size = -1
    let inFlight = 0
    let done = 0
    const started = performance.now()
    const joined = () => {
      if (chunks.length > 1) chunks = [Buffer.concat(chunks, length)]
      return chunks[0]!
    }
    const rest = (buffer: Buffer, from: number) => {
      const tail = buffer.subarray(from)
      chunks = tail.length > 0 ? [tail] : []
      length = tail.length
    }
    const send = () => {
      const wanted = CONNECTIONS - inFlight
      if (wanted <= 0) return
      inFlight += wanted
      child.stdin.write(`${id}\n`.repeat(wanted))
    }
    child.on("error", reject)
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk)
      length += chunk.length
      for (;;) {
        if (size < 0) {
          if (length === 0) break
          const buffer = joined()
          const end = buffer.indexOf(10)
          if (end < 0) break
          const header = buffer.toString("latin1", 0, end).split(" ")
          if (header[1] !== "blob") return reject(new BenchError(`cat-file: ${header.join(" ")}`))
          size = Number(header[2])
          rest(buffer, end + 1)
        }
        if (length < size + 1) break
        rest(joined(), size + 1)
        size = -1
        done++
        inFlight--
      }
      const elapsed = performance.now() - started
      if (elapsed < durationS * 1000) send()
      else if (inFlight === 0) {
        child.stdin.end()
        resolve(done / (elapsed / 1000))
      }
    })
    send()
  })

export const gitSection: Section = {
  name: "git",
  description: `raw blobs vs git cat-file, clone of ${COMMITS.toLocaleString("en-US")} commits vs file://, commits page 1 vs 100, a ${BIG_PUSH_MB} MB push`,
  async run(ctx: BenchContext) {
    const server = await startLabrador(ctx, { label: "git" })
    const url = new URL(server.url)
    const remote = (path: string) => `${url.protocol}//root:${server.token}@${url.host}/root/${path}.git`
    const onDisk = (path: string) => join(server.dataDir, "repositories", "root", `${path}.git`)

    // A 200 MB push first, while the server's peak RSS still says little else.
    await api(server, "POST", "/projects", { name: "big" })
    const big = join(ctx.tmp, "big")
    mkdirSync(big)
    await git(big, ["init", "-q", "-b", "master"])
    const file = join(big, "noise.bin")
    writeFileSync(file, "")
    for (let mb = 0; mb < BIG_PUSH_MB; mb += 8) writeFileSync(file, randomBytes(8 * 1024 * 1024), { flag: "a" })
    await git(big, ["add", "noise.bin"])
    await git(big, ["commit", "-q", "-m", "noise"])
    const before = readRss(server.child.pid)
    const pushMs = await timed(() => git(big, ["push", "-q", remote("big"), "master"]))
    const after = readRss(server.child.pid)
    rmSync(big, { recursive: true, force: true })
    ctx.log(
      `${BIG_PUSH_MB} MB push in ${Math.round(pushMs)} ms; RSS ${before.rssMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB`,
    )
    ctx.figure(`${BIG_PUSH_MB} MB push: time`, pushMs / 1000, "s", { decimals: 1 })
    ctx.figure(`${BIG_PUSH_MB} MB push: server peak RSS growth`, Math.max(0, after.peakMb - before.rssMb), "MB", {
      target: { op: "<", value: TARGET_PUSH_RSS_MB },
    })

    // The 10,000-commit repository, pushed once.
    const project = await api(server, "POST", "/projects", { name: "history" })
    const source = join(ctx.tmp, "history.git")
    await git(ctx.tmp, ["init", "-q", "--bare", source])
    const importMs = await timed(() => git(source, ["fast-import", "--quiet"], history()))
    const historyPushMs = await timed(() => git(source, ["push", "-q", remote("history"), "master"]))
    ctx.log(`${COMMITS} commits: fast-import ${Math.round(importMs)} ms, push ${Math.round(historyPushMs)} ms`)
    ctx.figure(`push of ${COMMITS} commits (one new branch)`, historyPushMs / 1000, "s", { decimals: 2 })

    // Raw blobs: the HTTP endpoint against git reading the same blob from the same repository, for
    // a source file and for a 1 MB file (the largest blob the server answers from memory).
    const large = join(ctx.tmp, "large")
    await git(ctx.tmp, ["clone", "-q", source, large])
    writeFileSync(join(large, "large.bin"), randomBytes(LARGE_BLOB_BYTES / 2).toString("hex"))
    await git(large, ["add", "large.bin"])
    await git(large, ["commit", "-q", "-m", "large file"])
    await git(large, ["push", "-q", remote("history"), "HEAD:refs/heads/large"])
    const blobs = [
      { label: "source file", id: (await git(source, ["rev-parse", "master:src/file-007.txt"])).trim() },
      { label: "1 MB file", id: (await git(large, ["rev-parse", "HEAD:large.bin"])).trim() },
    ]
    // Paired rounds, git then HTTP, each pair seconds apart: this machine's speed drifts by a third
    // from one second to the next (the same server measured twice, a minute apart: 14k and 23k
    // req/s), and a ratio of two runs ten seconds apart measured that drift as much as the server.
    const roundS = Math.max(1, DURATION_S / BLOB_ROUNDS)
    for (const blob of blobs) {
      const bytes = Number((await git(large, ["cat-file", "-s", blob.id])).trim())
      const rounds: Array<{ readonly gitRate: number; readonly raw: LoadResult }> = []
      for (let round = 0; round < BLOB_ROUNDS; round++) {
        const gitRate = await catFileRate(onDisk("history"), blob.id, roundS)
        const raw = await load(`raw blob (${blob.label})`, {
          url: `${server.url}/api/v3/projects/${project.id}/repository/raw_blobs/${blob.id}`,
          headers: server.auth,
          connections: CONNECTIONS,
          durationS: roundS,
          warmupS: round === 0 ? WARMUP_S : 0,
          serverPid: server.child.pid,
        })
        ctx.log(
          `${blob.label}, round ${round + 1}: git cat-file --batch ${gitRate.toFixed(0)} blobs/s, raw_blobs ${raw.reqPerSec.toFixed(0)} req/s (${(raw.reqPerSec / gitRate).toFixed(2)}×), p99 ${raw.latencyMs.p99.toFixed(2)} ms`,
        )
        rounds.push({ gitRate, raw })
      }
      const gitMedian = summary(rounds.map((r) => r.gitRate)).median
      const reqPerSec = summary(rounds.map((r) => r.raw.reqPerSec)).median
      const ratios = summary(rounds.map((r) => r.raw.reqPerSec / r.gitRate))
      const p99 = summary(rounds.map((r) => r.raw.latencyMs.p99)).median
      ctx.figure(
        `git cat-file --batch, ${blob.label} (${bytes} B), median of ${BLOB_ROUNDS} rounds`,
        gitMedian,
        "blobs/s",
      )
      ctx.figure(`GET raw_blobs/:sha, ${blob.label}, median of ${BLOB_ROUNDS} rounds`, reqPerSec, "req/s")
      ctx.figure(`GET raw_blobs/:sha, ${blob.label}, p99 (median round)`, p99, "ms", { decimals: 2 })
      ctx.figure(`raw_blobs / git cat-file, ${blob.label}: lowest round`, ratios.min, "×", { decimals: 2 })
      ctx.figure(`raw_blobs / git cat-file, ${blob.label}: median of paired rounds`, ratios.median, "×", {
        decimals: 2,
        target: { op: ">=", value: TARGET_BLOB_RATIO },
      })
      ctx.raw(`rawBlob ${blob.label}`, {
        bytes,
        rounds: rounds.map(({ gitRate: rate, raw }) => ({
          gitRate: rate,
          labrador: {
            reqPerSec: raw.reqPerSec,
            latencyMs: raw.latencyMs,
            serverCpuUsPerRequest: raw.serverCpuUsPerRequest,
          },
        })),
      })
    }

    // Clone through Labrador against file:// of the very repository it serves.
    const clones = join(ctx.tmp, "clones")
    mkdirSync(clones)
    const cloneTimes = async (from: string, label: string) => {
      const times: Array<number> = []
      for (let i = 0; i < CLONES; i++) {
        const target = join(clones, `${label}-${i}`)
        times.push(await timed(() => git(clones, ["clone", "-q", "--bare", from, target])))
        rmSync(target, { recursive: true, force: true })
      }
      return summary(times).median
    }
    await git(clones, ["clone", "-q", "--bare", remote("history"), join(clones, "warm")])
    rmSync(join(clones, "warm"), { recursive: true, force: true })
    const viaLabrador = await cloneTimes(remote("history"), "http")
    const viaFile = await cloneTimes(`file://${onDisk("history")}`, "file")
    ctx.log(
      `clone: ${viaLabrador.toFixed(0)} ms through Labrador, ${viaFile.toFixed(0)} ms over file:// (medians of ${CLONES})`,
    )
    ctx.figure(`git clone ${COMMITS} commits via Labrador (median)`, viaLabrador, "ms")
    ctx.figure(`git clone ${COMMITS} commits via file:// (median)`, viaFile, "ms")
    ctx.figure("clone via Labrador / file://", viaLabrador / viaFile, "×", {
      decimals: 2,
      target: { op: "<=", value: TARGET_CLONE_RATIO },
    })

    // The commits list: its page parameter is zero-based, so page 1 is page=0 and page 100 is page=99.
    const commits = `${server.url}/api/v3/projects/${project.id}/repository/commits?per_page=20`
    const firstPage = await medianLatency(`${commits}&page=0`, server.auth, () => server.child.logTail(5))
    const hundredth = await medianLatency(`${commits}&page=99`, server.auth, () => server.child.logTail(5))
    ctx.figure("GET commits page 1 (page=0) median", firstPage, "ms", { decimals: 2 })
    ctx.figure("GET commits page 100 (page=99) median", hundredth, "ms", { decimals: 2 })
    ctx.figure("commits page 100 / page 1", hundredth / firstPage, "×", { decimals: 2 })
    await server.child.stop()
  },
}
