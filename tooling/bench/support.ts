// Shared machinery for bench sections: the section/figure model, managed child processes (always
// killed at the end), free ports, HTTP polling, a Labrador launcher, an autocannon wrapper, /proc reads.
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs"
import { createServer, request, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { randomBytes } from "node:crypto"
import { setTimeout as sleep } from "node:timers/promises"
import autocannon from "autocannon"

export const repoRoot = resolve(import.meta.dirname, "../..")
export const serverDir = join(repoRoot, "apps/server")
export const serverMain = join(serverDir, "src/main.ts")
/** apps/server's `start` script: the bench measures the server exactly as `pnpm start` runs it. */
const startScript = (dir: string): string =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start
let built = false
/** The start script builds the bundle when it is stale; done once up front, so no start pays for it. */
const buildOnce = () => {
  if (!built) execFileSync(process.execPath, ["build.ts"], { cwd: serverDir, stdio: "inherit", timeout: 300_000 })
  built = true
}

// ---------------------------------------------------------------------------------------------
// Sections and figures

/** `value op target` must hold for PASS. */
export interface Target {
  readonly op: "<" | "<=" | ">" | ">="
  readonly value: number
}

export interface Figure {
  readonly section: string
  readonly name: string
  readonly value: number
  readonly unit: string
  /** Digits after the decimal point when printed. */
  readonly decimals: number
  /** No target: the figure is informational. */
  readonly target?: Target
}

export type FigureStatus = "PASS" | "MISS" | "info"

export const statusOf = (figure: Figure): FigureStatus => {
  const t = figure.target
  if (t === undefined) return "info"
  const v = figure.value
  const ok = t.op === "<" ? v < t.value : t.op === "<=" ? v <= t.value : t.op === ">" ? v > t.value : v >= t.value
  return ok ? "PASS" : "MISS"
}

export interface BenchContext {
  /** Scratch directory of this run, removed at the end. */
  readonly tmp: string
  /** Adds a figure to the report table (and to the JSON). */
  figure(
    name: string,
    value: number,
    unit: string,
    options?: { readonly decimals?: number; readonly target?: Target },
  ): void
  /** Extra raw data for the JSON report (under this section's name). */
  raw(key: string, value: unknown): void
  /** Progress line on stderr. */
  log(message: string): void
}

/** A bench section: register it in run.ts. Throw to signal that the bench itself broke. */
export interface Section {
  readonly name: string
  readonly description: string
  run(ctx: BenchContext): Promise<void>
}

/** Thrown when the bench cannot produce a trustworthy figure (server errors, non-2xx, …). */
export class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Cleanup: every child and temp dir is registered here; run.ts calls cleanupAll() in `finally`.

const cleanups: Array<() => Promise<void> | void> = []
const liveChildren = new Set<ChildProcess>()

export const onCleanup = (fn: () => Promise<void> | void): void => {
  cleanups.push(fn)
}

/** Runs the registered cleanups, last registered first; never throws. */
export const cleanupAll = async (): Promise<void> => {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!
    try {
      await fn()
    } catch (error) {
      process.stderr.write(`bench: cleanup failed: ${String(error)}\n`)
    }
  }
}

// Last resort if the process exits without cleanupAll (e.g. process.exit elsewhere).
process.on("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL")
})

/** A fresh directory under the OS temp dir; the caller removes it. */
export const makeTempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix))

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true })

// ---------------------------------------------------------------------------------------------
// Child processes

export interface Child {
  readonly name: string
  readonly pid: number
  readonly logFile: string
  readonly exited: Promise<number | null>
  hasExited(): boolean
  /** SIGTERM, then SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>
  logTail(lines?: number): string
}

/** Spawns a process with stdout+stderr appended to `logFile` (no pipes to drain, no back-pressure). */
export const spawnChild = (
  name: string,
  command: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly cwd: string; readonly logFile: string },
): Child => {
  const fd = openSync(options.logFile, "a")
  let proc: ChildProcess
  try {
    proc = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", fd, fd] })
  } finally {
    closeSync(fd)
  }
  if (proc.pid === undefined) throw new BenchError(`${name}: spawn failed`)
  liveChildren.add(proc)
  let done = false
  const exited = new Promise<number | null>((resolveExit) => {
    proc.once("exit", (code) => {
      done = true
      liveChildren.delete(proc)
      resolveExit(code)
    })
    proc.once("error", () => {
      done = true
      liveChildren.delete(proc)
      resolveExit(null)
    })
  })
  const logTail = (lines = 20) => {
    try {
      return readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
    } catch {
      return "(no log)"
    }
  }
  let stopping: Promise<void> | undefined
  const stop = (graceMs = 5000) =>
    (stopping ??= (async () => {
      if (done) return
      proc.kill("SIGTERM")
      const timeout = sleep(graceMs).then(() => "timeout" as const)
      if ((await Promise.race([exited, timeout])) === "timeout") {
        proc.kill("SIGKILL")
        await exited
      }
    })())
  const child: Child = { name, pid: proc.pid, logFile: options.logFile, exited, hasExited: () => done, stop, logTail }
  onCleanup(() => stop())
  return child
}

