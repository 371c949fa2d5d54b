import Router from "@koa/router"
import type { Context, Middleware, Next } from "koa"
import { NotAllowed } from "@labrador/domain"
import { responseForError } from "./errors.ts"
import { sendError } from "./endpoint.ts"

const methodNotAllowed = responseForError(new NotAllowed())

/** What a v3 route module registers its routes on: one handler per route. */
export interface Routes {
  get(path: string, handler: Middleware): unknown
  post(path: string, handler: Middleware): unknown
  put(path: string, handler: Middleware): unknown
  delete(path: string, handler: Middleware): unknown
}

/**
 * The v3 routes grouped by path: by first segment (`users`, `groups`, …), and the routes under a
 * resource (`/projects/:id/<what>/<which>/…`) by the one or two literal segments after the id as
 * well (`projects/:/issues`, `projects/:/repository/raw_blobs`), so a request is matched
 * against the few routes of its own group, not against every route of the API. A known path
 * with another method still gets 405 from its group.
 */
export class SegmentedRoutes implements Routes {
  private readonly prefix: string
  /** The groups as a tree of literal segments (first → after the id → next): no key string per request. */
  private readonly tree = new Map<string, Branch>()
  /** Per first segment, the static second segments (`/projects/owned`): never taken for an id. */
  private readonly staticSeconds = new Map<string, Set<string>>()

  constructor(prefix: string) {
    this.prefix = prefix
  }

  get(path: string, handler: Middleware) {
    return this.group(path).get(path, handler)
  }
  post(path: string, handler: Middleware) {
    return this.group(path).post(path, handler)
  }
  put(path: string, handler: Middleware) {
    return this.group(path).put(path, handler)
  }
  delete(path: string, handler: Middleware) {
    return this.group(path).delete(path, handler)
  }

  /**
   * One middleware: the routes of the request's group. A path of the group that has no route for
   * the method answers as koa-router's allowedMethods would (405 with GitLab's body, OPTIONS, 501),
   * worked out only then rather than after every request.
   */
  middleware(): Middleware {
    const prepare = (node: Branch): void => {
      if (node.router !== undefined) node.handler = dispatcher(node.router)
      node.children.forEach(prepare)
    }
    this.tree.forEach(prepare)
    const start = `${this.prefix}/`
    return (ctx, next) => {
      const path = ctx.path
      if (!path.startsWith(start)) return next()
      // The first four segments, read in place (no array of the path's parts per request).
      const end1 = segmentEnd(path, start.length)
      const first = path.slice(start.length, end1)
      const top = this.tree.get(first)
      if (top === undefined) return next()
      let handler = top.handler
      const end2 = segmentEnd(path, end1 + 1)
      if (end2 < path.length && !this.staticSeconds.get(first)?.has(path.slice(end1 + 1, end2))) {
        const end3 = segmentEnd(path, end2 + 1)
        const middle = top.children.get(path.slice(end2 + 1, end3))
        if (middle !== undefined)
          handler =
            (end3 < path.length
              ? middle.children.get(path.slice(end3 + 1, segmentEnd(path, end3 + 1)))?.handler
              : undefined) ??
            middle.handler ??
            handler
      }
      return handler ? handler(ctx, next) : next()
    }
  }

  private group(path: string): Router {
    const [, first = "", second, third, fourth] = path.split("/")
    if (second !== undefined && !second.startsWith(":")) {
      const seconds = this.staticSeconds.get(first) ?? new Set<string>()
      this.staticSeconds.set(first, seconds.add(second))
    }
    let node = branch(this.tree, first)
    if (second?.startsWith(":") && third !== undefined && !third.startsWith(":")) {
      node = branch(node.children, third)
      if (fourth !== undefined && !fourth.startsWith(":")) node = branch(node.children, fourth)
    }
    return (node.router ??= new Router({ prefix: this.prefix }))
  }
}

/** Where the path segment starting at `from` ends: the next slash, or the end of the path. */
const segmentEnd = (path: string, from: number): number => {
  const slash = path.indexOf("/", from)
  return slash === -1 ? path.length : slash
}

interface Branch {
  router?: Router
  handler?: Middleware
  readonly children: Map<string, Branch>
}

const branch = (children: Map<string, Branch>, segment: string): Branch => {
  let found = children.get(segment)
  if (found === undefined) children.set(segment, (found = { children: new Map() }))
  return found
}

/** The route template a matched request carries (as koa-router names it): metrics count by it. */
export type RoutedContext = Context & { _matchedRoute?: string }

/**
 * A group's routes, matched as koa-router matches them (each Layer's own regexp and #params, so
 * paths and parameters read as koa-router reads them) and run as its dispatch would run them: the
 * first route of the path and method answers. One regexp run per route tried, and no middleware
 * chain built per request as Router#routes() builds one; Router#match only when none answers.
 */
const dispatcher = (router: Router): Middleware => {
  const routes = router.stack.map((layer) => ({ layer, handler: layer.stack[0] as Middleware }))
  return (ctx: RoutedContext, next) => {
    const path = ctx.path
    const method = ctx.method
    for (const { layer, handler } of routes) {
      if (!layer.methods.includes(method)) continue
      const found = layer.regexp.exec(path)
      if (found === null) continue
      ctx.params = layer.params(path, found.slice(1))
      ctx._matchedRoute = layer.path as string
      return handler(ctx, next)
    }
    return unrouted(ctx, router.match(path, method).path, router.methods, next)
  }
}

/** No route of the group took the request: other methods of the same path, or not found (`next`). */
const unrouted = async (
  ctx: Context,
  matched: ReadonlyArray<{ readonly methods: ReadonlyArray<string> }>,
  implemented: ReadonlyArray<string>,
  next: Next,
): Promise<void> => {
  const allowed = [...new Set(matched.flatMap((route) => route.methods))]
  if (allowed.length === 0) return void (await next())
  ctx.set("Allow", allowed.join(", "))
  if (!implemented.includes(ctx.method)) ctx.status = 501
  else if (ctx.method === "OPTIONS") {
    ctx.status = 200
    ctx.body = ""
  } else sendError(ctx, methodNotAllowed)
}
