// Section "accounts": cold start of the real server, GET /api/v3/user throughput and latency against a
// bare Koa app serving the same bytes, and the server's RSS after the load.
import { execFile } from "node:child_process"
import { writeFileSync } from "node:fs"
import { promisify } from "node:util"
import { join } from "node:path"
import {
  BenchError,
  freePort,
  httpGet,
  load,
  readRss,
  serverMain,
  spawnChild,
  startLabrador,
  summary,
  waitFor200,
  type BenchContext,
  type Labrador,
  type LoadOptions,
  type LoadResult,
  type Section,
} from "./support.ts"

const COLD_STARTS = 3
const CONNECTIONS = 32
const seconds = (name: string, fallback: number): number => {
  const value = Number(process.env[name] || fallback)
  if (!Number.isFinite(value) || value < 0)
    throw new BenchError(`${name} must be a number of seconds, got "${process.env[name]}"`)
  return value
}
/** BENCH_DURATION_S / BENCH_WARMUP_S shorten the load runs while working on the bench itself. */
const DURATION_S = seconds("BENCH_DURATION_S", 10)
const WARMUP_S = seconds("BENCH_WARMUP_S", 2)
/** Set BENCH_SKIP_INFO_LOG=1 to skip the extra run at the default (info) log level. */
const INFO_LOG_RUN = !/^(1|true|yes)$/i.test(process.env.BENCH_SKIP_INFO_LOG ?? "")

const TARGET_COLD_START_MS = 1500
const TARGET_RATIO = 0.5
const TARGET_P99_MS = 20
const TARGET_RSS_MB = 150

const loadOptions = (url: string, headers: Record<string, string>): LoadOptions => ({
  url,
  headers,
  connections: CONNECTIONS,
  durationS: DURATION_S,
  warmupS: WARMUP_S,
})

const loadServer = async (
  ctx: BenchContext,
  what: string,
  serverPid: number,
  options: LoadOptions,
): Promise<LoadResult> => {
  ctx.log(`${what}: ${options.warmupS} s warm-up + ${options.durationS} s with ${options.connections} connections`)
  const result = await load(what, { ...options, serverPid })
  ctx.log(
    `${what}: ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms, ` +
      `${result.serverCpuUsPerRequest.toFixed(0)} µs server CPU/request`,
  )
  return result
}

/** Time for a fresh node process to import apps/server/src/server.ts (module loading only). */
const moduleGraphImportMs = async (): Promise<number> => {
  const serverModule = JSON.stringify(serverMain.replace(/main\.ts$/, "server.ts"))
  const code = `const t = performance.now(); await import(${serverModule}); console.log(performance.now() - t)`
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", code], {
    timeout: 30_000,
  })
  const ms = Number(stdout.trim())
  if (!Number.isFinite(ms)) throw new BenchError(`module graph import printed ${JSON.stringify(stdout)}`)
  return ms
}

const brief = (r: LoadResult) => ({
  reqPerSec: r.reqPerSec,
  totalRequests: r.totalRequests,
  durationS: r.durationS,
  latencyMs: r.latencyMs,
  serverCpuUsPerRequest: r.serverCpuUsPerRequest,
  autocannon: {
    requests: r.autocannon.requests,
    latency: r.autocannon.latency,
    throughput: r.autocannon.throughput,
    non2xx: r.autocannon.non2xx,
    errors: r.autocannon.errors,
    timeouts: r.autocannon.timeouts,
    statusCodeStats: r.autocannon.statusCodeStats,
  },
})