// ---------------------------------------------------------------------------------------------
// Network

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolvePort(port))
    })
  })

export interface HttpResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

/** One GET on a fresh connection (no keep-alive agent, so nothing is reused between polls). */
export const httpGet = (url: string, headers: Record<string, string> = {}, timeoutMs = 2000): Promise<HttpResponse> =>
  new Promise((resolveResponse, reject) => {
    const req = request(url, { method: "GET", headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () =>
        resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)))
    req.on("error", reject)
    req.end()
  })

/**
 * Polls `url` every `intervalMs` until it answers 200; returns the elapsed ms since `since`
 * (a performance.now() value). Fails if `child` exits first or after `timeoutMs`.
 */
export const waitFor200 = async (
  child: Child,
  url: string,
  headers: Record<string, string>,
  since: number,
  options: { readonly intervalMs?: number; readonly timeoutMs?: number } = {},
): Promise<number> => {
  const intervalMs = options.intervalMs ?? 10
  const timeoutMs = options.timeoutMs ?? 30_000
  let last = "no answer yet"
  while (performance.now() - since < timeoutMs) {
    if (child.hasExited())
      throw new BenchError(`${child.name} exited before answering ${url}; log tail:\n${child.logTail()}`)
    try {
      const res = await httpGet(url, headers, 1000)
      if (res.status === 200) return performance.now() - since
      last = `HTTP ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await sleep(intervalMs)
  }
  throw new BenchError(
    `${child.name}: ${url} did not answer 200 within ${timeoutMs} ms (last: ${last}); log tail:\n${child.logTail()}`,
  )
}

// ---------------------------------------------------------------------------------------------
// Labrador

export interface Labrador {
  readonly child: Child
  readonly url: string
  readonly token: string
  readonly password: string
  readonly dataDir: string
  /** Spawn → first 200 of GET /api/v3/user with the root token. */
  readonly coldStartMs: number
  /** Headers that authenticate as root. */
  readonly auth: Record<string, string>
}

/**
 * Starts the real server exactly as users do (`node apps/server/src/main.ts`, configured by env)
 * on a fresh data dir (so migrations run and root is seeded) unless `reuse` is given, and times
 * it from spawn to the first 200 of GET /api/v3/user.
 */
export const startLabrador = async (
  ctx: BenchContext,
  options: {
    readonly label: string
    readonly logLevel?: string
    readonly env?: NodeJS.ProcessEnv
    /** Restart on the data dir (and credentials) of an earlier, stopped server: no migration, no seeding. */
    readonly reuse?: Labrador
    /** apps/server of another checkout (bench/compare.ts): its own start script and bundle. */
    readonly serverDir?: string
  },
): Promise<Labrador> => {
  const dataDir = options.reuse?.dataDir ?? join(ctx.tmp, `${options.label}-data`)
  if (!options.reuse) mkdirSync(dataDir)
  else if (!options.reuse.child.hasExited())
    throw new BenchError(`${options.reuse.child.name} still runs on ${dataDir}`)
  const port = await freePort()
  const token = options.reuse?.token ?? `bench-${randomBytes(12).toString("hex")}`
  const password = options.reuse?.password ?? `pw-${randomBytes(8).toString("hex")}`
  // The parent's LABRADOR_* (e.g. a PostgreSQL URL) must not leak into the measured server.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("LABRADOR_")),
  )
  Object.assign(env, {
    LABRADOR_PORT: String(port),
    LABRADOR_DATA_DIR: dataDir,
    LABRADOR_ROOT_TOKEN: token,
    LABRADOR_ROOT_PASSWORD: password,
    LABRADOR_LOG_LEVEL: options.logLevel ?? "warn",
    ...options.env,
  })
  const url = `http://127.0.0.1:${port}`
  const auth = { "PRIVATE-TOKEN": token }
  const dir = options.serverDir ?? serverDir
  if (options.serverDir === undefined) buildOnce()
  else execFileSync(process.execPath, ["build.ts"], { cwd: dir, stdio: "inherit", timeout: 300_000 })
  const since = performance.now()
  // This node first on the PATH: the script's `exec node` then is the server process itself.
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ""}`
  const child = spawnChild(`labrador[${options.label}]`, "sh", ["-c", startScript(dir)], {
    env,
    cwd: dir,
    logFile: join(ctx.tmp, `${options.label}.log`),
  })
  const coldStartMs = await waitFor200(child, `${url}/api/v3/user`, auth, since)
  return { child, url, token, password, dataDir, coldStartMs, auth }
}

// ---------------------------------------------------------------------------------------------
// Load (autocannon, in this process; the servers are children)

export interface LoadOptions {
  readonly url: string
  readonly headers?: Record<string, string>
  readonly connections: number
  readonly durationS: number
  readonly warmupS: number
  /** Server process to charge CPU time to: gives `serverCpuUsPerRequest` for the measured run. */
  readonly serverPid?: number
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples (what its CLI prints as Req/Sec Avg). */
  readonly reqPerSec: number
  readonly totalRequests: number
  readonly durationS: number
  /** Percentiles (ms) from every response's own timing (autocannon's histogram rounds to whole ms). */
  readonly latencyMs: {
    readonly p50: number
    readonly p90: number
    readonly p99: number
    readonly max: number
    readonly mean: number
  }
  /** Server user+system CPU time per request over the measured run (µs); NaN without `serverPid`. */
  readonly serverCpuUsPerRequest: number
  readonly autocannon: autocannon.Result
}

const runCannon = (options: autocannon.Options, onResponse?: (ms: number) => void): Promise<autocannon.Result> =>
  new Promise((resolveRun, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error) : resolveRun(result),
    )
    if (onResponse) instance.on("response", (_client, _status, _bytes, responseTime) => onResponse(responseTime))
  })

/** Only 2xx, no connection errors or timeouts; anything else means the figures are meaningless. */
const assertClean = (what: string, r: autocannon.Result): void => {
  const codes = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count ?? 0}`)
  if (r.non2xx !== 0 || r.errors !== 0 || r.timeouts !== 0 || r.requests.total === 0)
    throw new BenchError(
      `${what}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${r.requests.total} requests (status codes: ${codes.join(", ") || "none"})`,
    )
}

