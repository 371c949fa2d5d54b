import Router from "@koa/router"
import type { Middleware } from "koa"

/** What a v3 route module registers its routes on. */
export interface Routes {
  get(path: string, ...middleware: Array<Middleware>): unknown
  post(path: string, ...middleware: Array<Middleware>): unknown
  put(path: string, ...middleware: Array<Middleware>): unknown
  delete(path: string, ...middleware: Array<Middleware>): unknown
}

/**
 * The v3 routes grouped by their first path segment (`projects`, `users`, …): a request is
 * matched against the routes of its own group, not against every route of the API, and a known
 * path with another method still gets 405 from its group.
 */
export class SegmentedRoutes implements Routes {
  private readonly prefix: string
  private readonly groups = new Map<string, Router>()

  constructor(prefix: string) {
    this.prefix = prefix
  }

  get(path: string, ...middleware: Array<Middleware>) {
    return this.group(path).get(path, ...middleware)
  }
  post(path: string, ...middleware: Array<Middleware>) {
    return this.group(path).post(path, ...middleware)
  }
  put(path: string, ...middleware: Array<Middleware>) {
    return this.group(path).put(path, ...middleware)
  }
  delete(path: string, ...middleware: Array<Middleware>) {
    return this.group(path).delete(path, ...middleware)
  }

  /** One middleware: routes of the request's group, then that group's 405 answer. */
  middleware(): Middleware {
    const handlers = new Map<string, Middleware>()
    for (const [segment, router] of this.groups) {
      const routes = router.routes()
      const allowed = router.allowedMethods({ throw: false })
      handlers.set(segment, (ctx, next) => routes(ctx as never, () => allowed(ctx as never, next)))
    }
    const start = `${this.prefix}/`
    return (ctx, next) => {
      if (!ctx.path.startsWith(start)) return next()
      const end = ctx.path.indexOf("/", start.length)
      const handler = handlers.get(ctx.path.slice(start.length, end === -1 ? undefined : end))
      return handler ? handler(ctx, next) : next()
    }
  }

  private group(path: string): Router {
    const segment = path.split("/")[1] ?? ""
    let router = this.groups.get(segment)
    if (router === undefined) {
      router = new Router({ prefix: this.prefix })
      this.groups.set(segment, router)
    }
    return router
  }
}
