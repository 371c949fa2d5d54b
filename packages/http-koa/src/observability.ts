import { randomUUID } from "node:crypto"
import type Koa from "koa"
import type { Context, Middleware } from "koa"
import type { Logger } from "pino"
import { isCredentialName } from "./auth.ts"
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

const FILTERED = "[FILTERED]"

/** The userinfo of an absolute-form (or scheme-relative) request target: `http://user:token@host/…`. */
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:)?\/\/)[^/?#]*@/i

/**
 * One `name=value` piece with its value replaced when the name is a credential's. The name is
 * read up to the LAST "=" (qs splits `a[b=c]=d` at "]=", so the name that counts may lie past
 * the first), and the value filtered from the first "=" to the piece's end, all the server reads.
 */
const redactedPair = (pair: string): string => {
  const eq = pair.indexOf("=")
  return eq !== -1 && isCredentialName(pair.slice(0, pair.lastIndexOf("=")))
    ? `${pair.slice(0, eq + 1)}${FILTERED}`
    : pair
}

/**
 * The request target for logs with every credential filtered: query parameters whose decoded
 * name reads as a token or a password (isCredentialName: every spelling the server takes, and
 * the near-misses), `name=value` path segments likewise, and the userinfo of an absolute-form
 * target. Headers (PRIVATE-TOKEN, Authorization) are never logged.
 */
export const redactedPath = (url: string): string => {
  const mark = url.indexOf("?")
  let path = mark === -1 ? url : url.slice(0, mark)
  if (path.includes("@")) path = path.replace(USERINFO, `$1${FILTERED}@`)
  if (path.includes("=")) path = path.split("/").map(redactedPair).join("/")
  return mark === -1
    ? path
    : `${path}?${url
        .slice(mark + 1)
        .split("&")
        .map(redactedPair)
        .join("&")}`
}

const REQUEST_ID = /^[\w.:-]{1,128}$/

/**
 * One JSON log line per request (method, redacted path, status, duration, request id), the
 * request id echoed as X-Request-Id, and the request counted in the metrics by route template.
 * A defect left in ctx.state by an endpoint is logged here with its stack. A promise callback
 * rather than an async function with try/finally: one promise per request less.
 */
export const observe =
  (logger: Logger, metrics: Metrics): Middleware =>
  (ctx, next) => {
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
        const line = {
          request_id: requestId,
          method: ctx.method,
          path: redactedPath(ctx.originalUrl),
          status: ctx.status,
          duration_ms: Math.round(seconds * 1e6) / 1e3,
        }
        if (failed) logger.error({ ...line, err: ctx.state.defect }, "request failed")
        else logger.info(line, "request")
      }
    }
    return next().then(finish, (error: unknown) => {
      finish()
      throw error
    })
  }

/** How a response ends when its client goes away first: not the server's failure. */
const CLIENT_GONE = new Set(["ERR_STREAM_PREMATURE_CLOSE", "ECONNRESET", "EPIPE", "ECONNABORTED"])

/**
 * What fails after the middleware, once the request's line is written: a body stream that breaks
 * (before its first byte or midway). Koa reports it as its app's 'error' event; it is logged at
 * error level with its stack, the status the response carried if it started, and whether the
 * client got it whole (never: its connection is cut). Once per request (Koa may report it twice).
 */
export const logLateFailures = (app: Koa, logger: Logger): void => {
  app.on("error", (error: unknown, ctx?: Context) => {
    if (
      ctx === undefined ||
      ctx.state.lateFailure !== undefined ||
      CLIENT_GONE.has((error as { code?: string }).code ?? "")
    )
      return
    ctx.state.lateFailure = error
    const res = ctx.res
    const status = res.headersSent ? res.statusCode : null
    logger.error(
      {
        request_id: ctx.state.requestId,
        method: ctx.method,
        path: redactedPath(ctx.originalUrl),
        status,
        completed: res.writableFinished,
        err: error,
      },
      "response failed",
    )
  })
}

const routeTemplate = (ctx: RoutedContext): string =>
  ctx._matchedRoute ?? (ctx.state.routeTemplate as string | undefined) ?? "unmatched"