const percentile = (sorted: Float64Array, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

/** Warm-up run (discarded), then the measured run. Fails loudly on any non-2xx or error. */
export const load = async (what: string, options: LoadOptions): Promise<LoadResult> => {
  const base: autocannon.Options = {
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections,
  }
  if (options.warmupS > 0) assertClean(`${what} (warm-up)`, await runCannon({ ...base, duration: options.warmupS }))
  const samples: number[] = []
  const cpuBefore = options.serverPid === undefined ? Number.NaN : readCpuMs(options.serverPid)
  const result = await runCannon({ ...base, duration: options.durationS }, (ms) => samples.push(ms))
  const cpuMs = options.serverPid === undefined ? Number.NaN : readCpuMs(options.serverPid) - cpuBefore
  assertClean(what, result)
  const sorted = Float64Array.from(samples).sort()
  const mean = samples.reduce((a, b) => a + b, 0) / (samples.length || 1)
  return {
    reqPerSec: result.requests.average,
    totalRequests: result.requests.total,
    durationS: result.duration,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      mean,
    },
    serverCpuUsPerRequest: (cpuMs * 1000) / result.requests.total,
    autocannon: result,
  }
}

// ---------------------------------------------------------------------------------------------
// /proc

/** Resident set size now and at its peak (VmHWM), in MB (MiB), from /proc/<pid>/status. */
export const readRss = (pid: number): { readonly rssMb: number; readonly peakMb: number } => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)
    if (!match) throw new BenchError(`/proc/${pid}/status has no ${field}`)
    return Number(match[1])
  }
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 }
}

/** User+system CPU time consumed so far by `pid`, in ms (/proc/<pid>/stat, USER_HZ = 100). */
export const readCpuMs = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

/**
 * How busy the machine is without us: CPU time used by everything over `windowMs`, in cores
 * (from /proc/stat). Other processes running during a bench skew every figure.
 */
export const backgroundCpuCores = async (windowMs = 1000): Promise<number> => {
  const sample = () => {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number)
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0) // idle + iowait
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0) // up to steal; guest is already in user
    return { idle, total }
  }
  const before = sample()
  await sleep(windowMs)
  const after = sample()
  const busyTicks = after.total - before.total - (after.idle - before.idle)
  return busyTicks / 100 / (windowMs / 1000) // USER_HZ = 100
}

// ---------------------------------------------------------------------------------------------
// Small statistics

export const summary = (
  values: readonly number[],
): { readonly min: number; readonly median: number; readonly max: number } => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! }
}
