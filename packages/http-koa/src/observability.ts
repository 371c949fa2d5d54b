import { randomUUID } from "node:crypto"
import type { Middleware } from "koa"
import type { Logger } from "pino"
import { Gauge, Registry } from "prom-client"
import { collectProcessMetrics } from "./process-metrics.ts"
import { RequestMetrics } from "./request-metrics.ts"
import type { RoutedContext } from "./routes.ts"

export interface Metrics {
  readonly registry: Registry
  readonly requests: RequestMetrics
  /** Requests being served now; read into the gauge when metrics are scraped, not per request. */
  readonly inFlight: { count: number }
}

/** One registry per app, so that two servers in one process (tests) never clash. */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectProcessMetrics(registry)
  const inFlight = { count: 0 }
  registry.registerMetric(
    new Gauge({
      name: "http_requests_in_flight",
      help: "HTTP requests being served now",
      registers: [],
      collect() {
        this.set(inFlight.count)
      },
    }),
  )
  const requests = new RequestMetrics()
  requests.register(registry)
  return {
    registry,
    requests,
    inFlight,
  }
}

const SECRET_PARAMS = /([?&](?:private_token|password|access_token)=)[^&]*/gi

/** The request path for logs: token and password parameters replaced by [FILTERED]. */
export const redactedPath = (url: string): string => url.replace(SECRET_PARAMS, "$1[FILTERED]")

const REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * One JSON log line per request (method, redacted path, status, duration, request id), the
 * request id echoed as X-Request-Id, and the request counted in the metrics by route template.
 * A defect left in ctx.state by an endpoint is logged here with its stack. A promise callback
 * rather than an async function with try/finally: one promise per request less.
 */
export const observe = (logger: Logger, metrics: Metrics): Middleware => (ctx, next) => {
  const started = performance.now()
  const incoming = ctx.get("x-request-id")
  const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID()
  ctx.state.requestId = requestId
  ctx.set("X-Request-Id", requestId)
  metrics.inFlight.count++
  const finish = () => {
    metrics.inFlight.count--
    const seconds = (performance.now() - started) / 1000
    metrics.requests.record(ctx.method, routeTemplate(ctx), ctx.status, seconds)
    const failed = ctx.state.defect !== undefined
    // The line is only built when it will be written (LABRADOR_LOG_LEVEL=warn skips it).
    if (failed || logger.isLevelEnabled("info")) {
      const line = { request_id: requestId, method: ctx.method, path: redactedPath(ctx.originalUrl), status: ctx.status, duration_ms: Math.round(seconds * 1e6) / 1e3 }
      if (failed) logger.error({ ...line, err: ctx.state.defect }, "request failed")
      else logger.info(line, "request")
    }
  }
  return next().then(finish, (error: unknown) => {
    finish()
    throw error
  })
}

const routeTemplate = (ctx: RoutedContext): string => ctx._matchedRoute ?? (ctx.state.routeTemplate as string | undefined) ?? "unmatched"
