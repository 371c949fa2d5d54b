import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import type { IncomingMessage } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, Readable } from "node:stream"
import { createGunzip } from "node:zlib"
import { Cause, Effect, Exit, type ManagedRuntime } from "effect"
import {
  authenticateGitClient,
  authorizeGitAccess,
  authorizePush,
  pushSizeRefusal,
  recordPush,
  type BasicCredentials,
  type DomainServices,
  type GitGrant,
  type GitService,
  type RefUpdate,
} from "@labrador/domain"
import { git, runGit, type GitCommand, type GitProcess } from "./command.ts"
import { installHooks, pushRules } from "./hooks.ts"
import { repositoryDir } from "./paths.ts"
import {
  FLUSH,
  MalformedRequest,
  pktLine,
  readCommands,
  refusalReport,
  requestCapabilities,
  type CommandsHead,
} from "./pkt-line.ts"
import { TransportProcesses } from "./processes.ts"

/** The part of a Koa context the transport uses (Koa's own Context satisfies it). */
export interface GitHttpContext {
  readonly method: string
  readonly path: string
  /** The client's address: failed sign-ins are counted per address. */
  readonly ip: string
  readonly query: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly req: IncomingMessage
  readonly res: {
    on(event: "close", listener: () => void): unknown
    readonly writableFinished: boolean
    readonly closed: boolean
  }
  readonly state: Record<string, unknown>
  get(field: string): string
  set(field: string, value: string): void
  status: number
  body: unknown
}

export interface GitHttpOptions {
  readonly runtime: ManagedRuntime.ManagedRuntime<DomainServices, never>
  /** Where the bare repositories live. */
  readonly root: string
  /** LABRADOR_EXTERNAL_URL: the base of the URLs a push payload shows. */
  readonly externalUrl: string
  /** Failures that cannot reach the client any more (the push pipeline after git answered). */
  readonly onError?: (error: unknown, what: string) => void
  /** LABRADOR_GIT_MAX_PROCESSES: git processes the transport runs at once; beyond, 503. */
  readonly maxProcesses?: number
}

export const DEFAULT_GIT_MAX_PROCESSES = 16

/** `/<namespace>/<project>.git/<endpoint>`: Project.http_url_to_repo plus git's endpoint. */
const GIT_PATH = /^\/([^/]+)\/([^/]+)\.git\/(.*)$/
const SERVICES: Record<string, GitService> = { "git-upload-pack": "upload-pack", "git-receive-pack": "receive-pack" }
/** What a Git-Protocol header may carry through to git (e.g. "version=2"). */
const PROTOCOL = /^[A-Za-z0-9=:._-]{1,256}$/

const REALM = 'Basic realm="GitLab"'

