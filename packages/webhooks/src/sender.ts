import { lookup } from "node:dns/promises"
import { request as httpRequest, type IncomingMessage } from "node:http"
import { request as httpsRequest } from "node:https"
import type { LookupFunction } from "node:net"
import { Effect, Layer } from "effect"
import { HookSender, type AttemptResult } from "@labrador/domain"
import { ipLiteral, isLocalAddress } from "./address.ts"

export interface ResolvedAddress {
  readonly address: string
  readonly family: number
}

export interface SenderOptions {
  /** LABRADOR_HOOKS_ALLOW_LOCAL: let hooks reach loopback and private networks. */
  readonly allowLocal: boolean
  /** The whole of one attempt: resolution, connection, answer headers and excerpt. */
  readonly timeoutMs?: number
  /** Name resolution, asked once per attempt (tests inject one); the system resolver by default. */
  readonly resolve?: (hostname: string) => Promise<ReadonlyArray<ResolvedAddress>>
}

/** hook_deliveries.last_response_excerpt holds 1024 characters: at most 4 bytes each in UTF-8. */
const EXCERPT_CHARS = 1024
const EXCERPT_BYTES = 4 * EXCERPT_CHARS

const systemResolve = (hostname: string) => lookup(hostname, { all: true, verbatim: true })

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`timeout: no answer within ${Math.round(ms)} ms`)
  }
}

/** The status and the first EXCERPT_CHARS of the body; the rest is never read, the socket is destroyed. */
const readExcerpt = (response: IncomingMessage): Promise<{ readonly statusCode: number; readonly excerpt: string }> =>
  new Promise((resolve) => {
    const decoder = new TextDecoder()
    let text = ""
    let bytes = 0
    let finished = false
    const finish = () => {
      if (finished) return
      finished = true
      response.removeAllListeners("data")
      response.destroy()
      resolve({ statusCode: response.statusCode ?? 0, excerpt: (text + decoder.decode()).slice(0, EXCERPT_CHARS) })
    }
    response.on("data", (chunk: Buffer) => {
      const part = chunk.subarray(0, EXCERPT_BYTES - bytes)
      bytes += part.length
      text += decoder.decode(part, { stream: true })
      if (text.length >= EXCERPT_CHARS || bytes >= EXCERPT_BYTES) finish()
    })
    // A body cut short (the deadline, a reset) still leaves the status the receiver answered.
    response.on("end", finish).on("error", finish).on("close", finish)
  })

/** POSTs `body` to `target`, connecting only to `addresses` (already checked), never resolving again. */
const post = (target: URL, addresses: ReadonlyArray<ResolvedAddress>, body: string, timeoutMs: number) =>
  new Promise<{ readonly statusCode: number; readonly excerpt: string }>((resolve, reject) => {
    const pinned: LookupFunction = (_hostname, options, callback) => {
      const [first] = addresses
      if (options.all)
        callback(
          null,
          addresses.map((a) => ({ address: a.address, family: a.family })),
        )
      else callback(null, first!.address, first!.family)
    }
    const hostname = ipLiteral(target.hostname) ?? target.hostname
    let response: IncomingMessage | undefined
    const req = (target.protocol === "https:" ? httpsRequest : httpRequest)(
      {
        method: "POST",
        hostname,
        port: target.port === "" ? undefined : Number(target.port),
        path: `${target.pathname}${target.search}`,
        headers: {
          host: target.host,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Labrador-Hook",
        },
        lookup: pinned,
        // A fresh connection each time: a pooled one could be reused for a name checked against other answers.
        agent: false,
        // TLS names and verifies the host as written (never an IP literal: SNI carries names only).
        ...(ipLiteral(target.hostname) === undefined ? { servername: target.hostname } : {}),
      },
      (answer) => {
        response = answer
        void readExcerpt(answer).then(resolve)
      },
    )
    // At the deadline an answer under way ends with what it has (its status stands); no answer is an error.
    const timer = setTimeout(
      () => (response === undefined ? req.destroy(new AttemptTimeout(timeoutMs)) : response.destroy()),
      timeoutMs,
    )
    req.on("close", () => clearTimeout(timer))
    req.on("error", (error) => response === undefined && reject(error))
    req.end(body)
  })

const withDeadline = <A>(promise: Promise<A>, ms: number): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new AttemptTimeout(ms)), ms)))
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/**
 * The HTTP POST of a hook payload: JSON body, no redirects followed, the status and an excerpt of
 * the answer recorded, the whole attempt bounded in time. The host is resolved once; every answer
 * is checked (local addresses are refused unless the operator allows them) and the connection goes
 * to a checked address, so a name that resolves differently a second time cannot redirect it.
 */
export const hookSenderLayer = (options: SenderOptions) => {
  const timeoutMs = options.timeoutMs ?? 10_000
  const resolve = options.resolve ?? systemResolve
  return Layer.succeed(
    HookSender,
    HookSender.of({
      send: (url, payload) =>
        Effect.promise(async (): Promise<AttemptResult> => {
          const started = performance.now()
          const elapsed = () => performance.now() - started
          try {
            const target = new URL(url)
            const literal = ipLiteral(target.hostname)
            const addresses =
              literal === undefined
                ? await withDeadline(resolve(target.hostname), timeoutMs)
                : [{ address: literal, family: literal.includes(":") ? 6 : 4 }]
            if (addresses.length === 0)
              return { statusCode: null, durationMs: elapsed(), responseExcerpt: null, error: "ENOTFOUND" }
            const local = options.allowLocal ? undefined : addresses.find((a) => isLocalAddress(a.address))
            if (local !== undefined)
              return {
                statusCode: null,
                durationMs: elapsed(),
                responseExcerpt: null,
                error: `refused: ${target.hostname} is a local address (${local.address})`,
              }
            const answer = await post(target, addresses, JSON.stringify(payload), Math.max(1, timeoutMs - elapsed()))
            return {
              statusCode: answer.statusCode,
              durationMs: elapsed(),
              responseExcerpt: answer.excerpt,
              error: null,
            }
          } catch (error) {
            const code = (error as { code?: unknown }).code
            return {
              statusCode: null,
              durationMs: elapsed(),
              responseExcerpt: null,
              error: typeof code === "string" ? code : error instanceof Error ? error.message : String(error),
            }
          }
        }),
    }),
  )
}
