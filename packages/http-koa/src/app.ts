import Router from "@koa/router"
import { bodyParser } from "@koa/bodyparser"
import Koa, { type Context, type Middleware } from "koa"
import type { Logger } from "pino"
import { internalError, routeNotFound } from "./errors.ts"
import { sendError } from "./endpoint.ts"
import { SegmentedRoutes } from "./routes.ts"
import { logLateFailures, makeMetrics, observe, type Metrics } from "./observability.ts"
import type { AppRuntime } from "./runtime.ts"
import { urlsFor } from "./presenters/urls.ts"
import { eventsRoutes } from "./v3/events.ts"
import { repositoriesRoutes } from "./v3/repositories.ts"
import { groupsRoutes } from "./v3/groups.ts"
import { hooksRoutes } from "./v3/hooks.ts"
import { issuesRoutes } from "./v3/issues.ts"
import { milestonesRoutes } from "./v3/milestones.ts"
import { notesRoutes } from "./v3/notes.ts"
import { projectSnippetsRoutes } from "./v3/project_snippets.ts"
import { keysRoutes } from "./v3/keys.ts"
import { systemHooksRoutes } from "./v3/system_hooks.ts"
import { membersRoutes } from "./v3/members.ts"
import { projectsRoutes } from "./v3/projects.ts"
import { sessionRoutes } from "./v3/session.ts"
import { userTeamsRoutes } from "./v3/user_teams.ts"
import { usersRoutes } from "./v3/users.ts"

export interface AppOptions {
  readonly runtime: AppRuntime
  readonly logger: Logger
  /** Readiness: resolves true when every dependency (the database) answers. */
  readonly ready: () => Promise<boolean>
  /** Mounted before the API: the git smart-HTTP transport, when the server has one. */
  readonly git?: Middleware
  readonly bodyLimit?: string
  /** LABRADOR_EXTERNAL_URL: the base of every URL the API shows. */
  readonly externalUrl: string
}

/** The whole HTTP surface: operational endpoints, the v3 API, and git when given. */
export const createApp = (options: AppOptions): { app: Koa; metrics: Metrics } => {
  const app = new Koa({ proxy: false })
  const metrics = makeMetrics()
  app.silent = true
  logLateFailures(app, options.logger)
  app.use(observe(options.logger, metrics))
  app.use(guard)

  const ops = new Router()
  ops.get("/-/health", (ctx) => {
    ctx.body = { status: "ok" }
  })
  ops.get("/-/readiness", async (ctx) => {
    const ok = await options.ready()
    ctx.status = ok ? 200 : 503
    ctx.body = { status: ok ? "ok" : "failed", checks: { database: ok ? "ok" : "failed" } }
  })
  ops.get("/-/metrics", async (ctx) => {
    ctx.type = metrics.registry.contentType
    ctx.body = await metrics.registry.metrics()
  })
  const opsRoutes = ops.routes()

  const limit = options.bodyLimit ?? "10mb"
  const parseBody = bodyParser({ enableTypes: ["json", "form"], jsonLimit: limit, formLimit: limit, encoding: "utf-8" })
  const v3 = new SegmentedRoutes("/api/v3")
  sessionRoutes(v3, options.runtime)
  usersRoutes(v3, options.runtime)
  keysRoutes(v3, options.runtime)
  systemHooksRoutes(v3, options.runtime)
  const urls = urlsFor(options.externalUrl)
  projectsRoutes(v3, options.runtime, urls)
  membersRoutes(v3, options.runtime)
  hooksRoutes(v3, options.runtime)
  eventsRoutes(v3, options.runtime)
  repositoriesRoutes(v3, options.runtime)
  issuesRoutes(v3, options.runtime)
  milestonesRoutes(v3, options.runtime)
  projectSnippetsRoutes(v3, options.runtime)
  notesRoutes(v3, options.runtime)
  groupsRoutes(v3, options.runtime, urls)
  userTeamsRoutes(v3, options.runtime, urls)
  const v3Routes = v3.middleware()
  const notFound: Middleware = (ctx) => sendError(ctx, routeNotFound)
  // GET and HEAD carry their parameters in the query string, and a request sent without a body
  // (its stream already ended: the server's optimizeEmptyRequests) has none to read either.
  const hasNoBody = (ctx: Context) => ctx.method === "GET" || ctx.method === "HEAD" || ctx.req.readableEnded
  const api: Middleware = (ctx, next) =>
    hasNoBody(ctx) ? v3Routes(ctx, next) : parseBody(ctx, () => v3Routes(ctx, next))
  const git = options.git

  // Each request goes straight to its part by path prefix: the API, the operational endpoints,
  // or git (which passes on anything that is not a repository path); what none takes is a 404.
  app.use((ctx, next) => {
    const path = ctx.path
    if (path.startsWith("/api/v3/")) return api(ctx, next)
    if (path.startsWith("/-/")) return opsRoutes(ctx as never, next)
    return git !== undefined ? git(ctx, next) : next()
  })
  app.use(notFound)
  return { app, metrics }
}

/**
 * Turns what escapes the routes into GitLab answers: malformed JSON 400, oversized body 413,
 * anything else a logged 500 with no detail for the client.
 */
const guard: Middleware = (ctx, next) =>
  next().then(
    () => serialiseJson(ctx),
    (error: unknown) => answerEscaped(ctx, error),
  )

/**
 * A JSON body (the plain objects and arrays presenters build) is serialised here, not by Koa
 * after the middleware: one that cannot be (too large for a string, a BigInt) is then a defect
 * like any other, answered with GitLab's 500 and logged, at error level, as the 500 it is.
 */
const serialiseJson = (ctx: Context): void => {
  const body: unknown = ctx.body
  if (
    typeof body !== "object" ||
    body === null ||
    !(Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype)
  )
    return
  let text: string
  try {
    text = JSON.stringify(body)
  } catch (error) {
    ctx.state.defect = error
    return sendError(ctx, internalError)
  }
  ctx.body = text
}

const answerEscaped = (ctx: Context, error: unknown): void => {
  const status = (error as { status?: number }).status
  if (status === 413) return sendError(ctx, { status: 413, body: { message: "413 Request Entity Too Large" } })
  if (status === 400 || status === 415 || (error as { type?: string }).type === "entity.parse.failed")
    return sendError(ctx, { status: 400, body: { message: "400 (Bad request) malformed request body" } })
  ctx.state.defect = error
  sendError(ctx, internalError)
}
