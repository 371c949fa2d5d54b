import type { Readable } from "node:stream"
import type { Context, Middleware } from "koa"
import { Effect, Exit } from "effect"
import {
  authenticate,
  Forbidden,
  Invalid,
  isAdmin,
  MissingAttribute,
  NotFound,
  Unauthorized,
  type Actor,
  type Deletion,
  type DomainError,
  type DomainServices,
  type Page,
} from "@labrador/domain"
import { presentedCredentials } from "./auth.ts"
import { internalError, responseForError, responseForFailure, type ErrorResponse } from "./errors.ts"
import { pageFromRequest, setPageHeaders } from "./pagination.ts"
import { decodeParams, requestParams, type Decoded, type ParamSpec } from "./params.ts"
import type { AppRuntime } from "./runtime.ts"

interface Common<S extends ParamSpec> {
  /** Declared parameters with their wire codecs; undeclared ones are ignored. */
  readonly params?: S
  /** false for the few routes that take no token (POST /session). */
  readonly authenticate?: boolean
  /**
   * A guard for admin-only routes: non-admins get 403 before their parameters are even read
   * (GitLab's order: 401 → 403 → 400). The use case still checks; the guard never grants.
   */
  readonly adminOnly?: boolean
}

type Run<S extends ParamSpec, A> = (
  actor: Actor,
  params: Decoded<S>,
  ctx: Context,
) => Effect.Effect<A, DomainError, DomainServices>

/** A route that answers one entity (or anything presentable). */
export const endpoint =
  <S extends ParamSpec, A>(
    runtime: AppRuntime,
    options: Common<S> & { readonly run: Run<S, A>; readonly present: (value: A) => unknown; readonly status?: number },
  ): Middleware =>
  (ctx) =>
    execute(runtime, ctx, options, options.run, (value) => {
      ctx.status = options.status ?? (ctx.method === "POST" ? 201 : 200)
      ctx.body = options.present(value)
    })

/** A raw response: its Content-Type and headers, and the bytes or the stream that produces them. */
export interface RawResponse {
  /** The whole Content-Type value, set as is (no lookup by extension). */
  readonly type: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer | Readable
}

/**
 * A route that answers raw bytes instead of JSON (a blob, an archive): `present` names the type,
 * the headers and the body, at once or once it has looked at the content.
 */
export const rawEndpoint =
  <S extends ParamSpec, A>(
    runtime: AppRuntime,
    options: Common<S> & {
      readonly run: Run<S, A>
      readonly present: (value: A) => RawResponse | Promise<RawResponse>
    },
  ): Middleware =>
  (ctx) =>
    execute(runtime, ctx, options, options.run, (value) => {
      const raw = options.present(value)
      return raw instanceof Promise ? raw.then((ready) => sendRaw(ctx, ready)) : sendRaw(ctx, raw)
    })

const sendRaw = (ctx: Context, raw: RawResponse): void => {
  ctx.status = 200
  ctx.set("Content-Type", raw.type)
  ctx.set(raw.headers)
  ctx.body = raw.body
}

/** A paginated list: `run` gets the page asked for and returns one page with its total. */
export const listEndpoint =
  <S extends ParamSpec, A>(
    runtime: AppRuntime,
    options: Common<S> & {
      readonly run: (
        actor: Actor,
        params: Decoded<S>,
        page: ReturnType<typeof pageFromRequest>,
        ctx: Context,
      ) => Effect.Effect<Page<A>, DomainError, DomainServices>
      readonly present: (value: A) => unknown
    },
  ): Middleware =>
  (ctx) =>
    execute(
      runtime,
      ctx,
      options,
      (actor, params) => options.run(actor, params, pageFromRequest(ctx), ctx),
      (page) => {
        setPageHeaders(ctx, page)
        ctx.status = 200
        ctx.body = page.items.map(options.present)
      },
    )

/** An idempotent DELETE: 200 with the removed record the first time, 200 with null after. */
export const deleteEndpoint =
  <S extends ParamSpec, A>(
    runtime: AppRuntime,
    options: Common<S> & { readonly run: Run<S, Deletion<A>>; readonly present: (value: A) => unknown },
  ): Middleware =>
  (ctx) =>
    execute(runtime, ctx, options, options.run, (deletion) => {
      ctx.status = 200
      if (deletion._tag === "Removed") ctx.body = options.present(deletion.value)
      else {
        // Koa turns a null body into 204; v3 answers 200 with JSON null.
        ctx.type = "application/json"
        ctx.body = "null"
      }
    })

const anonymousActor: Actor = { _tag: "Anonymous" }

/**
 * The route's program: authentication, the admin guard, the parameters, then the route's own
 * effect. Written with combinators (no generator), as every request runs it.
 */
const program = <S extends ParamSpec, A>(
  ctx: Context,
  options: Common<S>,
  run: Run<S, A>,
  bag: ReturnType<typeof requestParams>,
) =>
  // Every v3 route but POST /session authenticates first: 401 precedes any 400, 403 or 404.
  Effect.flatMap(
    options.authenticate === false ? Effect.succeed(anonymousActor) : authenticate(presentedCredentials(ctx)),
    (actor) => {
      if (options.authenticate !== false && actor._tag === "Anonymous") return Effect.fail(new Unauthorized())
      if (options.adminOnly && !isAdmin(actor)) return Effect.fail(new Forbidden())
      const params = decodeParams(options.params ?? ({} as S), bag)
      if (params instanceof MissingAttribute) return Effect.fail(params)
      if (params instanceof Invalid) {
        // A path segment that does not decode (/users/abc) names no resource: 404, not 400.
        if (Object.keys(params.errors).some((field) => ctx.params !== undefined && field in ctx.params))
          return Effect.fail(new NotFound({}))
        return Effect.fail(params)
      }
      return run(actor, params, ctx)
    },
  )

/**
 * Runs the route's program and answers. Not an async function: most requests finish
 * synchronously (cached token, no query), and then no promise is made here at all.
 */
const execute = <S extends ParamSpec, A>(
  runtime: AppRuntime,
  ctx: Context,
  options: Common<S>,
  run: Run<S, A>,
  respond: (value: A) => void | Promise<void>,
): void | Promise<void> => {
  const fiber = runtime.runFork(program(ctx, options, run, requestParams(ctx)))
  const exit = fiber.pollUnsafe()
  if (exit !== undefined) return answer(ctx, exit, respond)
  return new Promise<Exit.Exit<A, unknown>>((resolve) => fiber.addObserver(resolve)).then((done) =>
    answer(ctx, done, respond),
  )
}

const answer = <A>(
  ctx: Context,
  exit: Exit.Exit<A, unknown>,
  respond: (value: A) => void | Promise<void>,
): void | Promise<void> => {
  if (Exit.isSuccess(exit)) return respond(exit.value)
  const response = responseForFailure(exit)
  if ("defect" in response) {
    ctx.state.defect = response.defect
    return sendError(ctx, internalError)
  }
  sendError(ctx, response)
}

export const sendError = (ctx: Context, response: ErrorResponse): void => {
  ctx.status = response.status
  if (response.headers) ctx.set(response.headers)
  ctx.body = response.body
}

export { responseForError }