/** HTTP Basic credentials, when the request carries them. */
export const basicCredentials = (header: string): BasicCredentials | undefined => {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0
    ? { login: decoded, secret: "" }
    : { login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

const plain = (ctx: GitHttpContext, status: number, message: string) => {
  ctx.status = status
  ctx.set("Content-Type", "text/plain; charset=utf-8")
  ctx.body = `${message}\n`
}

const noCache = (ctx: GitHttpContext, contentType: string) => {
  ctx.status = 200
  ctx.set("Content-Type", contentType)
  ctx.set("Cache-Control", "no-cache, max-age=0, must-revalidate")
  ctx.set("Pragma", "no-cache")
  ctx.set("Expires", "Fri, 01 Jan 1980 00:00:00 GMT")
}

/** The request body as git must read it: gzip (which git uses for large negotiations) undone. */
const requestBody = (ctx: GitHttpContext): Readable => {
  // A request sent with no body starts ended and emits nothing (the server's optimizeEmptyRequests).
  if (ctx.req.readableEnded) return Readable.from([])
  const encoding = ctx.get("content-encoding").toLowerCase()
  return encoding === "gzip" || encoding === "x-gzip" ? ctx.req.pipe(createGunzip()) : ctx.req
}

/** Git-Protocol, passed on to upload-pack (protocol v2); receive-pack speaks v0 whatever is asked. */
const protocolEnv = (ctx: GitHttpContext): Record<string, string> => {
  const protocol = ctx.get("git-protocol")
  return PROTOCOL.test(protocol) ? { GIT_PROTOCOL: protocol } : {}
}

/** When the client is gone, nothing more of its body reaches git; a body that cannot be read stops git. */
const stopWhenClientLeaves = (ctx: GitHttpContext, body: Readable, process: GitProcess) => {
  ctx.res.on("close", () => {
    if (!ctx.res.writableFinished) body.unpipe()
  })
  body.on("error", () => process.kill())
}

/** A push whose client left may be applying its refs: it gets this long to finish before SIGKILL. */
const RECEIVE_PACK_GRACE_MS = 5_000
/** How soon a client refused for the process cap may try again. */
const RETRY_AFTER_SECONDS = "5"

/**
 * git smart HTTP (spec/v3/repositories.yaml git_http) as a Koa middleware mounted before the API:
 * `info/refs?service=…`, `git-upload-pack` and `git-receive-pack` of every project, streamed
 * both ways through `git upload-pack`/`receive-pack --stateless-rpc`. The domain decides who may;
 * protected branches are enforced per command by the update hook from the domain's verdicts, and each
 * applied push runs the push pipeline before the response ends.
 */
export const gitHttp = (options: GitHttpOptions) => {
  const hookDirs = installHooks(options.root)
  const report = options.onError ?? (() => {})
  const processes = new TransportProcesses(options.maxProcesses ?? DEFAULT_GIT_MAX_PROCESSES)

  /** git for this request, or undefined when it was answered 503 (the cap) or its client is gone. */
  const start = (
    ctx: GitHttpContext,
    command: GitCommand,
    env: Readonly<Record<string, string>>,
    graceMs = 0,
  ): GitProcess | undefined => {
    const process = processes.spawn(ctx, command, { env }, graceMs)
    if (process === "gone") return undefined
    if (process === "busy") {
      ctx.set("Retry-After", RETRY_AFTER_SECONDS)
      plain(
        ctx,
        503,
        `The server is running as many git processes as it allows (${processes.max}); try again in a few seconds.`,
      )
      return undefined
    }
    return process
  }

  const authorize = async (
    ctx: GitHttpContext,
    projectPath: string,
    service: GitService,
  ): Promise<GitGrant | undefined> => {
    const decision = Effect.flatMap(
      authenticateGitClient(basicCredentials(ctx.get("authorization")), ctx.ip),
      (actor) => authorizeGitAccess(actor, projectPath, service),
    )
    const exit = await options.runtime.runPromiseExit(decision)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = exit.cause.reasons.find(Cause.isFailReason)?.error
    if (failure?._tag === "Unauthorized") {
      ctx.set("WWW-Authenticate", REALM)
      plain(ctx, 401, "HTTP Basic: Access denied")
    } else if (failure?._tag === "Forbidden")
      plain(
        ctx,
        403,
        service === "receive-pack"
          ? "You are not allowed to push code to this project."
          : "You are not allowed to download code from this project.",
      )
    else if (failure?._tag === "NotFound") plain(ctx, 404, "The project you were looking for could not be found.")
    // GitLab's Rack::Attack ban: 403, whatever the credentials, until it ends.
    else if (failure?._tag === "RateLimited")
      plain(ctx, 403, "Too many failed authentication attempts from this address; try again later.")
    else throw Cause.squash(exit.cause)
    return undefined
  }

  const advertise = (ctx: GitHttpContext, service: GitService, gitDir: string) => {
    const env = service === "upload-pack" ? protocolEnv(ctx) : {}
    const command =
      service === "upload-pack"
        ? git("upload-pack", "--stateless-rpc", "--advertise-refs")
        : git("receive-pack", "--stateless-rpc", "--advertise-refs")
    const process = start(ctx, command.values(gitDir), env)
    if (process === undefined) return
    process.stdin.end()
    const body = new PassThrough()
    // Protocol v2 starts with its capabilities; v0 with the service announcement.
    if (!(env.GIT_PROTOCOL ?? "").includes("version=2")) body.write(pktLine(`# service=git-${service}`) + FLUSH)
    process.stdout.pipe(body)
    noCache(ctx, `application/x-git-${service}-advertisement`)
    ctx.body = body
  }

  const uploadPack = (ctx: GitHttpContext, gitDir: string) => {
    const process = start(ctx, git("upload-pack", "--stateless-rpc").values(gitDir), protocolEnv(ctx))
    if (process === undefined) return
    const body = requestBody(ctx)
    body.pipe(process.stdin)
    stopWhenClientLeaves(ctx, body, process)
    noCache(ctx, "application/x-git-upload-pack-result")
    ctx.body = process.stdout
  }

  /** A push refused before git runs: the rest of the body is read and dropped (git sends it all before it reads the answer), then git's report. */
  const refuseWhole = (ctx: GitHttpContext, body: Readable, head: CommandsHead, reason: string) => {
    const refusal = refusalReport(
      head.updates.map((update) => update.ref),
      requestCapabilities(head.bytes),
      reason,
    )
    const response = new PassThrough()
    noCache(ctx, "application/x-git-receive-pack-result")
    ctx.body = response
    if (head.ended) return void response.end(refusal)
    body.on("end", () => response.end(refusal)).on("error", (error) => response.destroy(error))
    body.resume()
  }

  const receivePack = async (ctx: GitHttpContext, grant: GitGrant, gitDir: string) => {
    const body = requestBody(ctx)
    let head
    try {
      head = await readCommands(body)
    } catch (error) {
      if (error instanceof MalformedRequest) return plain(ctx, 400, `Bad request: ${error.message}`)
      throw error
    }
    const tooLarge = pushSizeRefusal(head.updates)
    if (tooLarge !== undefined) return refuseWhole(ctx, body, head, tooLarge)
    const verdicts = await options.runtime.runPromise(authorizePush(grant, head.updates))
    const work = await mkdtemp(join(tmpdir(), "labrador-push-"))
    const rules = join(work, "rules")
    const log = join(work, "applied")
    await writeFile(rules, pushRules(verdicts))
    const hooksDir = verdicts.every(({ verdict }) => verdict._tag === "Allow") ? hookDirs.allowed : hookDirs.checked
    const env = {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "core.hooksPath",
      GIT_CONFIG_VALUE_0: hooksDir,
      LABRADOR_PUSH_RULES: rules,
      LABRADOR_PUSH_LOG: log,
    }
    const process = start(ctx, git("receive-pack", "--stateless-rpc").values(gitDir), env, RECEIVE_PACK_GRACE_MS)
    if (process === undefined) return void (await rm(work, { recursive: true, force: true }))
    process.stdin.write(head.bytes)
    if (head.ended) process.stdin.end()
    else body.pipe(process.stdin)
    stopWhenClientLeaves(ctx, body, process)

    // The response stays open until the push pipeline has run: when `git push` returns, the API shows the push.
    const response = new PassThrough()
    process.stdout.pipe(response, { end: false })
    noCache(ctx, "application/x-git-receive-pack-result")
    ctx.body = response
    void (async () => {
      let applied: ReadonlyArray<RefUpdate> = []
      try {
        const code = await process.exited
        applied = code === 0 ? await readApplied(log) : []
        if (applied.length > 0 && grant.actor._tag === "User")
          await options.runtime.runPromise(
            recordPush(grant.actor.user, grant.details.project.id, applied, options.externalUrl),
          )
      } catch (error) {
        report(error, "push pipeline")
      } finally {
        response.end()
        await rm(work, { recursive: true, force: true })
      }
      // Keeps history walks (the commits list's deep pages, push payloads) fast: only the new
      // commits are written, in a layer of their own. Another push doing the same wins the lock.
      if (applied.length > 0)
        await Effect.runPromise(
          Effect.ignore(runGit(git("commit-graph", "write", "--reachable", "--split", "--no-progress"), { gitDir })),
        )
    })()
  }

  async function serve(ctx: GitHttpContext, match: RegExpExecArray): Promise<void> {
    const [, namespace, project, endpoint] = match as unknown as [string, string, string, string]
    ctx.state.routeTemplate = `/:namespace/:project.git/${endpoint === "info/refs" || endpoint in SERVICES ? endpoint : "*"}`
    const service = endpoint === "info/refs" ? SERVICES[String(ctx.query.service ?? "")] : SERVICES[endpoint]
    const advertisement = endpoint === "info/refs"
    if (service === undefined) return plain(ctx, 403, "Only the smart HTTP protocol is supported (dumb HTTP is not).")
    if (advertisement ? ctx.method !== "GET" && ctx.method !== "HEAD" : ctx.method !== "POST")
      return plain(ctx, 405, "Method Not Allowed")
    if (!advertisement && ctx.get("content-type") !== `application/x-git-${service}-request`)
      return plain(ctx, 415, "Unsupported Media Type")

    const grant = await authorize(ctx, `${namespace}/${project}`, service)
    if (grant === undefined) return
    const gitDir = await Effect.runPromise(repositoryDir(options.root, grant.repo))
    if (advertisement) advertise(ctx, service, gitDir)
    else if (service === "upload-pack") uploadPack(ctx, gitDir)
    else await receivePack(ctx, grant, gitDir)
  }

  // Every request passes here: anything but a git path goes on at once, without an async frame.
  const middleware = (ctx: GitHttpContext, next: () => Promise<unknown>): Promise<unknown> => {
    const match = GIT_PATH.exec(ctx.path)
    return match === null ? next() : serve(ctx, match)
  }
  return Object.assign(middleware, { processes })
}

/** What the post-receive hook wrote: the ref updates git applied, in its order. */
const readApplied = async (log: string): Promise<ReadonlyArray<RefUpdate>> => {
  const text = await readFile(log, "utf8").catch((error: NodeJS.ErrnoException) =>
    error.code === "ENOENT" ? "" : Promise.reject(error),
  )
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [before = "", after = "", ref = ""] = line.split(" ")
      return { before, after, ref }
    })
}