export const accounts: Section = {
  name: "accounts",
  description: "cold start, GET /api/v3/user vs bare Koa, RSS",
  async run(ctx) {
    // 1. Cold start, fresh data dir each time (migrations + root seeding included).
    const coldStarts: number[] = []
    let labrador: Labrador | undefined
    for (let i = 1; i <= COLD_STARTS; i++) {
      if (labrador) await labrador.child.stop()
      labrador = await startLabrador(ctx, { label: `cold-${i}`, logLevel: "warn" })
      coldStarts.push(labrador.coldStartMs)
      ctx.log(`cold start ${i}/${COLD_STARTS}: ${labrador.coldStartMs.toFixed(0)} ms`)
    }
    const cold = summary(coldStarts)
    ctx.raw("coldStartMs", { runs: coldStarts, ...cold, logLevel: "warn" })
    ctx.figure("cold start min (warn log)", cold.min, "ms", { decimals: 0 })
    ctx.figure("cold start median (warn log)", cold.median, "ms", {
      decimals: 0,
      target: { op: "<", value: TARGET_COLD_START_MS },
    })
    ctx.figure("cold start max (warn log)", cold.max, "ms", { decimals: 0 })

    // Where cold start goes: the same server restarted on its now-migrated data dir, and the bare
    // import of the server's module graph in a fresh node process.
    await labrador!.child.stop()
    const server = await startLabrador(ctx, { label: "restart", logLevel: "warn", reuse: labrador! })
    ctx.log(`restart on the existing data dir: ${server.coldStartMs.toFixed(0)} ms`)
    const importMs = await moduleGraphImportMs()
    ctx.log(`import of the server module graph: ${importMs.toFixed(0)} ms`)
    ctx.raw("restartMs", server.coldStartMs)
    ctx.raw("moduleGraphImportMs", importMs)
    ctx.figure("restart, data dir already migrated", server.coldStartMs, "ms", { decimals: 0 })
    ctx.figure("import of server.ts module graph", importMs, "ms", { decimals: 0 })

    // 2. Throughput on the restarted server (log level warn).
    const userUrl = `${server.url}/api/v3/user`
    const sample = await httpGet(userUrl, server.auth)
    const contentType = sample.headers["content-type"]
    if (sample.status !== 200 || !contentType)
      throw new BenchError(`GET /api/v3/user: HTTP ${sample.status}, content-type ${contentType}`)
    const idleRss = readRss(server.child.pid)
    const lab = await loadServer(ctx, "labrador (warn log)", server.child.pid, loadOptions(userUrl, server.auth))
    // 3. RSS right after the load, before anything else happens to the process.
    const rss = readRss(server.child.pid)
    ctx.log(`labrador RSS after load: ${rss.rssMb.toFixed(1)} MB (peak ${rss.peakMb.toFixed(1)} MB)`)
    await server.child.stop()

    // Bare Koa baseline serving the very same bytes.
    const bodyFile = join(ctx.tmp, "user.json")
    writeFileSync(bodyFile, sample.body)
    const barePort = await freePort()
    const bareUrl = `http://127.0.0.1:${barePort}/api/v3/user`
    const bareSince = performance.now()
    const bare = spawnChild("bare-koa", process.execPath, [join(import.meta.dirname, "bare-koa.ts")], {
      env: { ...process.env, BENCH_PORT: String(barePort), BENCH_BODY_FILE: bodyFile, BENCH_CONTENT_TYPE: contentType },
      cwd: import.meta.dirname,
      logFile: join(ctx.tmp, "bare-koa.log"),
    })
    const bareStartMs = await waitFor200(bare, bareUrl, server.auth, bareSince)
    const bareSample = await httpGet(bareUrl, server.auth)
    if (!bareSample.body.equals(sample.body) || bareSample.headers["content-type"] !== contentType)
      throw new BenchError("bare Koa does not serve the same bytes/content-type as Labrador")
    const base = await loadServer(ctx, "bare koa", bare.pid, loadOptions(bareUrl, server.auth))
    const bareRss = readRss(bare.pid)
    await bare.stop()

    const ratio = lab.reqPerSec / base.reqPerSec
    ctx.raw("response", { bytes: sample.body.length, contentType })
    ctx.raw("labrador", { ...brief(lab), rss, idleRss })
    ctx.raw("bareKoa", { ...brief(base), rss: bareRss, startMs: bareStartMs })
    ctx.raw("ratio", ratio)
    ctx.figure("labrador GET /api/v3/user", lab.reqPerSec, "req/s", { decimals: 0 })
    ctx.figure("bare koa, same bytes", base.reqPerSec, "req/s", { decimals: 0 })
    ctx.figure("ratio labrador / bare koa", ratio, "", { decimals: 2, target: { op: ">=", value: TARGET_RATIO } })
    ctx.figure("labrador latency p50", lab.latencyMs.p50, "ms", { decimals: 2 })
    ctx.figure("labrador latency p99", lab.latencyMs.p99, "ms", {
      decimals: 2,
      target: { op: "<", value: TARGET_P99_MS },
    })
    ctx.figure("bare koa latency p99", base.latencyMs.p99, "ms", { decimals: 2 })
    ctx.figure("labrador server CPU per request", lab.serverCpuUsPerRequest, "µs", { decimals: 0 })
    ctx.figure("bare koa server CPU per request", base.serverCpuUsPerRequest, "µs", { decimals: 0 })
    ctx.figure("labrador RSS after load", rss.rssMb, "MB", { decimals: 1, target: { op: "<", value: TARGET_RSS_MB } })
    ctx.figure("labrador peak RSS (VmHWM)", rss.peakMb, "MB", { decimals: 1 })
    ctx.figure("labrador RSS idle, before load", idleRss.rssMb, "MB", { decimals: 1 })

    // Same again at the default log level (one line per request), informational.
    if (INFO_LOG_RUN) {
      const infoServer = await startLabrador(ctx, { label: "info-log", logLevel: "info" })
      ctx.log(`cold start (info log): ${infoServer.coldStartMs.toFixed(0)} ms`)
      const info = await loadServer(
        ctx,
        "labrador (info log)",
        infoServer.child.pid,
        loadOptions(`${infoServer.url}/api/v3/user`, infoServer.auth),
      )
      const infoRss = readRss(infoServer.child.pid)
      await infoServer.child.stop()
      ctx.raw("labradorInfoLog", { ...brief(info), rss: infoRss, coldStartMs: infoServer.coldStartMs })
      ctx.figure("cold start (info log)", infoServer.coldStartMs, "ms", { decimals: 0 })
      ctx.figure("labrador req/s (info log)", info.reqPerSec, "req/s", { decimals: 0 })
      ctx.figure("ratio (info log) / bare koa", info.reqPerSec / base.reqPerSec, "", { decimals: 2 })
      ctx.figure("labrador latency p99 (info log)", info.latencyMs.p99, "ms", { decimals: 2 })
      ctx.figure("labrador RSS after load (info log)", infoRss.rssMb, "MB", { decimals: 1 })
    }
  },
}
