import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import pino, { type Logger } from "pino"
import { gitHttp } from "@labrador/git"
import { reconcileRepositories } from "@labrador/domain"
import { createApp } from "@labrador/http-koa"
import { isReachable, openDatabase } from "@labrador/persistence"
import type { Config } from "./config.ts"
import { startDeliveryWorker, type DeliveryWorker } from "@labrador/webhooks"
import { makeRuntime, repositoriesRoot } from "./layers.ts"
import { seedRoot, type SeededRoot } from "./seed.ts"

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly seeded: SeededRoot | undefined
  readonly logger: Logger
  /** The embedded hook delivery loop, when LABRADOR_WORKER=embedded. */
  readonly worker: DeliveryWorker | undefined
  /** git processes the smart-HTTP transport has running now. */
  gitProcesses(): number
  /** Graceful stop: no new connections, in-flight requests finish, then the database closes. */
  close(): Promise<void>
}

/** Opens the database (migrating it), seeds root on first start, and listens. */
export const startServer = async (
  config: Config,
  options: { readonly logger?: Logger } = {},
): Promise<RunningServer> => {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: "labrador" } })
  const orm = await openDatabase(config.database)
  const runtime = makeRuntime(orm, config.secret, config.dataDir, {
    hooksAllowLocal: config.hooksAllowLocal,
    crashAt: config.crashAt,
  })
  // Before any request: what a server stopped half-way through a create, move or delete left.
  const reconciled = await runtime.runPromise(reconcileRepositories())
  if (reconciled.settled + reconciled.left > 0)
    logger.warn(reconciled, "repository changes left half-done by a stopped server settled")
  const worker =
    config.worker === "embedded"
      ? startDeliveryWorker(runtime, { onError: (err) => logger.error({ err }, "hook delivery round failed") })
      : undefined
  const seeded = await seedRoot(runtime, { password: config.rootPassword, token: config.rootToken })
  const git = gitHttp({
    runtime,
    root: repositoriesRoot(config.dataDir),
    externalUrl: config.externalUrl,
    onError: (err, what) => logger.error({ err }, `git: ${what} failed`),
    maxProcesses: config.gitMaxProcesses,
  })
  const { app } = createApp({ runtime, logger, ready: () => isReachable(orm), externalUrl: config.externalUrl, git })
  // A request without Content-Length or Transfer-Encoding has no body: its stream starts ended, with
  // no stream events for it (most API requests are such GETs).
  const server: Server = createServer({ optimizeEmptyRequests: true }, app.callback())
  server.keepAliveTimeout = 65_000
  // A large git push over a slow link may take long to upload; headers still must come within 60 s.
  server.requestTimeout = 60 * 60 * 1000
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    port,
    seeded,
    logger,
    worker,
    gitProcesses: () => git.processes.live,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          // Keep-alive connections become idle as their last response ends: close them as they do,
          // and cut whatever is still open after the grace period.
          const sweep = setInterval(() => server.closeIdleConnections(), 50)
          const deadline = setTimeout(() => server.closeAllConnections(), 10_000)
          server.close(() => {
            clearInterval(sweep)
            clearTimeout(deadline)
            resolve()
          })
          server.closeIdleConnections()
        })
        await worker?.stop()
        await runtime.dispose()
        await orm.close(true)
      })()),
  }
}
